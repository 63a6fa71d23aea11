"""Circles: the talking piece goes round the people present, in the order they arrived.

The facilitator starts a circle (a check-in, say); the piece's holder speaks and says
"done", or passes — the holder themself or the facilitator for them, and nobody but the
holder can take the turn. Each holding is a speech in the speaking record (a pass with
no seconds). When the piece has gone round, the circle ends by itself; the facilitator
may also end it early. Moves follow ``moot.core.circle.Circle``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.core.circle import Circle, CircleError
from moot.groups.errors import ActionError
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import AgendaItem, Meeting
from moot.rooms import queries
from moot.rooms.actions.common import end_current_turn, lock_live_meeting, open_turn
from moot.rooms.models import RoomCircle, TurnOutcome, TurnSource


@transaction.atomic
def do_start_circle(meeting: Meeting, item: AgendaItem | None = None) -> RoomCircle:
    """A circle over the people present; the speech under way (if any) ends."""
    meeting = lock_live_meeting(meeting)
    if queries.open_circle(meeting) is not None:
        raise ActionError(_("A circle is already going round."), 409)
    present = queries.present_in_arrival_order(meeting)
    if not present:
        raise ActionError(_("Nobody is marked present, so there is nobody to go round."), 409)
    now = timezone.now()
    end_current_turn(meeting, now)
    room_circle = RoomCircle(meeting=meeting, item=item or meeting.current_item, started_at=now)
    room_circle.circle = Circle.start(present)
    room_circle.save()
    publish_meeting_event(meeting, "circle.started", {"circle": queries.circle_data(room_circle)})
    _hand_piece_on(meeting, room_circle)
    return room_circle


@transaction.atomic
def do_speak_in_circle(meeting: Meeting, person_id: int) -> RoomCircle:
    """The holder has spoken; the piece moves on."""
    return _take_turn(meeting, person_id, TurnOutcome.SPOKE)


@transaction.atomic
def do_pass_in_circle(meeting: Meeting, person_id: int) -> RoomCircle:
    """The holder passes without speaking; the piece moves on."""
    return _take_turn(meeting, person_id, TurnOutcome.PASSED)


@transaction.atomic
def do_end_circle(meeting: Meeting) -> RoomCircle:
    """The facilitator ends the circle before it has gone round."""
    meeting = lock_live_meeting(meeting)
    room_circle = _open_circle(meeting)
    now = timezone.now()
    end_current_turn(meeting, now)
    room_circle.ended_at = now
    room_circle.save(update_fields=["ended_at"])
    publish_meeting_event(meeting, "circle.ended", {"circle_id": room_circle.pk})
    return room_circle


def _take_turn(meeting: Meeting, person_id: int, outcome: str) -> RoomCircle:
    meeting = lock_live_meeting(meeting)
    room_circle = _open_circle(meeting)
    circle = room_circle.circle
    try:
        moved = (
            circle.speak_done(person_id)
            if outcome == TurnOutcome.SPOKE
            else circle.pass_turn(person_id)
        )
    except CircleError:
        raise ActionError(
            _("Only the holder of the talking piece can take this turn."), 400
        ) from None
    now = timezone.now()
    end_current_turn(meeting, now, outcome)
    room_circle.circle = moved
    room_circle.ended_at = now if moved.is_complete else None
    room_circle.save(update_fields=["state", "ended_at"])
    publish_meeting_event(
        meeting,
        "circle.moved",
        {
            "circle_id": room_circle.pk,
            "person_id": person_id,
            "turn": outcome,
            "holder_id": moved.holder,
            "complete": moved.is_complete,
        },
    )
    _hand_piece_on(meeting, room_circle)
    return room_circle


def _hand_piece_on(meeting: Meeting, room_circle: RoomCircle) -> None:
    """The new holder's turn opens, with its countdown."""
    holder = room_circle.circle.holder
    if holder is not None:
        person = User.objects.get(pk=holder)
        open_turn(meeting, person, timezone.now(), source=TurnSource.CIRCLE)


def _open_circle(meeting: Meeting) -> RoomCircle:
    room_circle = queries.open_circle(meeting)
    if room_circle is None:
        raise ActionError(_("No circle is going round."), 409)
    return room_circle
