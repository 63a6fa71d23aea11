"""Who may do what with groups, committees and memberships — the one place it is decided.

Deny by default: every permission is a predicate that must hold. A group or committee
is seen by whom its visibility allows, and only if its parent can be seen too. Admins
of a group or of any group above it manage it; a convener manages their own committee.
Views answer 404 for anything the person may not see, so nothing leaks by its error.
"""

from __future__ import annotations

import rules

from moot.groups import queries
from moot.groups.models import Group, Role, Visibility
from moot.groups.queries import AnyUser


def can_see(user: AnyUser, group: Group, visibility: str) -> bool:
    """Whether ``user`` may see something of ``group`` that carries ``visibility``.

    Other apps call this for their own records (documents, decisions …).
    """
    if not can_see_group(user, group):
        return False
    if visibility == Visibility.PUBLIC:
        return True
    if queries.is_admin(user, group):
        return True
    if visibility == Visibility.MEMBERS:
        return queries.is_member(user, _organisation(group))
    return queries.is_member(user, group)


def can_see_group(user: AnyUser, group: Group) -> bool:
    return all(_own_visibility_allows(user, node) for node in _lineage(group))


def _own_visibility_allows(user: AnyUser, group: Group) -> bool:
    if group.visibility == Visibility.PUBLIC:
        return True
    if queries.is_admin(user, group):
        return True
    if group.visibility == Visibility.MEMBERS:
        return queries.is_member(user, _organisation(group))
    return queries.is_member(user, group)


def _lineage(group: Group) -> list[Group]:
    nodes = [group]
    while nodes[-1].parent_id is not None:
        nodes.append(nodes[-1].parent)  # type: ignore[arg-type]
    return nodes


def _organisation(group: Group) -> Group:
    return _lineage(group)[-1]


@rules.predicate
def sees_group(user: AnyUser, group: Group) -> bool:
    return can_see_group(user, group)


@rules.predicate
def is_organisation_member(user: AnyUser, group: Group) -> bool:
    return queries.is_member(user, _organisation(group))


@rules.predicate
def manages_group(user: AnyUser, group: Group) -> bool:
    return queries.is_admin(user, group) or queries.role_in(user, group) == Role.CONVENER


@rules.predicate
def is_group_member(user: AnyUser, group: Group) -> bool:
    return queries.is_member(user, group)


@rules.predicate
def may_join_without_invitation(user: AnyUser, group: Group) -> bool:
    if group.parent is None or not group.open_to_join:
        return False
    return queries.is_member(user, group.parent) and not queries.is_member(user, group)


rules.add_perm("groups.create_group", rules.is_authenticated)
rules.add_perm("groups.view_group", sees_group)
rules.add_perm("groups.view_members", sees_group & is_organisation_member)
rules.add_perm("groups.manage_group", sees_group & manages_group)
rules.add_perm("groups.join_group", sees_group & may_join_without_invitation)
rules.add_perm("groups.leave_group", is_group_member)
