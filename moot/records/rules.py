"""Who may read the record. Standing agreements are as open as their group."""

from __future__ import annotations

import rules

from moot.groups import queries as _queries
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see, is_group_member, manages_group, sees_group
from moot.meetings.rules import sees_meeting
from moot.records import audit as _audit  # noqa: F401  (registers the audit log's writer)
from moot.records import document_streams as _document_streams
from moot.records.models import Document

rules.add_perm("records.view_agreements", sees_group)
rules.add_perm("records.view_minutes", sees_meeting)


# Documents, the audit log and exports. A document is read by whom its visibility allows
# (``can_see``); members of the group write documents, and their author or whoever
# manages the group changes them. The audit log is read by the group's members (each
# entry only where its visibility allows). Anyone who sees the group may export it:
# an export holds only what the person exporting may read.


@rules.predicate
def sees_document(user: AnyUser, document: Document) -> bool:
    return can_see(user, document.group, document.visibility)


@rules.predicate
def wrote_document(user: AnyUser, document: Document) -> bool:
    return user.is_authenticated and document.author_id == user.pk


@rules.predicate
def manages_document_group(user: AnyUser, document: Document) -> bool:
    return bool(manages_group(user, document.group))


@rules.predicate
def is_admin_of_group(user: AnyUser, group: object) -> bool:
    return _queries.is_admin(user, group)  # type: ignore[arg-type]


rules.add_perm("records.view_documents", sees_group)
rules.add_perm("records.view_document", sees_document)
rules.add_perm("records.write_document", sees_group & (is_group_member | is_admin_of_group))
rules.add_perm("records.edit_document", sees_document & (wrote_document | manages_document_group))
rules.add_perm("records.view_audit", sees_group & (is_group_member | is_admin_of_group))
rules.add_perm("records.export", sees_group)
_document_streams.register()
