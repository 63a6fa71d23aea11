"""The floor: a bare asyncio server that writes one pre-serialized event to N sockets.

Nothing in Python can fan out faster than this loop of ``transport.write`` calls; moot's
fan-out is measured against it in the same run.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

HEADERS = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-store\r\n\r\n"


class Listener(asyncio.Protocol):
    def __init__(self, floor: FloorServer) -> None:
        self.floor = floor
        self.transport: asyncio.Transport | None = None
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if b"\r\n\r\n" in self.buffer and self.transport is not None:
            self.transport.write(HEADERS + b": connected\n\n")
            self.floor.transports.append(self.transport)


@dataclass
class FloorServer:
    server: asyncio.AbstractServer | None = None
    port: int = 0
    transports: list[asyncio.Transport] = field(default_factory=list)

    async def fire(self, index: int) -> None:
        event = {
            "type": "stack.joined",
            "data": {
                "meeting_id": 1,
                "version": index,
                "entry": {"id": index, "person_id": 7, "name": "Ana", "kind": "speak"},
                "order": list(range(12)),
            },
        }
        payload = b"data: " + json.dumps(event, separators=(",", ":")).encode() + b"\n\n"
        for transport in self.transports:
            transport.write(payload)

    async def stop(self) -> None:
        for transport in self.transports:
            transport.close()
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()


async def start_floor_server() -> FloorServer:
    floor = FloorServer()
    loop = asyncio.get_running_loop()
    floor.server = await loop.create_server(lambda: Listener(floor), "127.0.0.1", 0, backlog=4096)
    floor.port = floor.server.sockets[0].getsockname()[1]
    return floor
