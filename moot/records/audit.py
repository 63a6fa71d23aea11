"""The audit log: who changed what in a group, and when. It is only ever appended to.

``record_audit(group, actor, action, target, summary)`` is called by the actions that
change a group's record, inside their transaction, so an entry exists exactly when the
change does. Apps below records cannot import it; they call
``moot.groups.trail.note_change``, and this module registers itself there on loading.
An entry carries the visibility of what it is about: an entry about a committee-only
document is read only by those who may read the document.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from moot.groups.models import Group, Visibility
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see
from moot.groups.trail import register_audit_writer
from moot.records.models import AuditEntry


def record_audit(
    group: Group,
    actor: Any,
    action: str,
    target: Model | None,
    summary: str,
    *,
    visibility: str | None = None,
) -> AuditEntry:
    """Append one entry; ``visibility`` defaults to the target's own, else members."""
    visibility = visibility or getattr(target, "visibility", None) or Visibility.MEMBERS
    if visibility not in Visibility.values:
        visibility = Visibility.MEMBERS
    return AuditEntry.objects.create(
        group=group,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action[:100],
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target.pk if target is not None else None,
        summary=summary[:1000],
        visibility=visibility,
    )


def audit_entries(user: AnyUser, group: Group, limit: int = 500) -> list[AuditEntry]:
    """The newest entries of the group that ``user`` may read."""
    found = AuditEntry.objects.filter(group=group).select_related("actor").order_by("-at", "-id")
    return [e for e in found[:limit] if can_see(user, group, e.visibility)]


register_audit_writer(record_audit)
