"""Scheduling, editing, opening, ending and cancelling a meeting.

Facilitators, conveners and admins schedule meetings (``moot.meetings.rules``). An
emergency meeting may be called only with a stated reason and at least one agenda item.
Ending a meeting finishes the item under way, closes an open breakout (its report-backs
join the agenda), records everyone still present as leaving, and leaves pending items
as they are. Cancelling a meeting passes the items it had carried on to the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.groups.trail import note_change
from moot.meetings import queries
from moot.meetings.actions.breakouts import close_breakout
from moot.meetings.actions.common import (
    ItemDraft,
    check_open,
    clean_draft,
    clean_title,
    clean_visibility,
    create_item,
    finish,
    locked,
)
from moot.meetings.actions.tabling import carry_waiting_items, table
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import ItemStatus, Meeting, MeetingStatus

REASON_MAX = 5000
LOCATION_MAX = 300


@transaction.atomic
def do_schedule_meeting(
    creator: User,
    group: Group,
    *,
    title: str,
    starts_at: datetime,
    location: str = "",
    visibility: str | None = None,
    is_emergency: bool = False,
    emergency_reason: str = "",
    items: Sequence[ItemDraft] = (),
) -> Meeting:
    """A new meeting of ``group``; tabled items waiting for it are carried onto it."""
    title = clean_title(title)
    drafts = [clean_draft(group, draft) for draft in items]
    reason = _clean_reason(is_emergency, emergency_reason)
    if is_emergency and not drafts:
        raise ActionError(
            _("An emergency meeting must carry an agenda: add at least one item."), 400
        )
    meeting = Meeting.objects.create(
        group=group,
        title=title,
        starts_at=starts_at,
        location=_clean_location(location),
        visibility=clean_visibility(visibility or group.default_visibility),
        is_emergency=is_emergency,
        emergency_reason=reason,
        created_by=creator,
    )
    for position, draft in enumerate(drafts):
        create_item(meeting, draft, position)
    carry_waiting_items(meeting)
    note_change(
        group,
        creator,
        "meeting.scheduled",
        meeting,
        _("Meeting “%(title)s” called.") % {"title": meeting.title},
    )
    return meeting


@dataclass(frozen=True)
class RoomSettings:
    """How the live room runs: seconds per speaker, progressive stack, and how many
    people's wrap-up signals reach the speaker."""

    speaker_seconds: int = 120
    progressive_stack: bool = False
    wrap_up_threshold: int = 3

    def __post_init__(self) -> None:
        if not 10 <= self.speaker_seconds <= 3600:
            raise ActionError(_("A speaker has from 10 seconds to an hour."), 400)
        if not 1 <= self.wrap_up_threshold <= 1000:
            raise ActionError(_("Wrap-up reaches the speaker after 1 to 1,000 signals."), 400)

    @classmethod
    def of(cls, meeting: Meeting) -> RoomSettings:
        return cls(meeting.speaker_seconds, meeting.progressive_stack, meeting.wrap_up_threshold)


@transaction.atomic
def do_update_meeting(
    meeting: Meeting,
    *,
    title: str,
    starts_at: datetime,
    location: str = "",
    visibility: str | None = None,
    emergency_reason: str = "",
    room: RoomSettings | None = None,
) -> Meeting:
    """Change when, where and why; and, with ``room``, how the live room runs."""
    locked(meeting)
    check_open(meeting)
    room = room or RoomSettings.of(meeting)
    meeting.speaker_seconds = room.speaker_seconds
    meeting.progressive_stack = room.progressive_stack
    meeting.wrap_up_threshold = room.wrap_up_threshold
    meeting.title = clean_title(title)
    meeting.starts_at = starts_at
    meeting.location = _clean_location(location)
    meeting.visibility = clean_visibility(visibility or meeting.visibility)
    meeting.emergency_reason = _clean_reason(meeting.is_emergency, emergency_reason)
    meeting.save(
        update_fields=[
            "title",
            "starts_at",
            "location",
            "visibility",
            "emergency_reason",
            "speaker_seconds",
            "progressive_stack",
            "wrap_up_threshold",
        ]
    )
    publish_meeting_event(
        meeting,
        "meeting.updated",
        {
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "location": meeting.location,
            "emergency_reason": meeting.emergency_reason,
            **room.__dict__,
        },
    )
    return meeting


@transaction.atomic
def do_open_meeting(meeting: Meeting) -> Meeting:
    locked(meeting)
    check_open(meeting)
    if meeting.status == MeetingStatus.LIVE:
        raise ActionError(_("The meeting is already in session."), 409)
    meeting.status, meeting.opened_at = MeetingStatus.LIVE, timezone.now()
    meeting.save(update_fields=["status", "opened_at"])
    note_change(
        meeting.group,
        None,
        "meeting.opened",
        meeting,
        _("Meeting “%(title)s” opened.") % {"title": meeting.title},
    )
    publish_meeting_event(meeting, "meeting.opened", {"opened_at": meeting.opened_at})
    return meeting


@transaction.atomic
def do_end_meeting(meeting: Meeting) -> Meeting:
    locked(meeting)
    check_open(meeting)
    if meeting.status != MeetingStatus.LIVE:
        raise ActionError(_("The meeting has not started; cancel it instead."), 409)
    now = timezone.now()
    breakout = queries.open_breakout(meeting)
    if breakout is not None:
        close_breakout(breakout, now)
    for item in meeting.items.filter(status=ItemStatus.ACTIVE):
        finish(item, now)
    queries.present_attendance(meeting).update(left_at=now)
    meeting.status, meeting.closed_at, meeting.current_item = MeetingStatus.ENDED, now, None
    meeting.save(update_fields=["status", "closed_at", "current_item"])
    note_change(
        meeting.group,
        None,
        "meeting.ended",
        meeting,
        _("Meeting “%(title)s” ended.") % {"title": meeting.title},
    )
    publish_meeting_event(meeting, "meeting.ended", {"closed_at": now})
    return meeting


@transaction.atomic
def do_cancel_meeting(meeting: Meeting) -> Meeting:
    locked(meeting)
    check_open(meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ActionError(_("The meeting is in session; end it instead."), 409)
    meeting.status, meeting.closed_at = MeetingStatus.CANCELLED, timezone.now()
    meeting.save(update_fields=["status", "closed_at"])
    carried_in = meeting.items.filter(status=ItemStatus.PENDING, carried_from__isnull=False)
    for item in carried_in:
        table(item, _("The meeting was cancelled."))
    note_change(
        meeting.group,
        None,
        "meeting.cancelled",
        meeting,
        _("Meeting “%(title)s” cancelled.") % {"title": meeting.title},
    )
    publish_meeting_event(meeting, "meeting.cancelled", {})
    return meeting


def _clean_reason(is_emergency: bool, reason: str) -> str:
    reason = (reason or "").strip()
    if is_emergency and not reason:
        raise ActionError(_("An emergency meeting must say why it is called."), 400)
    if len(reason) > REASON_MAX:
        raise ActionError(
            _("A reason can have at most %(max)d characters.") % {"max": REASON_MAX}, 400
        )
    return reason


def _clean_location(location: str) -> str:
    location = (location or "").strip()
    if len(location) > LOCATION_MAX:
        raise ActionError(
            _("A place can have at most %(max)d characters.") % {"max": LOCATION_MAX}, 400
        )
    return location
