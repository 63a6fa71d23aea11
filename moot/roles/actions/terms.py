"""Terms: a person takes a role for a stated time, and the term ends on its last day or
earlier by recall, stepping down or replacement.

A term's last day may not come before its first. Only a member of the group holds one
of its roles, no more people hold a role at once than it has seats, and nobody holds
the same role twice over the same days.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups import queries as group_queries
from moot.groups.errors import ActionError
from moot.roles.actions.common import announce, lock
from moot.roles.models import AccountableRole, EndReason, Term

MAX_TERM_DAYS = 3660  # ten years


def _overlapping(role: AccountableRole, starts_on: date, ends_on: date) -> Any:
    return role.terms.filter(ended_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on)


def _check_term(role: AccountableRole, holder: User, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ActionError(_("A term cannot end before it starts."), 400)
    if (ends_on - starts_on).days > MAX_TERM_DAYS:
        raise ActionError(_("A term can last at most ten years."), 400)
    if not group_queries.is_member(holder, role.group):
        raise ActionError(_("Only a member of the group can hold one of its roles."), 400)
    overlapping = _overlapping(role, starts_on, ends_on)
    if overlapping.filter(holder=holder).exists():
        raise ActionError(_("This person already holds this role over those days."), 409)
    if overlapping.count() >= role.seats:
        raise ActionError(_("Every seat of this role is held over those days."), 409)


def start_term(
    actor: Any, role: AccountableRole, holder: User, starts_on: date, ends_on: date, **extra: Any
) -> Term:
    """Check and create one term inside the caller's transaction."""
    group_queries.forget_roles(holder)
    _check_term(role, holder, starts_on, ends_on)
    term = Term.objects.create(
        role=role, holder=holder, starts_on=starts_on, ends_on=ends_on, **extra
    )
    payload = {
        "term_id": term.pk,
        "holder": holder.shown_name,
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
    }
    summary = _("%(name)s holds %(role)s from %(start)s to %(end)s.") % {
        "name": holder.shown_name,
        "role": role.name,
        "start": starts_on.isoformat(),
        "end": ends_on.isoformat(),
    }
    announce(role, actor, "role.term_started", payload, summary)
    return term


@transaction.atomic
def do_start_term(
    actor: User | None,
    role: AccountableRole,
    holder: User,
    *,
    starts_on: date,
    ends_on: date,
    proposal_id: int | None = None,
) -> Term:
    role = lock(role)
    return start_term(actor, role, holder, starts_on, ends_on, proposal_id=proposal_id)


def end_term(actor: Any, term: Term, reason: str, proposal_id: int | None = None) -> Term:
    """End one running term now, inside the caller's transaction."""
    if term.ended_at is not None:
        raise ActionError(_("This term has already ended."), 409)
    if reason not in EndReason.values:
        raise ActionError(_("Unknown reason for ending a term."), 400)
    term.ended_at, term.end_reason = timezone.now(), reason
    fields = ["ended_at", "end_reason"]
    if proposal_id is not None:
        term.proposal_id = proposal_id
        fields.append("proposal_id")
    term.save(update_fields=fields)
    payload = {"term_id": term.pk, "holder": term.holder.shown_name, "reason": reason}
    summary = _("%(name)s no longer holds %(role)s: %(reason)s.") % {
        "name": term.holder.shown_name,
        "role": term.role.name,
        "reason": term.get_end_reason_display(),
    }
    announce(term.role, actor, "role.term_ended", payload, summary)
    return term


@transaction.atomic
def do_end_term(actor: User | None, term: Term, *, reason: str = EndReason.RESIGNED) -> Term:
    term = Term.objects.select_for_update().select_related("role__group", "holder").get(pk=term.pk)
    return end_term(actor, term, reason)


def _check_holders(role: AccountableRole, holders: list[User], term_days: int) -> None:
    if isinstance(term_days, bool) or not 1 <= term_days <= MAX_TERM_DAYS:
        raise ActionError(_("A term lasts from 1 day to ten years."), 400)
    if not 1 <= len(holders) <= role.seats:
        raise ActionError(
            _("This role is held by 1 to %(seats)d people.") % {"seats": role.seats}, 400
        )
    if len({h.pk for h in holders}) != len(holders):
        raise ActionError(_("Each holder can be named only once."), 400)
    for holder in holders:
        group_queries.forget_roles(holder)
        if not group_queries.is_member(holder, role.group):
            raise ActionError(
                _("%(name)s is not a member of the group.") % {"name": holder.shown_name}, 400
            )


def fill_role(
    actor: Any, role: AccountableRole, holders: list[User], term_days: int, **extra: Any
) -> list[Term]:
    """Replace whoever holds the role now by ``holders``, inside the caller's transaction."""
    role = lock(role)
    _check_holders(role, holders, term_days)
    today = timezone.localdate()
    ends_on = today + timedelta(days=term_days - 1)
    for running in role.terms.filter(ended_at__isnull=True, ends_on__gte=today):
        end_term(actor, running, EndReason.REPLACED)
    return [start_term(actor, role, holder, today, ends_on, **extra) for holder in holders]


@transaction.atomic
def do_fill_role(
    actor: User | None,
    role: AccountableRole,
    holders: list[User],
    *,
    term_days: int,
    proposal_id: int | None = None,
) -> list[Term]:
    """The holders take the role from today for ``term_days`` days; earlier terms end."""
    return fill_role(actor, role, holders, term_days, proposal_id=proposal_id)
