"""What each person wants to hear about, what moot has told them, and their calendar feeds.

A person chooses, per group and per kind of notice, whether it reaches them and whether
it comes at once or in the daily digest; a kind they never touched takes its default
(``kinds.DEFAULTS``). ``SentNotice`` is the log that makes notifying idempotent: one row
per person, kind and object, unique, written in the same transaction that sends the
email (or queues it for the digest), so nothing is ever sent twice. A personal calendar
feed is reached by a secret link; only its hash is stored, and revoking it ends the link.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.groups.models import Group
from moot.notices.kinds import Delivery, NoticeKind


class NoticeSetting(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_settings"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=NoticeKind)
    enabled = models.BooleanField(default=True)
    delivery = models.CharField(max_length=20, choices=Delivery, default=Delivery.DIGEST)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group", "kind"], name="one_notice_setting_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person} in {self.group}"


class Via(models.TextChoices):
    IMMEDIATE = "immediate", _("Sent at once")
    DIGEST = "digest", _("In the daily digest")
    MUTED = "muted", _("Not sent: turned off")
    SKIPPED = "skipped", _("Not sent: no longer relevant or visible")
    FAILED = "failed", _("Not sent: the message could not be made or sent")


class SentNotice(models.Model):
    """One notice to one person about one object, ever. A digest row waits with
    ``sent_at`` empty until the digest carries it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_notices"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=NoticeKind)
    ref = models.CharField(max_length=50)  # "proposal:12", "meeting:3", "term:7"
    via = models.CharField(max_length=20, choices=Via)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "ref"], name="one_notice_per_object")
        ]
        indexes = [models.Index(fields=["via", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} to {self.person}"


class CalendarFeed(models.Model):
    """A person's private calendar link. Only the hash of its token is stored."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.person}"
