"""What every room action shares: the meeting must be in session and is locked for the
action, and a speech opens and closes the same way from the stack or a circle."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import Meeting, MeetingStatus
from moot.rooms import queries
from moot.rooms.models import RequestKind, SpeakingTurn, TurnOutcome, TurnSource


def lock_live_meeting(meeting: Meeting) -> Meeting:
    """The meeting, locked until the action commits, if it is in session.

    The lock makes each action's checks hold until its write: two people joining the
    stack at once, or two taps on "call next", queue instead of racing.
    """
    locked = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    if locked.status != MeetingStatus.LIVE:
        raise ActionError(_("This meeting is not in session."), 409)
    return locked


def end_current_turn(
    meeting: Meeting, now: datetime, outcome: str = TurnOutcome.SPOKE
) -> SpeakingTurn | None:
    """End the speech under way, if any, keeping the seconds spoken."""
    turn = queries.current_turn(meeting)
    if turn is None:
        return None
    turn.ended_at = now
    turn.outcome = outcome
    spoken = int((now - turn.started_at).total_seconds())
    turn.seconds = 0 if outcome == TurnOutcome.PASSED else max(spoken, 0)
    turn.save(update_fields=["ended_at", "outcome", "seconds"])
    publish_meeting_event(
        meeting,
        "speech.ended",
        {
            "turn_id": turn.pk,
            "person_id": turn.user_id,
            "seconds": turn.seconds,
            "outcome": turn.outcome,
        },
    )
    return turn


def open_turn(
    meeting: Meeting,
    person: User,
    now: datetime,
    *,
    source: str = TurnSource.STACK,
    kind: str = RequestKind.SPEAK,
    entry_id: int | None = None,
) -> SpeakingTurn:
    """Start a speech; its countdown ends ``meeting.speaker_seconds`` from now."""
    turn = SpeakingTurn.objects.create(
        meeting=meeting,
        user=person,
        source=source,
        kind=kind,
        entry_id=entry_id,
        item=meeting.current_item,
        started_at=now,
        ends_at=now + timedelta(seconds=meeting.speaker_seconds),
    )
    publish_meeting_event(
        meeting,
        "speech.started",
        {
            "turn": queries.turn_data(turn),
            "entry_id": entry_id,
            "order": queries.order_ids(meeting),
        },
    )
    return turn
