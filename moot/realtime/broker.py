"""The broker carries each published message to every listener of its stream.

In one process it is a dictionary of listeners, called at once. With ``REDIS_URL`` set,
a message goes to Redis instead and every server process relays what Redis brings to
its own listeners (``relay_from_redis``), so several processes share one room and each
message reaches each process exactly once. A message is serialized once; the same
bytes reach every listener.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings

Listener = Callable[[str, bytes], None]
log = logging.getLogger(__name__)
REDIS_PREFIX = "moot:live:"


class Broker:
    def __init__(self) -> None:
        self._listeners: defaultdict[str, set[Listener]] = defaultdict(set)
        self._redis: Any = None
        self.published: list[tuple[str, bytes]] | None = None  # a list records, for tests

    def subscribe(self, stream: str, listener: Listener) -> None:
        self._listeners[stream].add(listener)

    def unsubscribe(self, stream: str, listener: Listener) -> None:
        listeners = self._listeners.get(stream)
        if listeners is not None:
            listeners.discard(listener)
            if not listeners:
                del self._listeners[stream]

    def listener_count(self, stream: str) -> int:
        return len(self._listeners.get(stream, ()))

    def publish(self, stream: str, message: bytes) -> None:
        if self.published is not None:
            self.published.append((stream, message))
        if settings.REDIS_URL:
            self._redis_client().publish(REDIS_PREFIX + stream, message)
        else:
            self.deliver(stream, message)

    def deliver(self, stream: str, message: bytes) -> None:
        for listener in list(self._listeners.get(stream, ())):
            try:
                listener(stream, message)
            except Exception:  # one broken listener must not starve the others
                log.exception("live listener failed on %s", stream)

    def _redis_client(self) -> Any:
        if self._redis is None:
            import redis

            self._redis = redis.Redis.from_url(settings.REDIS_URL)
        return self._redis


async def relay_from_redis(target: Broker, ready: asyncio.Event | None = None) -> None:
    """Deliver every message published through Redis to this process's listeners."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(settings.REDIS_URL, max_connections=1000)
    async with client.pubsub() as pubsub:
        await pubsub.psubscribe(REDIS_PREFIX + "*")
        if ready is not None:
            ready.set()
        async for item in pubsub.listen():
            if item["type"] == "pmessage":
                stream = item["channel"].decode()[len(REDIS_PREFIX) :]
                target.deliver(stream, item["data"])


broker = Broker()
