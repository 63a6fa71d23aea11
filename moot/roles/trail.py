"""Roles tell whoever keeps the group's audit log what changed, in the same transaction.

The audit log lives in ``moot.records``, a layer above this app, so this app cannot call
it directly: records registers its writer here when it loads, and roles' actions call
``note_change``. With no writer registered (an app run without records) nothing is noted.
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
