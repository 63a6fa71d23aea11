"""Live events: one schema per event type, published only after the change commits.

An action calls ``publish_on_commit(stream, type, payload)``. The payload is checked
against the event type's schema at once (a wrong payload is a bug, found in tests),
serialized once, and handed to the broker when the transaction commits — so nobody
ever sees an event for a change that was rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import transaction
from pydantic import BaseModel, ConfigDict

from moot.realtime.broker import broker

EVENT_SCHEMAS: dict[str, type[BaseModel]] = {}


class EventSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")


def event_schema(event_type: str) -> Callable[[type[BaseModel]], type[BaseModel]]:
    """Register the schema of one event type."""

    def register(cls: type[BaseModel]) -> type[BaseModel]:
        if event_type in EVENT_SCHEMAS:
            raise ValueError(f"event type {event_type!r} has two schemas")
        EVENT_SCHEMAS[event_type] = cls
        return cls

    return register


def serialize_event(event_type: str, payload: dict[str, Any]) -> bytes:
    schema = EVENT_SCHEMAS.get(event_type)
    if schema is None:
        raise KeyError(f"unknown event type {event_type!r}")
    data = schema.model_validate(payload).model_dump(mode="json")
    return json.dumps({"type": event_type, "data": data}, separators=(",", ":")).encode()


def publish_on_commit(stream: str, event_type: str, payload: dict[str, Any]) -> None:
    message = serialize_event(event_type, payload)
    transaction.on_commit(lambda: broker.publish(stream, message))
