"""The live stream of a group: who joins and leaves, committees created."""

from __future__ import annotations

from typing import Any

from moot.groups import queries
from moot.groups.models import Group
from moot.realtime.streams import register_stream


def _group(key: str) -> Group | None:
    return Group.objects.filter(pk=int(key)).first() if key.isdigit() else None


def authorize(user: Any, key: str) -> bool:
    group = _group(key)
    return group is not None and bool(user.has_perm("groups.view_group", group))


def snapshot(user: Any, key: str) -> dict[str, Any]:
    group = _group(key)
    assert group is not None
    return {
        "group_id": group.pk,
        "name": group.name,
        "member_count": queries.active_members(group).count(),
    }


def register() -> None:
    register_stream("group", authorize=authorize, snapshot=snapshot)
