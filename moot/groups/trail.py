"""Actions tell whoever keeps the group's audit log what changed, in their transaction.

The audit log lives in ``moot.records``, the top layer, so the apps below it (groups,
decisions, meetings, roles) cannot call it directly: records registers its writer here
when it loads, and their actions call ``note_change(group, actor, action, target,
summary)``. With no writer registered (an app run without records) nothing is noted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moot.groups.models import Group

AuditWriter = Callable[[Group, Any, str, Any, str], object]
_writers: list[AuditWriter] = []


def register_audit_writer(writer: AuditWriter) -> None:
    if writer not in _writers:
        _writers.append(writer)


def note_change(group: Group, actor: Any, action: str, target: Any, summary: str) -> None:
    for writer in _writers:
        writer(group, actor, action, target, summary)
