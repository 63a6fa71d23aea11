"""The benchmark's participants: N Server-Sent-Events connections in their own process.

Run by ``bench/live_room.py``. Each connection notes the moment (``time.monotonic``,
shared by all processes on the machine) at which each new event arrives. Speaks to
its parent over stdin/stdout: prints ``READY <seconds to connect>``, then on
``COLLECT <k>`` prints, as JSON, for each of the k events the arrival times at every
connection that got it.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass

TOKEN = b"data: "
BATCH = 500  # connections opened at once; the listen backlog is finite


class Participant(asyncio.Protocol):
    def __init__(self, request: bytes) -> None:
        self.request = request
        self.tail = b""
        self.seen = 0
        self.baseline: int | None = None
        self.arrivals: list[float] = []
        self.connected = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.write(self.request)  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        now = time.monotonic()
        chunk = self.tail + data
        found = chunk.count(TOKEN)
        self.tail = chunk[-(len(TOKEN) - 1) :]
        if self.tail.count(TOKEN):  # never: the tail is shorter than the token
            found -= 1
        if not self.connected.done() and b"\r\n\r\n" in chunk:
            self.connected.set_result(None)
        for _ in range(found):
            self.seen += 1
            if self.baseline is not None:
                self.arrivals.append(now)


async def open_all(n: int, port: int, path: str) -> list[Participant]:
    loop = asyncio.get_running_loop()
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    ).encode()
    people: list[Participant] = []
    for start in range(0, n, BATCH):
        batch = [Participant(request) for _ in range(min(BATCH, n - start))]
        await asyncio.gather(
            *(loop.create_connection(lambda p=p: p, "127.0.0.1", port) for p in batch)
        )
        await asyncio.gather(*(p.connected for p in batch))
        people += batch
    await asyncio.sleep(0.5)  # let every snapshot arrive
    for person in people:
        person.baseline = person.seen
    return people


async def child(n: int, port: int, path: str) -> None:
    started = time.monotonic()
    people = await open_all(n, port, path)
    print(f"READY {time.monotonic() - started:.3f}", flush=True)
    loop = asyncio.get_running_loop()
    line = await loop.run_in_executor(None, sys.stdin.readline)
    fires, timeout = (float(x) for x in line.split()[1:3])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(len(p.arrivals) < fires for p in people):
        await asyncio.sleep(0.05)
    arrivals = [[p.arrivals[i] for p in people if len(p.arrivals) > i] for i in range(int(fires))]
    print(json.dumps(arrivals), flush=True)


@dataclass
class Clients:
    process: asyncio.subprocess.Process
    connect_seconds: float

    async def collect(self, fires: int, timeout: float) -> list[list[float]]:
        assert self.process.stdin
        assert self.process.stdout
        self.process.stdin.write(f"COLLECT {fires} {timeout}\n".encode())
        await self.process.stdin.drain()
        line = await self.process.stdout.readline()
        await self.process.wait()
        result: list[list[float]] = json.loads(line)
        return result


async def run_clients_in_subprocess(n: int, port: int, path: str) -> Clients:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        str(n),
        str(port),
        path,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=2**28,
    )
    assert process.stdout
    line = (await asyncio.wait_for(process.stdout.readline(), 120)).decode()
    if not line.startswith("READY"):
        raise RuntimeError(f"the clients did not connect: {line!r}")
    return Clients(process, float(line.split()[1]))


if __name__ == "__main__":
    asyncio.run(child(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
