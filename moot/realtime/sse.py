"""Live streams over Server-Sent Events, fanned out in plain ASGI.

``GET /live/?s=meeting:5&s=meeting-control:5`` holds one connection per browser tab. It
first receives one ``snapshot`` event per stream (the full current state), then every
event published to those streams. Each event is framed once and the same bytes are
written to every connection in one loop — the cheapest fan-out there is in Python
(per-connection queues cost several times more; see docs/benchmarks.md).

Actions publish from worker threads on commit; the broker's listener hands the message
to the event loop with ``call_soon_threadsafe``; one task per stream writes it out in
order. While a new connection's snapshot is being read, events for it are held and
sent after the snapshot, so nothing falls between the two.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from django.conf import settings

from moot.realtime.broker import Broker, broker, relay_from_redis
from moot.realtime.streams import STREAM_KINDS, split_stream

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 20
MAX_STREAMS = 4
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
]


def frame(message: bytes) -> bytes:
    return b"data: " + message + b"\n\n"


class Connection:
    __slots__ = ("held", "send")

    def __init__(self, send: Any) -> None:
        self.send = send
        self.held: list[bytes] | None = []  # events that arrive before the snapshot


class Fanout:
    """The connections of this process, by stream, and the loop that writes to them."""

    def __init__(self, source: Broker) -> None:
        self.source = source
        self.connections: defaultdict[str, set[Connection]] = defaultdict(set)
        self.queues: dict[str, asyncio.Queue[bytes]] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.background: list[asyncio.Task[None]] = []
        # Snapshots are the same for every listener of a stream until its next event:
        # read once, sent to all who connect meanwhile. ``generation`` tells a snapshot
        # read before an event from one read after it.
        self.snapshots: dict[str, bytes] = {}
        self.open_to_anyone: set[str] = set()
        self.generation: defaultdict[str, int] = defaultdict(int)

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        if self.loop is loop:
            return
        # A new server loop (a restart in the same process): forget the old one's state.
        for stream in list(self.connections):
            self.source.unsubscribe(stream, self.on_message)
        self.connections.clear()
        self.queues.clear()
        self.background = []
        self.loop = loop
        self.background.append(self.loop.create_task(self._heartbeat()))
        if settings.REDIS_URL:
            self.background.append(self.loop.create_task(relay_from_redis(self.source)))

    def add(self, stream: str, connection: Connection) -> None:
        if not self.connections[stream]:
            self.source.subscribe(stream, self.on_message)
        self.connections[stream].add(connection)

    def remove(self, stream: str, connection: Connection) -> None:
        members = self.connections.get(stream)
        if members is None:
            return
        members.discard(connection)
        if not members:
            del self.connections[stream]
            self.source.unsubscribe(stream, self.on_message)
            self.forget(stream)

    def forget(self, stream: str) -> None:
        """Drop what is cached of a stream: it changed, or nobody listens any more."""
        self.generation[stream] += 1
        self.snapshots.pop(stream, None)
        self.open_to_anyone.discard(stream)

    def remember(self, stream: str, generation: int, snapshot: bytes, public: bool) -> None:
        if self.generation[stream] == generation and stream in self.connections:
            self.snapshots[stream] = snapshot
            if public:
                self.open_to_anyone.add(stream)

    def on_message(self, stream: str, message: bytes) -> None:
        """Called by the broker in any thread."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._enqueue, stream, frame(message))

    def _enqueue(self, stream: str, data: bytes) -> None:
        self.forget(stream)
        queue = self.queues.get(stream)
        if queue is None:
            queue = self.queues[stream] = asyncio.Queue()
            asyncio.get_running_loop().create_task(self._drain(stream, queue))
        queue.put_nowait(data)

    async def _drain(self, stream: str, queue: asyncio.Queue[bytes]) -> None:
        while not queue.empty():
            data = queue.get_nowait()
            await self.write_all(stream, data)
        del self.queues[stream]

    async def write_all(self, stream: str, data: bytes) -> None:
        body = {"type": "http.response.body", "body": data, "more_body": True}
        for connection in list(self.connections.get(stream, ())):
            if connection.held is not None:
                connection.held.append(data)
                continue
            try:
                await connection.send(body)
            except Exception:  # the client went away mid-write
                self.remove(stream, connection)

    async def _heartbeat(self) -> None:
        ping = {"type": "http.response.body", "body": b": ping\n\n", "more_body": True}
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            everyone = {c for members in self.connections.values() for c in members}
            for connection in everyone:
                if connection.held is None:
                    try:
                        await connection.send(ping)
                    except Exception:
                        log.debug("heartbeat to a closed connection")


