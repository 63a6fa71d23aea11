"""The speaking stack: people join and leave it, the facilitator approves jumps, calls
the next speaker (in the order ``moot.core.stack`` gives) and ends speeches.

A person holds at most one waiting entry of each kind. Calling the next speaker ends
the speech under way. While a circle goes round, the stack waits.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import Meeting
from moot.rooms import queries
from moot.rooms.actions.common import end_current_turn, lock_live_meeting, open_turn
from moot.rooms.models import (
    EntryOutcome,
    RequestKind,
    SpeakingTurn,
    StackEntry,
    TurnSource,
)


@transaction.atomic
def do_join_stack(user: User, meeting: Meeting, kind: str = RequestKind.SPEAK) -> StackEntry:
    """``user`` waits to speak, or asks to jump the stack with a point or response."""
    meeting = lock_live_meeting(meeting)
    if kind not in RequestKind.values:
        raise ActionError(_("Unknown kind of request."), 400)
    if StackEntry.objects.filter(
        meeting=meeting, user=user, kind=kind, closed_at__isnull=True
    ).exists():
        raise ActionError(_already_waiting(kind), 409)
    last = StackEntry.objects.filter(meeting=meeting).aggregate(last=Max("joined_seq"))["last"]
    try:
        with transaction.atomic():
            entry = StackEntry.objects.create(
                meeting=meeting, user=user, kind=kind, joined_seq=(last or 0) + 1
            )
    except IntegrityError:  # a second tap that slipped past the check
        raise ActionError(_already_waiting(kind), 409) from None
    publish_meeting_event(
        meeting,
        "stack.joined",
        {"entry": queries.entry_data(entry), "order": queries.order_ids(meeting)},
    )
    return entry


def _already_waiting(kind: str) -> str:
    if kind == RequestKind.SPEAK:
        return _("You are already on the stack.")
    return _("You already have a %(request)s waiting.") % {
        "request": RequestKind(kind).label.lower()
    }


@transaction.atomic
def do_leave_stack(user: User, meeting: Meeting, kind: str | None = None) -> list[StackEntry]:
    """``user`` leaves the stack (their entry of ``kind``, or all of them)."""
    meeting = lock_live_meeting(meeting)
    waiting = StackEntry.objects.filter(meeting=meeting, user=user, closed_at__isnull=True)
    if kind is not None:
        waiting = waiting.filter(kind=kind)
    entries = list(waiting.select_related("user"))
    if not entries:
        raise ActionError(_("You are not on the stack."), 400)
    now = timezone.now()
    for entry in entries:
        entry.closed_at, entry.outcome = now, EntryOutcome.LEFT
        entry.save(update_fields=["closed_at", "outcome"])
    order = queries.order_ids(meeting)
    for entry in entries:
        publish_meeting_event(meeting, "stack.left", {"entry_id": entry.pk, "order": order})
    return entries


@transaction.atomic
def do_approve_jump(meeting: Meeting, entry_id: int) -> StackEntry:
    """The facilitator lets a point of process or a response jump the stack."""
    meeting = lock_live_meeting(meeting)
    entry = _waiting_entry(meeting, entry_id)
    if entry.kind == RequestKind.SPEAK:
        raise ActionError(_("Only a point of process or a response can jump the stack."), 400)
    if entry.approved:
        raise ActionError(_("This request is already approved."), 409)
    entry.approved = True
    entry.save(update_fields=["approved"])
    publish_meeting_event(
        meeting,
        "stack.approved",
        {"entry": queries.entry_data(entry), "order": queries.order_ids(meeting)},
    )
    return entry


@transaction.atomic
def do_call_next(meeting: Meeting, entry_id: int | None = None) -> SpeakingTurn:
    """End the speech under way and call the next in order (or the entry chosen)."""
    meeting = lock_live_meeting(meeting)
    if queries.open_circle(meeting) is not None:
        raise ActionError(_("A circle is going round; end it before calling from the stack."), 409)
    if entry_id is not None:
        entry = _waiting_entry(meeting, entry_id)
    else:
        ordered = queries.stack_in_order(meeting)
        if not ordered:
            raise ActionError(_("Nobody is waiting on the stack."), 409)
        entry = ordered[0]
    now = timezone.now()
    end_current_turn(meeting, now)
    entry.closed_at, entry.outcome = now, EntryOutcome.CALLED
    entry.save(update_fields=["closed_at", "outcome"])
    return open_turn(
        meeting, entry.user, now, source=TurnSource.STACK, kind=entry.kind, entry_id=entry.pk
    )


@transaction.atomic
def do_end_speech(meeting: Meeting) -> SpeakingTurn:
    """The speech under way ends (the facilitator or the speaker says so)."""
    meeting = lock_live_meeting(meeting)
    turn = queries.current_turn(meeting)
    if turn is None:
        raise ActionError(_("Nobody is speaking."), 409)
    if turn.source == TurnSource.CIRCLE:
        raise ActionError(
            _("In a circle, the holder of the talking piece ends with “Done” or “Pass”."), 409
        )
    ended = end_current_turn(meeting, timezone.now())
    assert ended is not None
    return ended


def _waiting_entry(meeting: Meeting, entry_id: int) -> StackEntry:
    entry = (
        StackEntry.objects.filter(meeting=meeting, pk=entry_id, closed_at__isnull=True)
        .select_related("user")
        .first()
    )
    if entry is None:
        raise ActionError(_("That person is not waiting on the stack."), 404)
    return entry
