"""Every change to groups, committees, memberships and invitations is one action here.

Each action runs in one transaction, checks what would make it fail before it writes,
and publishes its live events when the transaction commits.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User, hash_token
from moot.core.rules import TEMPLATES
from moot.groups import queries
from moot.groups.constitution import DEFAULT_RULE_TEMPLATE
from moot.groups.errors import ActionError
from moot.groups.events import group_stream
from moot.groups.models import Group, GroupKind, Invitation, Membership, Role, Visibility
from moot.groups.trail import note_change
from moot.realtime.events import publish_on_commit


@transaction.atomic
def do_create_group(
    creator: User,
    *,
    name: str,
    kind: str,
    description: str = "",
    visibility: str = Visibility.PUBLIC,
    rule_template: str = DEFAULT_RULE_TEMPLATE,
) -> Group:
    """A new organisation, deciding by a rule template; its creator is its first admin."""
    if rule_template not in TEMPLATES:
        raise ActionError(_("There is no rule template called %(name)s.") % {"name": rule_template})
    group = Group.objects.create(
        name=_check_name(name),
        kind=kind,
        description=description,
        visibility=visibility,
        default_visibility=visibility,
        open_to_join=False,
        decision_rule=TEMPLATES[rule_template].to_dict(),
        created_by=creator,
    )
    _add_member(creator, group, Role.ADMIN)
    return group


@transaction.atomic
def do_create_committee(
    creator: User,
    parent: Group,
    *,
    name: str,
    description: str = "",
    visibility: str | None = None,
    open_to_join: bool = True,
    kind: str = GroupKind.COMMITTEE,
) -> Group:
    """A committee (or sub-committee) under ``parent``; its creator convenes it."""
    committee = Group.objects.create(
        name=_check_name(name),
        kind=kind,
        description=description,
        parent=parent,
        root_id=parent.organisation_id,
        visibility=visibility or parent.default_visibility,
        default_visibility=parent.default_visibility,
        open_to_join=open_to_join,
        decision_rule=parent.decision_rule,
        hand_signals=parent.hand_signals,
        created_by=creator,
    )
    _add_member(creator, committee, Role.CONVENER)
    note_change(
        parent,
        creator,
        "committee.created",
        committee,
        _("Committee %(name)s created.") % {"name": committee.name},
    )
    publish_on_commit(
        group_stream(parent.pk),
        "group.committee_created",
        {"group_id": parent.pk, "committee_id": committee.pk, "name": committee.name},
    )
    return committee


@transaction.atomic
def do_update_group(group: Group, **fields: Any) -> Group:
    if "name" in fields:
        fields["name"] = _check_name(fields["name"])
    for field, value in fields.items():
        setattr(group, field, value)
    group.save(update_fields=list(fields))
    note_change(
        group,
        None,
        "group.updated",
        group,
        _("Changed: %(fields)s.") % {"fields": ", ".join(sorted(fields))},
    )
    return group


@transaction.atomic
def do_join_group(user: User, group: Group) -> Membership:
    if group.parent is None or not group.open_to_join:
        raise ActionError(_("This group is joined by invitation only."), 403)
    if not queries.is_member(user, group.parent):
        raise ActionError(_("Join %(parent)s first.") % {"parent": group.parent.name}, 403)
    return _add_member(user, group, Role.MEMBER)


@transaction.atomic
def do_leave_group(user: User, group: Group, reason: str = "") -> None:
    """End the membership (and those in the group's committees); history stays."""
    if not queries.is_member(user, group):
        raise ActionError(_("You are not a member of this group."), 400)
    _check_not_last_admin(user, group)
    tree = [group.pk] + [c.pk for c in queries.committees_of(group)]
    ended = Membership.objects.filter(user=user, group_id__in=tree, left_at__isnull=True)
    for membership in ended.select_related("group"):
        publish_on_commit(
            group_stream(membership.group_id),
            "membership.left",
            {"group_id": membership.group_id, "user_id": user.pk},
        )
    ended.update(left_at=timezone.now(), leave_reason=reason[:500])
    queries.forget_roles(user)
    note_change(
        group, user, "membership.left", None, _("%(name)s left.") % {"name": user.shown_name}
    )


@transaction.atomic
def do_change_role(membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ActionError(_("Unknown role."), 400)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _check_not_last_admin(membership.user, membership.group)
    membership.role = role
    membership.save(update_fields=["role"])
    note_change(
        membership.group,
        None,
        "membership.role_changed",
        membership,
        _("%(name)s is now %(role)s.")
        % {"name": membership.user.shown_name, "role": membership.get_role_display()},
    )
    publish_on_commit(
        group_stream(membership.group_id),
        "membership.role_changed",
        {"group_id": membership.group_id, "user_id": membership.user_id, "role": role},
    )
    return membership


@transaction.atomic
def do_create_invitation(
    creator: User, group: Group, *, role: str = Role.MEMBER, note: str = "", days: int | None = None
) -> str:
    """A single-use link that expires; returns the raw token (only its hash is kept)."""
    raw = secrets.token_urlsafe(24)
    Invitation.objects.create(
        group=group,
        digest=hash_token(raw),
        role=role,
        note=note[:200],
        created_by=creator,
        expires_at=timezone.now() + timedelta(days=days or settings.MOOT_INVITE_DAYS),
    )
    return raw


def find_invitation(raw: str) -> Invitation | None:
    return Invitation.objects.select_related("group").filter(digest=hash_token(raw)).first()


@transaction.atomic
def do_accept_invitation(user: User, raw: str) -> Membership:
    """Join the invited group (and the groups above it) with the invited role."""
    invitation = find_invitation(raw)
    if invitation is None:
        raise ActionError(_("This invitation link is not valid."), 404)
    check_invitation_usable(invitation)
    if queries.is_member(user, invitation.group):
        raise ActionError(
            _("You are already a member of %(group)s.") % {"group": invitation.group.name}, 409
        )
    claimed = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
        used_at=timezone.now(), used_by=user
    )
    if claimed != 1:  # someone else used it a moment ago
        raise ActionError(_("This invitation has already been used."), 410)
    for ancestor in reversed(queries.ancestors(invitation.group)):
        if not queries.is_member(user, ancestor):
            _add_member(user, ancestor, Role.MEMBER)
    return _add_member(user, invitation.group, invitation.role)


def check_invitation_usable(invitation: Invitation) -> None:
    if invitation.is_used:
        raise ActionError(_("This invitation has already been used."), 410)
    if invitation.is_expired:
        raise ActionError(_("This invitation has expired. Ask for a new one."), 410)


@transaction.atomic
def do_add_member(user: User, group: Group, role: str = Role.MEMBER) -> Membership:
    """Add someone directly (the demo, imports); people themselves join or accept invites."""
    return _add_member(user, group, role)


def _add_member(user: User, group: Group, role: str) -> Membership:
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, group=group, role=role)
    except IntegrityError:
        raise ActionError(
            _("You are already a member of %(group)s.") % {"group": group.name}, 409
        ) from None
    queries.forget_roles(user)
    note_change(
        group,
        user,
        "membership.joined",
        membership,
        _("%(name)s joined as %(role)s.")
        % {"name": user.shown_name, "role": membership.get_role_display()},
    )
    publish_on_commit(
        group_stream(group.pk),
        "membership.joined",
        {"group_id": group.pk, "user_id": user.pk, "name": user.shown_name, "role": role},
    )
    return membership


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ActionError(_("Please give a name."), 400)
    if len(name) > settings.MOOT_NAME_MAX:
        raise ActionError(
            _("A name can have at most %(max)d characters.") % {"max": settings.MOOT_NAME_MAX}, 400
        )
    return name


def _check_not_last_admin(user: User, group: Group) -> None:
    admins = Membership.objects.filter(group=group, role=Role.ADMIN, left_at__isnull=True)
    if admins.filter(user=user).exists() and admins.count() == 1:
        raise ActionError(_("Name another admin before you step down as the last one."), 409)
