"""Reading groups and memberships: small queries other code composes."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from moot.accounts.models import User
from moot.groups.models import Group, Membership, Role

AnyUser = User | AnonymousUser


def active_memberships(user: AnyUser) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, left_at__isnull=True)


def membership_of(user: AnyUser, group: Group) -> Membership | None:
    return active_memberships(user).filter(group=group).first()


def roles_of(user: AnyUser) -> dict[int, str]:
    """Group id → role for each active membership, loaded once per request."""
    if not user.is_authenticated:
        return {}
    if "_moot_roles" not in user.__dict__:
        user.__dict__["_moot_roles"] = dict(
            active_memberships(user).values_list("group_id", "role")
        )
    roles: dict[int, str] = user.__dict__["_moot_roles"]
    return roles


def forget_roles(user: AnyUser) -> None:
    """Call after a membership changes so the next check reads it afresh."""
    user.__dict__.pop("_moot_roles", None)


def role_in(user: AnyUser, group: Group) -> str | None:
    return roles_of(user).get(group.pk)


def lineage_ids(group: Group) -> list[int]:
    """The group's id and its ancestors' ids, itself first."""
    ids = [group.pk]
    node = group
    while node.parent_id is not None:
        ids.append(node.parent_id)
        node = node.parent  # type: ignore[assignment]
    return ids


def ancestors(group: Group) -> list[Group]:
    """The groups above ``group``, nearest first."""
    found: list[Group] = []
    node = group.parent
    while node is not None:
        found.append(node)
        node = node.parent
    return found


def is_member(user: AnyUser, group: Group) -> bool:
    return group.pk in roles_of(user)


def is_admin(user: AnyUser, group: Group) -> bool:
    """Admins of a group or of any group above it manage it."""
    roles = roles_of(user)
    return any(roles.get(gid) == Role.ADMIN for gid in lineage_ids(group))


def my_groups(user: AnyUser) -> QuerySet[Group]:
    return Group.objects.filter(
        parent__isnull=True, pk__in=active_memberships(user).values("group_id")
    )


def public_groups() -> QuerySet[Group]:
    return Group.objects.filter(parent__isnull=True, visibility="public")


def listed_groups(user: AnyUser) -> QuerySet[Group]:
    """The organisations a person sees listed: their own and the public ones."""
    mine = active_memberships(user).values("group_id")
    return Group.objects.filter(parent__isnull=True).filter(Q(visibility="public") | Q(pk__in=mine))


def committees_of(group: Group) -> list[Group]:
    """The whole committee tree under ``group`` in one query, depth-first by name."""
    tree = Group.objects.filter(root_id=group.organisation_id).order_by("name", "id")
    by_parent: dict[int | None, list[Group]] = {}
    for node in tree:
        by_parent.setdefault(node.parent_id, []).append(node)
    ordered: list[Group] = []

    def walk(parent_id: int, depth: int) -> None:
        for child in by_parent.get(parent_id, []):
            child.depth = depth  # type: ignore[attr-defined]
            ordered.append(child)
            walk(child.pk, depth + 1)

    walk(group.pk, 0)
    return ordered


def active_members(group: Group) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group=group, left_at__isnull=True)
        .select_related("user")
        .order_by("user__display_name", "id")
    )
