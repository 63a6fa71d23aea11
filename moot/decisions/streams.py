"""The live streams of a group's decisions, one per level of visibility.

``decisions:<group_id>`` carries the group's public proposals;
``decisions:<group_id>.members`` and ``decisions:<group_id>.committee`` carry those only
members see. A listener may follow a stream only if they may see what it carries, and on
connecting receives the open proposals it covers.
"""

from __future__ import annotations

from typing import Any

from moot.decisions import queries
from moot.groups.models import Group, Visibility
from moot.groups.rules import can_see
from moot.realtime.streams import register_stream


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
    open_ones = queries.open_proposals(group).filter(visibility=visibility)
    return {
        "group_id": group.pk,
        "open_proposals": [queries.proposal_brief(p) for p in open_ones],
    }


def register() -> None:
    register_stream("decisions", authorize=authorize, snapshot=snapshot)
