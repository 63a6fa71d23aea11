"""Publishing a meeting's live events.

Every change to a meeting's live state raises the meeting's ``version`` in the same
transaction and publishes its event with that version on commit. A client that sees a
version jump (it missed an event) reconnects and receives the whole room again.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F

from moot.meetings.models import Meeting
from moot.realtime.events import publish_on_commit


def meeting_stream(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def facilitation_stream(meeting_id: int) -> str:
    """Only the facilitators listen here (e.g. each signal with who sent it)."""
    return f"facilitation:{meeting_id}"


def next_version(meeting: Meeting) -> int:
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
    meeting.version = Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk)
    return meeting.version


def publish_meeting_event(meeting: Meeting, event_type: str, payload: dict[str, Any]) -> None:
    """Publish ``event_type`` to the meeting's stream; the payload's schema must have
    ``meeting_id`` and ``version`` fields, which this fills in."""
    version = next_version(meeting)
    publish_on_commit(
        meeting_stream(meeting.pk),
        event_type,
        {**payload, "meeting_id": meeting.pk, "version": version},
    )
