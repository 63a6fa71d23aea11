"""Who may do what with accountable roles — the one place it is decided.

Roles, their holders, terms and report-backs are as open as their group: whoever sees
the group sees who holds power in it. Admins of the group (or of a group above it) name
roles, change them and give or end terms; the holder of a term files its report-backs;
members propose a recall, which the whole group then decides.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from moot.groups import queries
from moot.groups.models import Group
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see_group
from moot.roles.models import AccountableRole, EndReason, Term


@rules.predicate
def sees_group(user: AnyUser, group: Group) -> bool:
    return can_see_group(user, group)


@rules.predicate
def administers_group(user: AnyUser, group: Group) -> bool:
    return queries.is_admin(user, group)


@rules.predicate
def sees_role(user: AnyUser, role: AccountableRole) -> bool:
    return can_see_group(user, role.group)


@rules.predicate
def administers_role(user: AnyUser, role: AccountableRole) -> bool:
    return queries.is_admin(user, role.group)


@rules.predicate
def sees_term(user: AnyUser, term: Term) -> bool:
    return can_see_group(user, term.role.group)


@rules.predicate
def holds_term(user: AnyUser, term: Term) -> bool:
    started = term.starts_on <= timezone.localdate()
    recalled = term.end_reason == EndReason.RECALLED
    return user.is_authenticated and term.holder_id == user.pk and started and not recalled


@rules.predicate
def is_member_of_term_group(user: AnyUser, term: Term) -> bool:
    return queries.is_member(user, term.role.group)


@rules.predicate
def administers_term(user: AnyUser, term: Term) -> bool:
    return queries.is_admin(user, term.role.group)


rules.add_perm("roles.view_roles", sees_group)
rules.add_perm("roles.manage_roles", sees_group & administers_group)
rules.add_perm("roles.view_role", sees_role)
rules.add_perm("roles.manage_role", sees_role & administers_role)
rules.add_perm("roles.file_report_back", sees_term & holds_term)
rules.add_perm("roles.end_term", sees_term & (administers_term | holds_term))
rules.add_perm("roles.propose_recall", sees_term & is_member_of_term_group)