fanout = Fanout(broker)


def requested_streams(scope: dict[str, Any]) -> list[str]:
    query = parse_qs(scope.get("query_string", b"").decode())
    streams = list(dict.fromkeys(query.get("s", [])))
    if not streams or len(streams) > MAX_STREAMS:
        return []
    return [s for s in streams if split_stream(s)[0] in STREAM_KINDS]


def _user_from_cookies(headers: list[tuple[bytes, bytes]]) -> Any:
    from django.contrib.auth import get_user
    from django.http import HttpRequest
    from django.http.cookie import parse_cookie
    from django.utils.module_loading import import_string

    cookie = b"; ".join(v for k, v in headers if k == b"cookie").decode("latin-1")
    request = HttpRequest()
    request.COOKIES = parse_cookie(cookie)
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    request.session = store(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    return get_user(request)


Opened = list[tuple[str, bytes, bool]]  # stream, snapshot frame, readable by anyone


def _open(headers: list[tuple[bytes, bytes]], cached: dict[str, bytes | None]) -> Opened | None:
    """Authorize every stream and read the snapshots not cached; None if any is refused."""
    from django.db import close_old_connections

    close_old_connections()
    try:
        user = _user_from_cookies(headers)
        opened = []
        for stream, snapshot in cached.items():
            kind, key = split_stream(stream)
            handler = STREAM_KINDS[kind]
            if not handler.authorize(user, key):
                return None
            if snapshot is None:
                state = handler.snapshot(user, key)
                message = {"type": "snapshot", "stream": stream, "data": state}
                snapshot = frame(json.dumps(message, separators=(",", ":")).encode())
            opened.append((stream, snapshot, not user.is_authenticated))
        return opened
    finally:
        close_old_connections()


def _has_session(headers: list[tuple[bytes, bytes]]) -> bool:
    name = settings.SESSION_COOKIE_NAME.encode()
    return any(k == b"cookie" and name + b"=" in v for k, v in headers)


async def snapshots_for(
    headers: list[tuple[bytes, bytes]], streams: list[str]
) -> list[bytes] | None:
    """The snapshot of each stream, for this listener; None if any stream is refused.

    Someone with no session asking only for streams already open to anyone is served
    from the cache without touching the database at all.
    """
    if not _has_session(headers) and all(s in fanout.open_to_anyone for s in streams):
        return [fanout.snapshots[s] for s in streams]
    generations = {s: fanout.generation[s] for s in streams}
    cached = {s: fanout.snapshots.get(s) for s in streams}
    opened = await sync_to_async(_open, thread_sensitive=False)(headers, cached)
    if opened is None:
        return None
    for stream, snapshot, public in opened:
        fanout.remember(stream, generations[stream], snapshot, public)
    return [snapshot for _, snapshot, _ in opened]


async def refuse(send: Any, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


async def live_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    fanout.start()
    streams = requested_streams(scope)
    if scope.get("method") != "GET" or not streams:
        await refuse(send, 400, "Ask for one to four known streams: /live/?s=kind:key")
        return
    connection = Connection(send)
    for stream in streams:
        fanout.add(stream, connection)
    try:
        snapshots = await snapshots_for(scope["headers"], streams)
        if snapshots is None:
            await refuse(send, 404, "There is nothing here, or you may not see it.")
            return
        await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
        held, connection.held = connection.held or [], None
        body = b": connected\n\n" + b"".join(snapshots) + b"".join(held)
        await send({"type": "http.response.body", "body": body, "more_body": True})
        while (await receive())["type"] != "http.disconnect":
            pass
    finally:
        for stream in streams:
            fanout.remove(stream, connection)
