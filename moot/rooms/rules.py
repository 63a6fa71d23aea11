"""Who may do what in a meeting's live room — the one place it is decided.

Whoever may see a meeting may watch its room (the participant page read-only, the
projector). Members of the meeting's group take part: they join the stack, ask to jump
it and send hand signals. Facilitators run the room: they approve jumps, call and end
speeches, start and move circles, and see who sent which signal. A group's facilitators,
its conveners and the admins of the group or of any group above it facilitate. The
person speaking may end their own speech. What a person may not see answers 404.
"""

from __future__ import annotations

import rules

from moot.groups import queries as group_queries
from moot.groups.models import Role
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see
from moot.meetings.models import Meeting
from moot.rooms.models import SpeakingTurn

FACILITATING_ROLES = (Role.FACILITATOR, Role.CONVENER)


@rules.predicate
def sees_meeting(user: AnyUser, meeting: Meeting) -> bool:
    return can_see(user, meeting.group, meeting.visibility)


@rules.predicate
def takes_part(user: AnyUser, meeting: Meeting) -> bool:
    group = meeting.group
    return group_queries.is_member(user, group) or group_queries.is_admin(user, group)


@rules.predicate
def facilitates(user: AnyUser, meeting: Meeting) -> bool:
    group = meeting.group
    role = group_queries.role_in(user, group)
    return role in FACILITATING_ROLES or group_queries.is_admin(user, group)


@rules.predicate
def is_speaking(user: AnyUser, meeting: Meeting) -> bool:
    if not user.is_authenticated:
        return False
    return SpeakingTurn.objects.filter(
        meeting=meeting, user_id=user.pk, ended_at__isnull=True
    ).exists()


rules.add_perm("rooms.view_room", sees_meeting)
rules.add_perm("rooms.take_part", sees_meeting & takes_part)
rules.add_perm("rooms.facilitate", sees_meeting & facilitates)
rules.add_perm("rooms.end_speech", sees_meeting & (facilitates | (takes_part & is_speaking)))
