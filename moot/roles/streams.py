"""The live stream of a group's roles: ``roles:<group_id>``, for whoever sees the group.

On connecting, a listener receives each role with its current holders.
"""

from __future__ import annotations

from typing import Any

from moot.groups.models import Group
from moot.groups.rules import can_see_group
from moot.realtime.streams import register_stream
from moot.roles import queries


def _group(key: str) -> Group | None:
    return Group.objects.filter(pk=int(key)).first() if key.isdigit() else None


def authorize(user: Any, key: str) -> bool:
    group = _group(key)
    return group is not None and can_see_group(user, group)


def snapshot(user: Any, key: str) -> dict[str, Any]:
    group = _group(key)
    assert group is not None
    return {"group_id": group.pk, "roles": [r.as_dict() for r in queries.role_boards(group)]}


def register() -> None:
    register_stream("roles", authorize=authorize, snapshot=snapshot)
