"""The live streams of a group's documents, one per level of visibility.

A listener may follow ``documents:<group_id>[.members|.committee]`` only if they may read
what it carries; on connecting they receive the titles of the documents it covers.
"""

from __future__ import annotations

from typing import Any

from moot.groups.models import Group, Visibility
from moot.groups.rules import can_see
from moot.realtime.streams import STREAM_KINDS, register_stream
from moot.records.models import Document


def _parse(key: str) -> tuple[Group | None, str]:
    group_id, _, visibility = key.partition(".")
    visibility = visibility or Visibility.PUBLIC
    if not group_id.isdigit() or visibility not in Visibility.values:
        return None, visibility
    return Group.objects.filter(pk=int(group_id)).first(), visibility


def authorize(user: Any, key: str) -> bool:
    group, visibility = _parse(key)
    return group is not None and can_see(user, group, visibility)


def snapshot(user: Any, key: str) -> dict[str, Any]:
    group, visibility = _parse(key)
    assert group is not None
    found = Document.objects.filter(group=group, visibility=visibility).values("id", "title")
    return {"group_id": group.pk, "documents": list(found)}


def register() -> None:
    if "documents" not in STREAM_KINDS:
        register_stream("documents", authorize=authorize, snapshot=snapshot)
