"""Reading meetings: lists, the agenda, answers, attendance, breakouts and the whole
state of one meeting as plain data. The live room and the minutes read through here.

Someone is *present* while their attendance has no leave time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.models import Group
from moot.groups.queries import AnyUser, committees_of
from moot.groups.rules import can_see
from moot.meetings.models import (
    AgendaItem,
    Answer,
    Attendance,
    Breakout,
    BreakoutSeat,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Presence,
    ReportBack,
)

OPEN_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.LIVE)


def visible_meetings(user: AnyUser, group: Group) -> list[Meeting]:
    meetings = Meeting.objects.filter(group=group).select_related("group")
    return [m for m in meetings if can_see(user, group, m.visibility)]


def upcoming_and_past(user: AnyUser, group: Group) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming: scheduled or live, soonest first. Past: ended or cancelled, latest first."""
    meetings = visible_meetings(user, group)
    upcoming = [m for m in meetings if m.status in OPEN_STATUSES]
    past = [m for m in meetings if m.status not in OPEN_STATUSES]
    return upcoming, list(reversed(past))


def emergency_calls(user: AnyUser, group: Group) -> list[Meeting]:
    """Emergency meetings still to come or in session, which every member must see."""
    upcoming, _ = upcoming_and_past(user, group)
    return [m for m in upcoming if m.is_emergency]


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.select_related("committee", "carried_from__meeting"))


def agenda_order(meeting: Meeting) -> list[int]:
    return list(meeting.items.values_list("pk", flat=True))


def carry_history(item: AgendaItem) -> list[AgendaItem]:
    """The earlier items this one was carried from, oldest first."""
    chain: list[AgendaItem] = []
    node = item.carried_from
    while node is not None:
        chain.append(node)
        node = node.carried_from
    return list(reversed(chain))


def rsvp_counts(meeting: Meeting) -> dict[str, int]:
    counts = meeting.rsvps.aggregate(
        coming=Count("pk", filter=Q(answer=Answer.COMING)),
        not_coming=Count("pk", filter=Q(answer=Answer.NOT_COMING)),
    )
    return {"coming": counts["coming"], "not_coming": counts["not_coming"]}


def answer_of(user: AnyUser, meeting: Meeting) -> str | None:
    if not user.is_authenticated:
        return None
    return meeting.rsvps.filter(user=user).values_list("answer", flat=True).first()


def present_attendance(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendance.filter(left_at__isnull=True)


def present_count(meeting: Meeting) -> int:
    """How many people are present now (in the room or remote)."""
    return present_attendance(meeting).count()


def present_people(meeting: Meeting) -> list[User]:
    """The people present now, by name."""
    ids = present_attendance(meeting).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("display_name", "id"))


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    counts = present_attendance(meeting).aggregate(
        in_room=Count("pk", filter=Q(presence=Presence.ROOM)),
        remote=Count("pk", filter=Q(presence=Presence.REMOTE)),
    )
    return {
        "present": counts["in_room"] + counts["remote"],
        "in_room": counts["in_room"],
        "remote": counts["remote"],
    }


def attendance_record(meeting: Meeting) -> list[Attendance]:
    """Everyone who came, with arrival and leave times (for the minutes)."""
    return list(meeting.attendance.select_related("user").order_by("arrived_at", "id"))


def attendance_of(user: AnyUser, meeting: Meeting) -> Attendance | None:
    if not user.is_authenticated:
        return None
    return meeting.attendance.filter(user=user).first()


def open_breakout(meeting: Meeting) -> Breakout | None:
    return meeting.breakouts.filter(closed_at__isnull=True).first()


def breakout_committees(breakout: Breakout) -> list[Group]:
    """The breakout's committees in the group's committee order."""
    chosen = set(breakout.committees.values_list("pk", flat=True))
    return [c for c in committees_of(breakout.meeting.group) if c.pk in chosen]


def seat_counts(breakout: Breakout) -> dict[int, int]:
    rows = breakout.seats.values("committee_id").annotate(n=Count("pk"))
    return {row["committee_id"]: row["n"] for row in rows}


def seats_of(user: AnyUser, breakout: Breakout) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        BreakoutSeat.objects.filter(breakout=breakout, user=user).values_list(
            "committee_id", flat=True
        )
    )


def report_backs(meeting: Meeting) -> list[ReportBack]:
    """Every report-back filed in the meeting, in the order they were read out."""
    return list(
        meeting.report_backs.select_related("committee", "author", "item").order_by(
            "breakout_id", "item__position", "filed_at", "id"
        )
    )


def due_breakouts(now: datetime) -> QuerySet[Breakout]:
    return Breakout.objects.filter(closed_at__isnull=True, ends_at__lte=now)


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The group's next regular meeting still to come after ``meeting``.

    Emergency meetings keep to the agenda they were called with, so tabled items skip
    them.
    """
    later = (
        Meeting.objects.filter(
            group_id=meeting.group_id,
            status=MeetingStatus.SCHEDULED,
            is_emergency=False,
        )
        .exclude(pk=meeting.pk)
        .filter(
            Q(starts_at__gt=meeting.starts_at) | Q(starts_at=meeting.starts_at, pk__gt=meeting.pk)
        )
    )
    return later.order_by("starts_at", "id").first()


def waiting_tabled_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Items of the group tabled in earlier meetings and not yet carried anywhere."""
    return (
        AgendaItem.objects.filter(
            meeting__group_id=meeting.group_id,
            status=ItemStatus.TABLED,
            meeting__starts_at__lte=meeting.starts_at,
            carried_to__isnull=True,
        )
        .exclude(meeting=meeting)
        .order_by("meeting__starts_at", "position", "id")
    )


def item_data(item: AgendaItem) -> dict[str, Any]:
    """One agenda item as JSON-ready data (events, the API, the live room)."""
    return {
        "id": item.pk,
        "position": item.position,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "time_box_minutes": item.time_box_minutes,
        "status": item.status,
        "started_at": item.started_at,
        "ended_at": item.ended_at,
        "tabled_reason": item.tabled_reason,
        "committee_id": item.committee_id,
        "carried_from_id": item.carried_from_id,
        "proposal_id": item.proposal_id,
    }


def breakout_data(breakout: Breakout, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    counts = seat_counts(breakout)
    return {
        "id": breakout.pk,
        "item_id": breakout.item_id,
        "opened_at": breakout.opened_at.isoformat(),
        "ends_at": breakout.ends_at.isoformat(),
        "seconds_left": max(0, int((breakout.ends_at - now).total_seconds())),
        "committees": [
            {"id": c.pk, "name": c.name, "seated": counts.get(c.pk, 0)}
            for c in breakout_committees(breakout)
        ],
    }


def _json_item(item: AgendaItem) -> dict[str, Any]:
    data = item_data(item)
    for key in ("started_at", "ended_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


def meeting_state(meeting: Meeting) -> dict[str, Any]:
    """The meeting as JSON-ready data: agenda, current item, attendance, open breakout."""
    breakout = open_breakout(meeting)
    return {
        "meeting_id": meeting.pk,
        "version": meeting.version,
        "title": meeting.title,
        "status": meeting.status,
        "starts_at": meeting.starts_at.isoformat(),
        "is_emergency": meeting.is_emergency,
        "emergency_reason": meeting.emergency_reason,
        "current_item_id": meeting.current_item_id,
        "agenda": [_json_item(item) for item in agenda(meeting)],
        "attendance": attendance_counts(meeting),
        "rsvps": rsvp_counts(meeting),
        "breakout": breakout_data(breakout) if breakout else None,
    }
