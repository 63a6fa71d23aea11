"""The room's live streams: ``meeting:<id>`` for everyone who may see the meeting, and
``facilitation:<id>`` for its facilitators only. A listener first receives the whole
room (``queries.room_state``), then every event."""

from __future__ import annotations

from typing import Any

from moot.meetings.models import Meeting
from moot.realtime.streams import register_stream
from moot.rooms import queries


def _meeting(key: str) -> Meeting | None:
    if not key.isdigit():
        return None
    return Meeting.objects.select_related("group", "current_item").filter(pk=int(key)).first()


def authorize_meeting(user: Any, key: str) -> bool:
    meeting = _meeting(key)
    return meeting is not None and bool(user.has_perm("rooms.view_room", meeting))


def authorize_facilitation(user: Any, key: str) -> bool:
    meeting = _meeting(key)
    return meeting is not None and bool(user.has_perm("rooms.facilitate", meeting))


def meeting_snapshot(user: Any, key: str) -> dict[str, Any]:
    meeting = _meeting(key)
    assert meeting is not None
    return queries.room_state(meeting)


def facilitation_snapshot(user: Any, key: str) -> dict[str, Any]:
    meeting = _meeting(key)
    assert meeting is not None
    return queries.facilitation_state(meeting)


def register() -> None:
    register_stream("meeting", authorize=authorize_meeting, snapshot=meeting_snapshot)
    register_stream(
        "facilitation", authorize=authorize_facilitation, snapshot=facilitation_snapshot
    )
