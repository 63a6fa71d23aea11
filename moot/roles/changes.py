"""The changes a passed proposal makes to roles: recall a holder, or fill a role.

``{"kind": "role.recall", "term_id": …}`` ends a running term when the proposal passes
(``role_id`` instead of ``term_id`` recalls the role's only current holder). A recall of
a vacant role or of a term already over is refused when the proposal is made.

``{"kind": "role.fill", "role_id": …, "seats": N, "term_days": D, …}`` gives the role to
new holders for D days from the day it passes, ending the terms running until then. It
names them as ``"holders": [user ids]`` or as ``"election_id": …``, a decided election of
the group whose first N winners take the role, or — carried by an election itself — as
``"election": "this"``: the election's own winners take the role once they are counted.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.decisions.changes import Change, ChangeError, register_change
from moot.decisions.models import Kind, Proposal
from moot.groups import queries as group_queries
from moot.groups.models import Group
from moot.roles.actions.elections import fill_from_election
from moot.roles.actions.terms import MAX_TERM_DAYS, end_term, fill_role
from moot.roles.models import AccountableRole, EndReason, Term


def _number(change: Change, key: str) -> int | None:
    value = change.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _role(group: Group, change: Change) -> AccountableRole:
    role_id = _number(change, "role_id")
    role = AccountableRole.objects.filter(pk=role_id, group=group).first() if role_id else None
    if role is None:
        raise ChangeError(_("This group has no such role."))
    return role


def _running(terms: Any) -> Any:
    return terms.filter(ended_at__isnull=True, ends_on__gte=timezone.localdate())


def _term_to_recall(group: Group, change: Change) -> Term:
    if set(change) - {"kind", "term_id", "role_id"}:
        raise ChangeError(_("A recall names the term (term_id) or the role (role_id)."))
    term_id = _number(change, "term_id")
    if term_id is not None:
        term = _running(Term.objects.filter(pk=term_id, role__group=group)).first()
        if term is None:
            raise ChangeError(_("There is no running term to recall: the role is vacant."))
        return term
    running = list(_running(_role(group, change).terms.all())[:2])
    if len(running) != 1:
        raise ChangeError(_("Name the term to recall: the role is vacant or has several holders."))
    return running[0]


def validate_recall(group: Group, change: Change) -> Change:
    return {"term_id": _term_to_recall(group, change).pk}


def apply_recall(group: Group, change: Change) -> None:
    term = Term.objects.select_for_update().filter(pk=change["term_id"]).first()
    if term is not None and term.ended_at is None:  # it may have ended while people decided
        end_term(None, term, EndReason.RECALLED)


def _fill_holders(group: Group, change: Change, seats: int) -> list[int]:
    holders = change.get("holders")
    if not isinstance(holders, list) or not all(isinstance(h, int) for h in holders):
        raise ChangeError(_("Holders are given as a list of people's ids."))
    if not 1 <= len(holders) <= seats or len(set(holders)) != len(holders):
        raise ChangeError(_("Name from 1 to %(seats)d different holders.") % {"seats": seats})
    for user in User.objects.filter(pk__in=holders):
        if not group_queries.is_member(user, group):
            raise ChangeError(_("%(name)s is not a member.") % {"name": user.shown_name})
    if User.objects.filter(pk__in=holders).count() != len(holders):
        raise ChangeError(_("Some holders are not people of moot."))
    return holders


def _fill_election(group: Group, change: Change) -> int:
    election_id = _number(change, "election_id")
    elections = Proposal.objects.filter(group=group, kind=Kind.ELECTION)
    if election_id is None or not elections.filter(pk=election_id).exists():
        raise ChangeError(_("This group has no such election."))
    return election_id


def validate_fill(group: Group, change: Change) -> Change:
    if set(change) - {
        "kind",
        "role_id",
        "seats",
        "term_days",
        "holders",
        "election_id",
        "election",
    }:
        raise ChangeError(_("A fill names role_id, seats, term_days and holders or election_id."))
    role = _role(group, change)
    seats = _number(change, "seats") or role.seats
    term_days = _number(change, "term_days")
    if not 1 <= seats <= role.seats:
        raise ChangeError(_("This role has %(seats)d seats.") % {"seats": role.seats})
    if term_days is None or not 1 <= term_days <= MAX_TERM_DAYS:
        raise ChangeError(_("A term lasts from 1 day to ten years (term_days)."))
    ways = [key for key in ("holders", "election_id", "election") if key in change]
    if len(ways) != 1 or change.get("election", "this") != "this":
        raise ChangeError(_("Say who takes the role: holders, or an election."))
    checked: Change = {"role_id": role.pk, "seats": seats, "term_days": term_days}
    if "holders" in change:
        return {**checked, "holders": _fill_holders(group, change, seats)}
    if "election_id" in change:
        return {**checked, "election_id": _fill_election(group, change)}
    return {**checked, "election": "this"}  # carried by an election: its own winners


def apply_fill(group: Group, change: Change) -> None:
    role = AccountableRole.objects.get(pk=change["role_id"], group=group)
    if "holders" not in change:
        election_id = int(change.get("election_id") or change.get("proposal_id") or 0)
        elections = Proposal.objects.filter(group=group, kind=Kind.ELECTION)
        election = elections.filter(pk=election_id).first()
        if election is None:
            raise ChangeError(_("Only an election's own winners can take the role this way."))
        fill_from_election(None, role, election, change["term_days"], change["seats"])
        return
    holders = {u.pk: u for u in User.objects.filter(pk__in=change["holders"])}
    fill_role(None, role, [holders[pk] for pk in change["holders"]], change["term_days"])


def describe_recall(change: Change) -> str:
    term = (
        Term.objects.select_related("role", "holder")
        .filter(pk=int(change.get("term_id") or 0))
        .first()
    )
    if term is None:
        return _("A holder of a role is recalled.")
    return _("%(name)s is recalled as %(role)s; the term ends.") % {
        "name": term.holder.shown_name,
        "role": term.role.name,
    }


def describe_fill(change: Change) -> str:
    role = AccountableRole.objects.filter(pk=int(change.get("role_id") or 0)).first()
    name = role.name if role else "?"
    if "holders" in change:
        people = ", ".join(u.shown_name for u in User.objects.filter(pk__in=change["holders"]))
        return _("%(people)s take the role %(role)s.") % {"people": people, "role": name}
    return _("The winners take the role %(role)s for %(days)d days.") % {
        "role": name,
        "days": change.get("term_days", 0),
    }


def register_role_changes() -> None:
    register_change(
        "role.recall", validate=validate_recall, apply=apply_recall, describe=describe_recall
    )
    register_change("role.fill", validate=validate_fill, apply=apply_fill, describe=describe_fill)
