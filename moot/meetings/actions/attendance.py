"""Who comes and who came: answers (coming / not coming) and attendance.

A member answers for any meeting still to come or in session; a later answer replaces
the earlier one. While the meeting is in session a member checks in (in the room or
remote) and out, and whoever runs it can mark people present. Attendance keeps the
first arrival; checking in again after leaving clears the leave time.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups import queries as group_queries
from moot.groups.errors import ActionError
from moot.meetings import queries
from moot.meetings.actions.common import check_live, check_open, locked
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import Answer, Attendance, Meeting, Presence, Rsvp


@transaction.atomic
def do_answer(user: User, meeting: Meeting, answer: str) -> Rsvp:
    locked(meeting)
    check_open(meeting)
    if answer not in Answer.values:
        raise ActionError(_("Answer coming or not coming."), 400)
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting, user=user, defaults={"answer": answer, "answered_at": timezone.now()}
    )
    publish_meeting_event(meeting, "meeting.rsvp_changed", queries.rsvp_counts(meeting))
    return rsvp


@transaction.atomic
def do_check_in(user: User, meeting: Meeting, presence: str = Presence.ROOM) -> Attendance:
    locked(meeting)
    check_live(meeting)
    return _arrive(user, meeting, presence)


@transaction.atomic
def do_mark_present(meeting: Meeting, person: User, presence: str = Presence.ROOM) -> Attendance:
    """Whoever runs the meeting marks a member of the group present."""
    locked(meeting)
    check_live(meeting)
    if not group_queries.is_member(person, meeting.group):
        raise ActionError(
            _("%(name)s is not a member of %(group)s.")
            % {"name": person.shown_name, "group": meeting.group.name},
            400,
        )
    return _arrive(person, meeting, presence)


@transaction.atomic
def do_check_out(user: User, meeting: Meeting) -> Attendance:
    locked(meeting)
    check_live(meeting)
    attendance = queries.present_attendance(meeting).filter(user=user).first()
    if attendance is None:
        raise ActionError(_("You are not checked in."), 409)
    attendance.left_at = timezone.now()
    attendance.save(update_fields=["left_at"])
    _publish(meeting, user, attendance)
    return attendance


def _arrive(user: User, meeting: Meeting, presence: str) -> Attendance:
    if presence not in Presence.values:
        raise ActionError(_("Say whether you are in the room or remote."), 400)
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting, user=user, defaults={"presence": presence}
    )
    if not created:
        attendance.presence, attendance.left_at = presence, None
        attendance.save(update_fields=["presence", "left_at"])
    _publish(meeting, user, attendance)
    return attendance


def _publish(meeting: Meeting, user: User, attendance: Attendance) -> None:
    counts = queries.attendance_counts(meeting)
    publish_meeting_event(
        meeting,
        "meeting.attendance_changed",
        {
            "user_id": user.pk,
            "name": user.shown_name,
            "presence": attendance.presence,
            "present": attendance.left_at is None,
            "present_count": counts["present"],
            "in_room": counts["in_room"],
            "remote": counts["remote"],
        },
    )
