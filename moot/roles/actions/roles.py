"""Naming a group's roles and changing them; holders filing their report-backs."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.roles.actions.common import announce
from moot.roles.models import AccountableRole, EndReason, ReportBack, Term

MAX_SEATS = 50
MAX_REPORT_EVERY = 366


def _checked(name: str, duties: str, seats: int, report_every_days: int | None) -> dict[str, Any]:
    name, duties = (name or "").strip(), (duties or "").strip()
    if not name or len(name) > 100:
        raise ActionError(_("Please give the role a name of at most 100 characters."), 400)
    if len(duties) > 5000:
        raise ActionError(_("The duties can have at most 5000 characters."), 400)
    if isinstance(seats, bool) or not 1 <= seats <= MAX_SEATS:
        raise ActionError(_("A role is held by 1 to %(max)d people.") % {"max": MAX_SEATS}, 400)
    if report_every_days is not None and not 1 <= report_every_days <= MAX_REPORT_EVERY:
        raise ActionError(_("Report-backs are due every 1 to 366 days, or not at all."), 400)
    return {"name": name, "duties": duties, "seats": seats, "report_every_days": report_every_days}


def _check_name_free(group: Group, name: str, role: AccountableRole | None = None) -> None:
    taken = AccountableRole.objects.filter(group=group, name__iexact=name)
    if role is not None:
        taken = taken.exclude(pk=role.pk)
    if taken.exists():
        raise ActionError(_("This group already has a role called %(name)s.") % {"name": name}, 409)


@transaction.atomic
def do_create_role(
    actor: User,
    group: Group,
    *,
    name: str,
    duties: str = "",
    seats: int = 1,
    report_every_days: int | None = None,
) -> AccountableRole:
    fields = _checked(name, duties, seats, report_every_days)
    _check_name_free(group, fields["name"])
    try:
        with transaction.atomic():
            role = AccountableRole.objects.create(group=group, **fields)
    except IntegrityError:  # the same name, created a moment ago by someone else
        raise ActionError(_("This group already has a role with that name."), 409) from None
    summary = _("Named the role %(name)s.") % {"name": role.name}
    announce(role, actor, "role.created", {"name": role.name, "seats": role.seats}, summary)
    return role


@transaction.atomic
def do_update_role(
    actor: User,
    role: AccountableRole,
    *,
    name: str,
    duties: str = "",
    seats: int = 1,
    report_every_days: int | None = None,
) -> AccountableRole:
    fields = _checked(name, duties, seats, report_every_days)
    _check_name_free(role.group, fields["name"], role)
    for key, value in fields.items():
        setattr(role, key, value)
    role.save(update_fields=list(fields))
    payload = {"name": role.name, "seats": role.seats, "report_every_days": role.report_every_days}
    summary = _("Changed the role %(name)s.") % {"name": role.name}
    announce(role, actor, "role.updated", payload, summary)
    return role


@transaction.atomic
def do_file_report_back(author: User, term: Term, text: str) -> ReportBack:
    """The holder tells the group what they did; a recalled holder no longer reports."""
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Please write the report-back."), 400)
    if len(text) > 10000:
        raise ActionError(_("A report-back can have at most 10000 characters."), 400)
    if term.end_reason == EndReason.RECALLED or term.starts_on > timezone.localdate():
        raise ActionError(_("This term is not running, so no report-back is due."), 409)
    report = ReportBack.objects.create(term=term, author=author, text=text)
    payload = {"term_id": term.pk, "report_id": report.pk, "author": author.shown_name}
    summary = _("%(name)s reported back as %(role)s.") % {
        "name": author.shown_name,
        "role": term.role.name,
    }
    announce(term.role, author, "role.report_back_filed", payload, summary)
    return report
