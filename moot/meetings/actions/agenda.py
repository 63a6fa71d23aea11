"""Editing the agenda while the meeting is scheduled or in session.

Items are added, edited, moved and removed; positions stay 0, 1, 2 … in agenda order.
What is done or tabled stays on the record as it was: only items not yet done can be
edited, and only items not yet started can be removed. An emergency meeting keeps at
least one item, because it was called for it. A proposal item names the one open
proposal of the group that it decides.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from moot.decisions.models import Proposal
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings import queries
from moot.meetings.actions.common import (
    ItemDraft,
    check_open,
    clean_draft,
    create_item,
    locked,
    locked_item,
    next_position,
    renumber,
)
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import AgendaItem, ItemKind, ItemStatus, Meeting


@transaction.atomic
def do_add_item(meeting: Meeting, draft: ItemDraft, position: int | None = None) -> AgendaItem:
    """Add an item at the end, or at ``position`` (0 is first)."""
    locked(meeting)
    check_open(meeting)
    draft = clean_draft(meeting.group, draft)
    item = create_item(meeting, draft, next_position(meeting))
    if position is not None:
        _place(meeting, item, position)
    publish_meeting_event(meeting, "agenda.item_added", {"item": queries.item_data(item)})
    return item


@transaction.atomic
def do_update_item(
    item: AgendaItem,
    *,
    title: str,
    kind: str,
    description: str = "",
    time_box_minutes: int | None = None,
    committee: Group | None = None,
) -> AgendaItem:
    locked_item(item)
    check_open(item.meeting)
    if item.status not in (ItemStatus.PENDING, ItemStatus.ACTIVE):
        raise ActionError(_("This item is done or tabled; its record stays as it was."), 409)
    draft = clean_draft(
        item.meeting.group,
        ItemDraft(
            title=title,
            kind=kind,
            description=description,
            time_box_minutes=time_box_minutes,
            committee=committee,
        ),
    )
    item.title, item.kind, item.description = draft.title, draft.kind, draft.description
    item.time_box_minutes, item.committee = draft.time_box_minutes, draft.committee
    item.save(update_fields=["title", "kind", "description", "time_box_minutes", "committee"])
    publish_meeting_event(item.meeting, "agenda.item_updated", {"item": queries.item_data(item)})
    return item


@transaction.atomic
def do_move_item(item: AgendaItem, position: int) -> AgendaItem:
    """Move an item to ``position`` (0 is first; beyond the end means last)."""
    locked_item(item)
    meeting = item.meeting
    check_open(meeting)
    if position < 0:
        raise ActionError(_("A position is 0 or more."), 400)
    order = _place(meeting, item, position)
    item.refresh_from_db(fields=["position"])
    publish_meeting_event(meeting, "agenda.item_moved", {"item_id": item.pk, "order": order})
    return item


@transaction.atomic
def do_remove_item(item: AgendaItem) -> None:
    locked_item(item)
    meeting = item.meeting
    check_open(meeting)
    if item.status != ItemStatus.PENDING:
        raise ActionError(
            _("Only an item not yet started can be removed; table it or finish it instead."), 409
        )
    if meeting.is_emergency and meeting.items.count() == 1:
        raise ActionError(_("An emergency meeting keeps at least one agenda item."), 409)
    item_id = item.pk
    item.delete()
    order = queries.agenda_order(meeting)
    renumber(meeting, order)
    publish_meeting_event(meeting, "agenda.item_removed", {"item_id": item_id, "order": order})


def _place(meeting: Meeting, item: AgendaItem, position: int) -> list[int]:
    order = [pk for pk in queries.agenda_order(meeting) if pk != item.pk]
    order.insert(min(position, len(order)), item.pk)
    renumber(meeting, order)
    return order


@transaction.atomic
def do_attach_proposal(item: AgendaItem, proposal: Proposal) -> AgendaItem:
    """Name the proposal a proposal item decides.

    The proposal must be open and of the meeting's group, and the item a proposal item
    not yet done or tabled that names no proposal yet: an item decides one proposal, and
    a proposal once named stays named (tabling carries it on with the item).
    """
    locked_item(item)
    meeting = item.meeting
    check_open(meeting)
    if item.kind != ItemKind.PROPOSAL:
        raise ActionError(_("Only a proposal item can carry a proposal."), 409)
    if item.status not in (ItemStatus.PENDING, ItemStatus.ACTIVE):
        raise ActionError(_("This item is done or tabled; its record stays as it was."), 409)
    if item.proposal_id is not None:
        raise ActionError(_("This item already has its proposal."), 409)
    if proposal.group_id != meeting.group_id or not proposal.is_open:
        raise ActionError(_("Only an open proposal of this group can go on the agenda."), 400)
    item.proposal = proposal
    item.save(update_fields=["proposal"])
    publish_meeting_event(meeting, "agenda.item_updated", {"item": queries.item_data(item)})
    return item
