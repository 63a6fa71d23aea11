"""What every meeting action shares: a locked, fresh meeting; the checks that a meeting
can still change; a clean agenda item from what someone typed.

Checks raise ``ActionError`` before anything is written. An ended or cancelled meeting
never changes again (409).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.groups.queries import committees_of
from moot.meetings import queries
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import AgendaItem, ItemKind, ItemStatus, Meeting, MeetingStatus

TITLE_MAX = 200
DESCRIPTION_MAX = 10000
TIME_BOX_MAX = 600


@dataclass(frozen=True)
class ItemDraft:
    """An agenda item as someone asked for it, before it is checked."""

    title: str
    kind: str = ItemKind.DISCUSSION
    description: str = ""
    time_box_minutes: int | None = None
    committee: Group | None = None


def locked(meeting: Meeting) -> Meeting:
    """The meeting as it is now, locked until the transaction ends (on PostgreSQL;
    SQLite's IMMEDIATE transactions already queue writers)."""
    meeting.refresh_from_db(from_queryset=Meeting.objects.select_for_update())
    return meeting


def locked_item(item: AgendaItem) -> AgendaItem:
    locked(item.meeting)
    item.refresh_from_db(from_queryset=AgendaItem.objects.select_for_update())
    return item


def check_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.ENDED:
        raise ActionError(_("This meeting has ended; it can no longer change."), 409)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ActionError(_("This meeting was cancelled; it can no longer change."), 409)


def check_live(meeting: Meeting) -> None:
    check_open(meeting)
    if meeting.status != MeetingStatus.LIVE:
        raise ActionError(_("Open the meeting first."), 409)


def clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ActionError(_("Please give a title."), 400)
    if len(title) > TITLE_MAX:
        raise ActionError(
            _("A title can have at most %(max)d characters.") % {"max": TITLE_MAX}, 400
        )
    return title


def clean_visibility(visibility: str) -> str:
    if visibility not in Visibility.values:
        raise ActionError(_("Unknown visibility."), 400)
    return visibility


def clean_draft(group: Group, draft: ItemDraft) -> ItemDraft:
    if draft.kind not in ItemKind.values:
        raise ActionError(_("Unknown kind of agenda item."), 400)
    if len(draft.description or "") > DESCRIPTION_MAX:
        raise ActionError(
            _("A description can have at most %(max)d characters.") % {"max": DESCRIPTION_MAX}, 400
        )
    minutes = draft.time_box_minutes
    if minutes is not None and not 1 <= minutes <= TIME_BOX_MAX:
        raise ActionError(
            _("A time box is between 1 and %(max)d minutes.") % {"max": TIME_BOX_MAX}, 400
        )
    if draft.committee is not None and draft.committee not in committees_of(group):
        raise ActionError(
            _("%(committee)s is not a committee of %(group)s.")
            % {"committee": draft.committee.name, "group": group.name},
            400,
        )
    return ItemDraft(
        title=clean_title(draft.title),
        kind=draft.kind,
        description=(draft.description or "").strip(),
        time_box_minutes=minutes,
        committee=draft.committee,
    )


def next_position(meeting: Meeting) -> int:
    last = meeting.items.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def create_item(
    meeting: Meeting, draft: ItemDraft, position: int, carried_from: AgendaItem | None = None
) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        kind=draft.kind,
        title=draft.title,
        description=draft.description,
        time_box_minutes=draft.time_box_minutes,
        committee=draft.committee,
        carried_from=carried_from,
    )


def renumber(meeting: Meeting, order: list[int]) -> None:
    """Give the items of ``order`` the positions 0, 1, 2 … in that order."""
    items = {item.pk: item for item in meeting.items.all()}
    changed = []
    for position, pk in enumerate(order):
        if items[pk].position != position:
            items[pk].position = position
            changed.append(items[pk])
    AgendaItem.objects.bulk_update(changed, ["position"])


def finish(item: AgendaItem, now: datetime) -> None:
    """Mark an item under way as done and say so (the caller has checked and locked)."""
    item.status, item.ended_at = ItemStatus.DONE, now
    item.save(update_fields=["status", "ended_at"])
    meeting = item.meeting
    if meeting.current_item_id == item.pk:
        meeting.current_item = None
        meeting.save(update_fields=["current_item"])
    publish_meeting_event(meeting, "agenda.item_finished", {"item": queries.item_data(item)})


def start(item: AgendaItem, now: datetime) -> None:
    """Make ``item`` the one under way (the caller has finished any other)."""
    item.status, item.started_at = ItemStatus.ACTIVE, now
    item.save(update_fields=["status", "started_at"])
    meeting = item.meeting
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    publish_meeting_event(meeting, "agenda.item_started", {"item": queries.item_data(item)})
