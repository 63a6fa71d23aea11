"""Accountable roles: named roles of a group, who holds them, for how long, and what
they reported back.

A group names its roles (facilitator, convener, treasurer, delegate, or any name), each
with its duties, how many people hold it at once (``seats``) and how often its holder
reports back to the group. A *term* is one person holding a role from a first day to a
last day; it ends early only by recall, resignation or replacement, and is never
deleted: who held which role when is part of the group's memory. A *report-back* is what
a holder tells the group during their term.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.groups.models import Group


class AccountableRole(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="accountable_roles")
    name = models.CharField(_("name"), max_length=100)
    duties = models.TextField(_("duties"), max_length=5000, blank=True)
    seats = models.PositiveIntegerField(_("people who hold it at once"), default=1)
    report_every_days = models.PositiveIntegerField(
        _("a report-back is due every … days"), null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="one_role_name_per_group")
        ]

    def __str__(self) -> str:
        return self.name


class EndReason(models.TextChoices):
    SERVED = "served", _("Served the full term")
    RECALLED = "recalled", _("Recalled by decision")
    RESIGNED = "resigned", _("Stepped down")
    REPLACED = "replaced", _("Replaced by a new holder")


class Term(models.Model):
    role = models.ForeignKey(AccountableRole, on_delete=models.CASCADE, related_name="terms")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_terms"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason, blank=True)
    proposal_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The proposal or election that gave or ended the term."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "-starts_on", "-id"]
        indexes = [models.Index(fields=["role", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.holder} as {self.role}"

    @property
    def last_day(self) -> date:
        """The day the term ends: its planned last day, or earlier if it was cut short."""
        if self.ended_at is not None:
            return min(self.ends_on, timezone.localdate(self.ended_at))
        return self.ends_on

    def is_current(self, today: date) -> bool:
        return self.ended_at is None and self.starts_on <= today <= self.ends_on

    def report_due_on(self, last_report: date | None) -> date | None:
        """When the next report-back is due, counted from the last one or the start."""
        every = self.role.report_every_days
        if not every:
            return None
        return (last_report or self.starts_on) + timedelta(days=every)


class ReportBack(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="report_backs")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("report-back"), max_length=10000)
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["term", "-filed_at", "-id"]

    def __str__(self) -> str:
        return f"report-back on {self.term}"
