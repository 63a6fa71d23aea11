"""The broker hands each published message to every listener of its stream.

In one process it is a dictionary of listeners. With ``REDIS_URL`` set, a message is
also published to Redis, and each process relays what Redis brings to its own
listeners, so several server processes share one room. A message is serialized once
and the same bytes go to every listener.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable

Listener = Callable[[bytes], None]
log = logging.getLogger(__name__)


class Broker:
    def __init__(self) -> None:
        self._listeners: defaultdict[str, set[Listener]] = defaultdict(set)
        self.published: list[tuple[str, bytes]] | None = None  # set to a list to record

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
        self.deliver(stream, message)

    def deliver(self, stream: str, message: bytes) -> None:
        for listener in list(self._listeners.get(stream, ())):
            try:
                listener(message)
            except Exception:  # one broken listener must not starve the others
                log.exception("live listener failed on %s", stream)


broker = Broker()
