"""Who may hear about what, and who may change their notices — the one place it is decided.

A person hears about a proposal or a meeting only as a member of its group who may see
it (``moot.groups.rules.can_see``): a members-only proposal never reaches someone who
may not read it, and nobody is emailed about a group they merely watch. A role term's
reminder reaches only its holder. A person sets notices for the groups they belong to;
a group's calendar is read by whoever sees the group, and holds only what is public.
"""

from __future__ import annotations

import rules

from moot.decisions.models import Proposal, Status
from moot.groups import queries
from moot.groups.models import Group
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see, can_see_group
from moot.meetings.models import Meeting
from moot.notices.kinds import NoticeKind
from moot.roles.models import Term

PROPOSAL_KINDS = (NoticeKind.PROPOSAL_OPENED, NoticeKind.VOTE_CLOSING, NoticeKind.OUTCOME)
MEETING_KINDS = (NoticeKind.MEETING_CALLED, NoticeKind.EMERGENCY_CALLED)


def may_hear(person: AnyUser, kind: str, subject: object) -> bool:
    """Whether ``person`` may be told, now, about ``subject`` by a notice of ``kind``."""
    if kind in PROPOSAL_KINDS and isinstance(subject, Proposal):
        return _hears_proposal(person, kind, subject)
    if kind in MEETING_KINDS and isinstance(subject, Meeting):
        return subject.is_open and _member_who_sees(person, subject.group, subject.visibility)
    if kind == NoticeKind.ROLE_ENDING and isinstance(subject, Term):
        holds = person.is_authenticated and subject.holder_id == person.pk
        return holds and subject.ended_at is None and can_see_group(person, subject.role.group)
    return False


def _hears_proposal(person: AnyUser, kind: str, proposal: Proposal) -> bool:
    if not _member_who_sees(person, proposal.group, proposal.visibility):
        return False
    if kind == NoticeKind.OUTCOME:
        return proposal.status == Status.CLOSED
    return proposal.is_open


def _member_who_sees(person: AnyUser, group: Group, visibility: str) -> bool:
    return queries.is_member(person, group) and can_see(person, group, visibility)


@rules.predicate
def sees_group(user: AnyUser, group: Group) -> bool:
    return can_see_group(user, group)


@rules.predicate
def is_group_member(user: AnyUser, group: Group) -> bool:
    return queries.is_member(user, group)


rules.add_perm("notices.change_settings", sees_group & is_group_member)
rules.add_perm("notices.view_group_calendar", sees_group)
rules.add_perm("notices.manage_feeds", rules.is_authenticated)
