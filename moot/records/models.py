"""The record: a group's standing agreements, kept with every version.

A standing agreement ("anyone may ask not to be photographed, and that is respected")
is adopted, amended or retired only by a passed proposal that names the change; each
version keeps the text, when it took effect and the proposal that made it.
Minutes are not stored: they are rendered from the meeting's own record
(``moot.records.minutes``), which does not change once the meeting has ended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.groups.models import Group, Visibility


class Agreement(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=10000)
    adopted_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "adopted_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_standing(self) -> bool:
        return self.retired_at is None


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=10000)
    took_effect_at = models.DateTimeField(default=timezone.now)
    proposal_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The proposal whose passing made this version."
    )

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


# Documents and the audit log. A document (an internal bulletin, a report …) is seen by
# whom its visibility allows (``moot.groups.rules.can_see``); each edit keeps a version.
# The audit log says who changed what, and when; it is only ever appended to.


class Document(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=10000)
    visibility = models.CharField(_("who can read it"), max_length=20, choices=Visibility)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "-updated_at", "-id"]
        indexes = [models.Index(fields=["group", "visibility"])]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=10000)
    visibility = models.CharField(max_length=20, choices=Visibility)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="one_document_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class AuditEntry(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    summary = models.CharField(max_length=1000)
    visibility = models.CharField(max_length=20, choices=Visibility, default=Visibility.MEMBERS)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "-at", "-id"]
        indexes = [models.Index(fields=["group", "at"])]

    def __str__(self) -> str:
        return self.summary
