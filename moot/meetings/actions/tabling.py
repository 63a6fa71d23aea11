"""Tabling: an item deferred to a later meeting is never lost.

A tabled item is carried onto the group's next regular meeting still to come, as a new
item that keeps its kind, title, description, time box, committee and proposal and links back
with ``carried_from`` — so the chain of carries can be followed. If no such meeting
exists yet, the item waits and is carried when the next meeting is scheduled. Each item
is carried at most once (a database constraint holds it); tabled again, the carried
item carries on in turn. Emergency meetings keep to the agenda they were called with.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.groups.trail import note_change
from moot.meetings import queries
from moot.meetings.actions.breakouts import close_breakout
from moot.meetings.actions.common import (
    ItemDraft,
    check_open,
    create_item,
    locked_item,
    next_position,
)
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import AgendaItem, ItemStatus, Meeting

TABLED_REASON_MAX = 500


@transaction.atomic
def do_table_item(item: AgendaItem, reason: str = "") -> AgendaItem | None:
    """Defer ``item``; returns the carried copy if a next meeting exists already."""
    locked_item(item)
    meeting = item.meeting
    check_open(meeting)
    if item.status not in (ItemStatus.PENDING, ItemStatus.ACTIVE):
        raise ActionError(_("Only an item not yet done can be tabled."), 409)
    reason = (reason or "").strip()
    if len(reason) > TABLED_REASON_MAX:
        raise ActionError(
            _("A reason can have at most %(max)d characters.") % {"max": TABLED_REASON_MAX}, 400
        )
    breakout = item.breakouts.filter(closed_at__isnull=True).first()
    if breakout is not None:  # its report-backs still join the agenda
        close_breakout(breakout, timezone.now(), finish_item=False)
    note_change(
        meeting.group,
        None,
        "item.tabled",
        meeting,
        _("“%(title)s” tabled.") % {"title": item.title},
    )
    return table(item, reason)


def table(item: AgendaItem, reason: str) -> AgendaItem | None:
    """Mark ``item`` tabled and carry it on (the caller has checked and locked)."""
    meeting = item.meeting
    item.status, item.tabled_reason, item.ended_at = ItemStatus.TABLED, reason, timezone.now()
    item.save(update_fields=["status", "tabled_reason", "ended_at"])
    if meeting.current_item_id == item.pk:
        meeting.current_item = None
        meeting.save(update_fields=["current_item"])
    target = queries.next_meeting_after(meeting)
    carried = carry(item, target) if target is not None else None
    publish_meeting_event(
        meeting,
        "agenda.item_tabled",
        {
            "item": queries.item_data(item),
            "carried_to_meeting_id": target.pk if target is not None else None,
        },
    )
    return carried


def carry(item: AgendaItem, target: Meeting) -> AgendaItem:
    draft = ItemDraft(
        title=item.title,
        kind=item.kind,
        description=item.description,
        time_box_minutes=item.time_box_minutes,
        committee=item.committee,
    )
    copy = create_item(target, draft, next_position(target), carried_from=item)
    if item.proposal_id is not None:  # the proposal goes with it, still to be decided
        copy.proposal_id = item.proposal_id
        copy.save(update_fields=["proposal"])
    publish_meeting_event(target, "agenda.item_added", {"item": queries.item_data(copy)})
    return copy


def carry_waiting_items(meeting: Meeting) -> list[AgendaItem]:
    """Carry onto a newly scheduled ``meeting`` every item tabled before it that waits."""
    if meeting.is_emergency:
        return []
    return [carry(item, meeting) for item in queries.waiting_tabled_items(meeting)]
