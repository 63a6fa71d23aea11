"""Who may do what with proposals, ballots and the decision log — the one place it is decided.

Deny by default. A proposal is seen by whom its visibility allows in its group
(``moot.groups.rules.can_see``); anything else about it needs that first, so what a person
may not see answers 404. Members of the proposal's group make proposals, take part in
the discussion, vote and file minority reports; facilitators, conveners and admins run
the proposal (phases, rounds, closing); the proposer accepts or declines amendments and
may withdraw or close their own proposal.
"""

from __future__ import annotations

import rules

from moot.decisions.models import Proposal
from moot.groups import queries
from moot.groups.models import Group, Role
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see, can_see_group

RUNS_MEETINGS = (Role.FACILITATOR, Role.CONVENER)


@rules.predicate
def sees_proposal(user: AnyUser, proposal: Proposal) -> bool:
    return can_see(user, proposal.group, proposal.visibility)


@rules.predicate
def sees_group(user: AnyUser, group: Group) -> bool:
    return can_see_group(user, group)


@rules.predicate
def is_member_of_group(user: AnyUser, group: Group) -> bool:
    return queries.is_member(user, group)


@rules.predicate
def is_member_of_proposal_group(user: AnyUser, proposal: Proposal) -> bool:
    return queries.is_member(user, proposal.group)


def facilitates(user: AnyUser, group: Group) -> bool:
    return queries.is_admin(user, group) or queries.role_in(user, group) in RUNS_MEETINGS


@rules.predicate
def facilitates_proposal(user: AnyUser, proposal: Proposal) -> bool:
    return facilitates(user, proposal.group)


@rules.predicate
def is_proposer(user: AnyUser, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.author_id == user.pk


rules.add_perm("decisions.view_log", sees_group)
rules.add_perm("decisions.create_proposal", sees_group & is_member_of_group)
rules.add_perm("decisions.view_proposal", sees_proposal)
rules.add_perm("decisions.vote", sees_proposal & is_member_of_proposal_group)
rules.add_perm("decisions.contribute", sees_proposal & is_member_of_proposal_group)
rules.add_perm("decisions.file_minority_report", sees_proposal & is_member_of_proposal_group)
rules.add_perm("decisions.facilitate", sees_proposal & facilitates_proposal)
rules.add_perm("decisions.decide_amendment", sees_proposal & is_proposer)
rules.add_perm("decisions.close_proposal", sees_proposal & (facilitates_proposal | is_proposer))
