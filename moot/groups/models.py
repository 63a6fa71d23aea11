"""Groups, their committees at any depth, memberships with roles, and invitations.

A group is an assembly, branch, collective, co-op …; a committee is a group with a
parent. Every group knows its ``root`` (the organisation it belongs to) so a whole tree
loads in one query. Leaving a group ends a membership (``left_at``, with an optional
reason) and never deletes it: turnover is part of a group's history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.groups.constitution import default_decision_rule, default_hand_signals


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the group")
    COMMITTEE = "committee", _("Members of the committee")


class GroupKind(models.TextChoices):
    ASSEMBLY = "assembly", _("General assembly")
    BRANCH = "branch", _("Branch")
    COLLECTIVE = "collective", _("Collective")
    COLLABORATIVE = "collaborative", _("Collaborative")
    COOP = "coop", _("Co-op")
    UNION = "union", _("Union")
    NETWORK = "network", _("Network")
    COMMITTEE = "committee", _("Committee")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")
    NOTE_TAKER = "note_taker", _("Note-taker")
    CONVENER = "convener", _("Convener")
    ADMIN = "admin", _("Admin")


class Group(models.Model):
    name = models.CharField(_("name"), max_length=settings.MOOT_NAME_MAX)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind, default=GroupKind.ASSEMBLY)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="descendants"
    )
    visibility = models.CharField(
        _("who can see it"), max_length=20, choices=Visibility, default=Visibility.PUBLIC
    )
    default_visibility = models.CharField(
        _("default visibility of new records"),
        max_length=20,
        choices=Visibility,
        default=Visibility.PUBLIC,
    )
    open_to_join = models.BooleanField(
        _("members of the parent group may join without an invitation"), default=True
    )
    decision_rule = models.JSONField(_("decision rule"), default=default_decision_rule)
    hand_signals = models.JSONField(_("hand signals"), default=default_hand_signals)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_committee(self) -> bool:
        return self.parent_id is not None

    @property
    def organisation_id(self) -> int:
        return self.root_id or self.pk


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=Q(left_at__isnull=True),
                name="one_active_membership_per_group",
            )
        ]
        indexes = [models.Index(fields=["group", "left_at"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Invitation(models.Model):
    """A single-use, expiring link that lets one person join a group.

    Only the hash of the link's token is stored.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    digest = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"invitation to {self.group}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
