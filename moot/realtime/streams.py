"""Kinds of live stream, and who may listen to each.

An app registers a stream kind (``"meeting"``, ``"group"`` …) with two functions: who
may listen to a stream of that kind, and the full current state a listener receives
when it connects — so a client that reconnects is never out of date. Both run in a
worker thread and may use the ORM. A snapshot must be the same for everyone allowed to
listen: it is read once and reused for every listener until the stream's next event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Authorize = Callable[[Any, str], bool]
Snapshot = Callable[[Any, str], dict[str, Any]]


@dataclass(frozen=True)
class StreamKind:
    authorize: Authorize
    snapshot: Snapshot


STREAM_KINDS: dict[str, StreamKind] = {}


def register_stream(kind: str, *, authorize: Authorize, snapshot: Snapshot) -> None:
    STREAM_KINDS[kind] = StreamKind(authorize, snapshot)


def split_stream(stream: str) -> tuple[str, str]:
    kind, _, key = stream.partition(":")
    return kind, key
