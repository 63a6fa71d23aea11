"""Who may do what with meetings — the one place it is decided.

- A meeting is seen by whom its visibility allows within its group
  (``moot.groups.rules.can_see``); anything else answers 404.
- Facilitators and conveners of the meeting's group, and admins of it or of any group
  above it, *run* meetings: schedule, edit, open and end them, edit and run the agenda,
  open and end breakouts, table items, mark people present.
- Members of the meeting's group *take part*: answer whether they come, check in, join
  a breakout's committees.
- A committee's report-back is filed by its note-takers and conveners; a committee that
  has neither lets anyone seated in it during the breakout file it. Whoever runs the
  meeting may file any report-back too (someone reads it out from paper).
"""

from __future__ import annotations

import rules

from moot.groups import queries as group_queries
from moot.groups.models import Group, Membership, Role
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see, can_see_group
from moot.meetings.models import Breakout, BreakoutSeat, Meeting

RUNNING_ROLES = (Role.FACILITATOR, Role.CONVENER)
REPORTING_ROLES = (Role.NOTE_TAKER, Role.CONVENER)


def runs_meetings_of(user: AnyUser, group: Group) -> bool:
    if group_queries.is_admin(user, group):
        return True
    return group_queries.role_in(user, group) in RUNNING_ROLES


def may_report_back(user: AnyUser, breakout: Breakout, committee: Group) -> bool:
    """Whether ``user`` may file ``committee``'s report-back in ``breakout`` (a rule
    of two objects, so pages and the API call it directly rather than ``has_perm``)."""
    if not user.is_authenticated:
        return False
    if runs_meetings_of(user, breakout.meeting.group):
        return True
    reporters = Membership.objects.filter(
        group=committee, left_at__isnull=True, role__in=REPORTING_ROLES
    )
    if reporters.exists():
        return reporters.filter(user=user).exists()
    return BreakoutSeat.objects.filter(breakout=breakout, committee=committee, user=user).exists()


@rules.predicate
def sees_group(user: AnyUser, group: Group) -> bool:
    return can_see_group(user, group)


@rules.predicate
def runs_group_meetings(user: AnyUser, group: Group) -> bool:
    return runs_meetings_of(user, group)


@rules.predicate
def sees_meeting(user: AnyUser, meeting: Meeting) -> bool:
    return can_see(user, meeting.group, meeting.visibility)


@rules.predicate
def runs_meeting(user: AnyUser, meeting: Meeting) -> bool:
    return runs_meetings_of(user, meeting.group)


@rules.predicate
def belongs_to_meeting_group(user: AnyUser, meeting: Meeting) -> bool:
    return group_queries.is_member(user, meeting.group)


@rules.predicate
def sees_breakout(user: AnyUser, breakout: Breakout) -> bool:
    return can_see(user, breakout.meeting.group, breakout.meeting.visibility)


@rules.predicate
def takes_part_in_breakout(user: AnyUser, breakout: Breakout) -> bool:
    return group_queries.is_member(user, breakout.meeting.group)


@rules.predicate
def runs_breakout(user: AnyUser, breakout: Breakout) -> bool:
    return runs_meetings_of(user, breakout.meeting.group)


rules.add_perm("meetings.view_meetings", sees_group)
rules.add_perm("meetings.schedule_meeting", sees_group & runs_group_meetings)
rules.add_perm("meetings.view_meeting", sees_meeting)
rules.add_perm("meetings.run_meeting", sees_meeting & runs_meeting)
rules.add_perm("meetings.take_part", sees_meeting & belongs_to_meeting_group)
rules.add_perm("meetings.view_breakout", sees_breakout)
rules.add_perm("meetings.join_breakout", sees_breakout & takes_part_in_breakout)
rules.add_perm("meetings.run_breakout", sees_breakout & runs_breakout)
