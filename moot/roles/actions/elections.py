"""Elections fill roles: the winners of a decided election take the role.

An election's options are names; each winner must be exactly one member of the group
shown by that name (so a candidate is entered as the name members see). An election
fills a role once: its terms remember the election that gave them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.decisions.models import Kind, Outcome, Proposal
from moot.decisions.queries import last_result
from moot.groups import queries as group_queries
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.roles.actions.terms import fill_role
from moot.roles.models import AccountableRole, Term


def election_winners(election: Proposal) -> list[str]:
    """The names the election chose, in the order the count elected them."""
    if election.kind != Kind.ELECTION:
        raise ActionError(_("Only an election fills a role."), 400)
    if election.outcome != Outcome.DECIDED:
        raise ActionError(_("This election has not been decided."), 409)
    decisive = last_result(election)
    result = decisive.result if decisive is not None else None
    if not result or result.get("kind") != "choices":
        raise ActionError(_("This election has no winners to read."), 409)
    return list(result["election"]["winners"])


def members_named(group: Group, names: list[str]) -> list[User]:
    """The member shown by each name; a name that is no member, or several, is refused."""
    by_name: dict[str, list[User]] = {}
    for membership in group_queries.active_members(group):
        by_name.setdefault(membership.user.shown_name.casefold(), []).append(membership.user)
    found = []
    for name in names:
        matches = by_name.get(name.strip().casefold(), [])
        if len(matches) != 1:
            raise ActionError(
                _("%(name)s is not exactly one member of the group, so cannot take the role.")
                % {"name": name},
                400,
            )
        found.append(matches[0])
    return found


def fill_from_election(
    actor: User | None, role: AccountableRole, election: Proposal, term_days: int, seats: int
) -> list[Term]:
    """Check and fill inside the caller's transaction."""
    if election.group_id != role.group_id:
        raise ActionError(_("The election belongs to another group."), 400)
    if Term.objects.filter(role=role, proposal_id=election.pk).exists():
        raise ActionError(_("This election has already filled the role."), 409)
    winners = election_winners(election)[:seats]
    holders = members_named(role.group, winners)
    return fill_role(actor, role, holders, term_days, proposal_id=election.pk)


@transaction.atomic
def do_fill_role_from_election(
    actor: User | None,
    role: AccountableRole,
    election: Proposal,
    *,
    term_days: int,
    seats: int | None = None,
) -> list[Term]:
    """The first ``seats`` winners (all the role's seats by default) take the role."""
    return fill_from_election(actor, role, election, term_days, seats or role.seats)
