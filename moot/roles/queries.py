"""Reading roles: who holds what now, whose report-back is overdue, whose term ends soon.

A report-back is *overdue* when the role asks for one every N days and the holder has
not filed one within N days of their last (or of the term's start). A term is *ending
soon* when its last day is at most ``REMINDER_DAYS`` away; the notifications app sends
those holders a reminder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.models import Group
from moot.roles.models import AccountableRole, ReportBack, Term

REMINDER_DAYS = 14


@dataclass
class TermStatus:
    """A term as pages show it: its holder, and whether a report-back is overdue."""

    term: Term
    last_report: date | None
    due_on: date | None
    overdue: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "term_id": self.term.pk,
            "holder": self.term.holder.shown_name,
            "starts_on": self.term.starts_on.isoformat(),
            "ends_on": self.term.ends_on.isoformat(),
            "last_report": self.last_report.isoformat() if self.last_report else None,
            "report_due_on": self.due_on.isoformat() if self.due_on else None,
            "overdue": self.overdue,
        }


@dataclass
class RoleBoard:
    """A role with its current holders, for the group's roles page and the stream."""

    role: AccountableRole
    holders: list[TermStatus] = field(default_factory=list)

    @property
    def vacant_seats(self) -> int:
        return max(self.role.seats - len(self.holders), 0)

    @property
    def overdue(self) -> bool:
        return any(h.overdue for h in self.holders)

    def as_dict(self) -> dict[str, Any]:
        return {
            "role_id": self.role.pk,
            "name": self.role.name,
            "duties": self.role.duties,
            "seats": self.role.seats,
            "report_every_days": self.role.report_every_days,
            "holders": [h.as_dict() for h in self.holders],
        }


def current_terms(role: AccountableRole, today: date | None = None) -> QuerySet[Term]:
    today = today or timezone.localdate()
    return role.terms.filter(ended_at__isnull=True, starts_on__lte=today, ends_on__gte=today)


def term_status(term: Term, today: date, last_filed: datetime | None) -> TermStatus:
    last = timezone.localdate(last_filed) if last_filed else None
    due = term.report_due_on(last)
    overdue = due is not None and due < today and term.is_current(today)
    return TermStatus(term, last, due, overdue)


def _with_last_report(terms: QuerySet[Term]) -> QuerySet[Term]:
    return terms.select_related("holder", "role").annotate(last_filed=Max("report_backs__filed_at"))


def role_boards(group: Group, today: date | None = None) -> list[RoleBoard]:
    """Every role of the group with its current holders, in one query for the terms."""
    today = today or timezone.localdate()
    boards = {r.pk: RoleBoard(r) for r in AccountableRole.objects.filter(group=group)}
    current = Term.objects.filter(
        role__group=group, ended_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    )
    for term in _with_last_report(current).order_by("starts_on", "id"):
        boards[term.role_id].holders.append(term_status(term, today, term.last_filed))  # type: ignore[attr-defined]
    return list(boards.values())


def overdue_boards(group: Group, today: date | None = None) -> list[RoleBoard]:
    """The roles whose holder owes the group a report-back (for the group page)."""
    return [b for b in role_boards(group, today) if b.overdue]


def role_history(role: AccountableRole, today: date | None = None) -> list[TermStatus]:
    """Every term of the role, newest first, each with its report-backs loaded."""
    today = today or timezone.localdate()
    reports = Prefetch("report_backs", queryset=ReportBack.objects.select_related("author"))
    terms = _with_last_report(role.terms.all()).prefetch_related(reports)
    return [term_status(t, today, t.last_filed) for t in terms]  # type: ignore[attr-defined]


def due_role_reminders(now: datetime) -> list[tuple[User, Term, int]]:
    """(holder, term, days left) for every running term whose last day is within 14 days."""
    today = timezone.localdate(now)
    soon = Term.objects.filter(
        ended_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
        ends_on__lte=today + timedelta(days=REMINDER_DAYS),
    ).select_related("holder", "role__group")
    return [(t.holder, t, (t.ends_on - today).days) for t in soon.order_by("ends_on", "id")]
