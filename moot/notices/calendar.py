"""What the calendar feeds hold: meetings and the deadlines of votes between meetings.

A group's feed (``/g/<id>/calendar.ics``) holds only what anyone may see — its public
meetings and public votes — because a feed's link travels: it is pasted into calendar
apps that fetch it without signing in. A person's private feed holds, for every group
they belong to, what they may see there. Cancelled meetings stay, marked cancelled, so a
calendar that had them takes them away; withdrawn votes are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.decisions.models import Mode, Proposal, Status
from moot.groups.models import Group
from moot.groups.queries import AnyUser, active_memberships
from moot.groups.rules import can_see
from moot.meetings.models import Meeting
from moot.notices import ics
from moot.notices.messages import link

SINCE = timedelta(days=30)
MEETING_LENGTH = timedelta(hours=2)  # a meeting has no planned end; calendars need one


def meeting_event(meeting: Meeting) -> ics.CalendarEvent:
    title = meeting.title
    if meeting.is_emergency:
        title = _("Emergency: %(title)s") % {"title": title}
    return ics.CalendarEvent(
        uid=f"meeting-{meeting.pk}@moot",
        starts=meeting.starts_at,
        ends=meeting.closed_at if meeting.opened_at else meeting.starts_at + MEETING_LENGTH,
        summary=title,
        description="\n".join(filter(None, [meeting.group.name, meeting.emergency_reason])),
        location=meeting.location,
        url=link(meeting),
        cancelled=meeting.status == "cancelled",
    )


def deadline_event(proposal: Proposal) -> ics.CalendarEvent:
    assert proposal.closes_at is not None
    return ics.CalendarEvent(
        uid=f"proposal-{proposal.pk}-closes@moot",
        starts=proposal.closes_at,
        summary=_("Vote closes: %(title)s") % {"title": proposal.title},
        description="\n".join(filter(None, [proposal.group.name, proposal.summary])),
        url=link(proposal),
    )


def _events_seen_by(
    viewer: AnyUser, groups: Iterable[Group], now: datetime
) -> list[ics.CalendarEvent]:
    ids = [g.pk for g in groups]
    meetings = Meeting.objects.filter(group_id__in=ids, starts_at__gte=now - SINCE)
    votes = Proposal.objects.filter(
        group_id__in=ids, mode=Mode.ASYNC, closes_at__gte=now - SINCE
    ).exclude(status=Status.WITHDRAWN)
    events = [
        meeting_event(m)
        for m in meetings.select_related("group__parent")
        if can_see(viewer, m.group, m.visibility)
    ]
    events += [
        deadline_event(p)
        for p in votes.select_related("group__parent")
        if can_see(viewer, p.group, p.visibility)
    ]
    return sorted(events, key=lambda e: (e.starts, e.uid))


def group_calendar(group: Group, now: datetime | None = None) -> str:
    now = now or timezone.now()
    events = _events_seen_by(AnonymousUser(), [group], now)
    return ics.calendar(group.name, events, now)


def personal_calendar(person: AnyUser, now: datetime | None = None) -> str:
    now = now or timezone.now()
    groups = Group.objects.filter(pk__in=active_memberships(person).values("group_id"))
    events = _events_seen_by(person, groups, now)
    return ics.calendar(_("moot: my groups"), events, now)
