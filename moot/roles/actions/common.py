"""Pieces the roles actions share: publishing an event and noting it in the audit log."""

from __future__ import annotations

from typing import Any

from moot.groups.trail import note_change
from moot.realtime.events import publish_on_commit
from moot.roles.events import roles_stream
from moot.roles.models import AccountableRole


def announce(
    role: AccountableRole, actor: Any, event_type: str, payload: dict[str, Any], summary: str
) -> None:
    """Note the change in the audit log now and publish its event once it commits."""
    note_change(role.group, actor, event_type, role, summary)
    publish_on_commit(
        roles_stream(role.group_id),
        event_type,
        {"group_id": role.group_id, "role_id": role.pk, **payload},
    )


def lock(role: AccountableRole) -> AccountableRole:
    """Reload the role under a row lock, so two fills cannot both take the last seat."""
    return AccountableRole.objects.select_for_update().select_related("group").get(pk=role.pk)
