"""Helpers the decisions tests share: people in a group, proposals, ballots and events."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions
from moot.decisions.actions import Draft
from moot.decisions.models import Proposal
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role
from tests.apps.conftest import make_user


def people(group: Group, count: int, prefix: str = "voter", role: str = Role.MEMBER) -> list[User]:
    """``count`` new members of ``group``."""
    found = []
    for i in range(count):
        user = make_user(f"{prefix}{group.pk}x{i}")
        group_actions.do_add_member(user, group, role)
        found.append(user)
    return found


def live(author: User, group: Group, **fields: Any) -> Proposal:
    fields.setdefault("title", "Do not seek legal permits")
    fields.setdefault("text", "We hold the square without asking for a permit.")
    return actions.do_open_proposal(author, group, Draft(**fields))


def between_meetings(author: User, group: Group, hours: int = 24, **fields: Any) -> Proposal:
    fields.setdefault("title", "Buy a new banner")
    return live(
        author, group, mode="async", closes_at=timezone.now() + timedelta(hours=hours), **fields
    )


def test_round(proposal: Proposal) -> None:
    """Open the next test for consensus on a live proposal."""
    actions.do_move_to_phase(proposal, "testing")


test_round.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def vote(proposal: Proposal, voters: list[User], position: str, reason: str = "") -> None:
    for voter in voters:
        choice = {"position": position}
        if reason:
            choice["reason"] = reason
        actions.do_cast_ballot(proposal, voter, choice)


def run_commit_callbacks() -> None:
    """Run the on-commit callbacks waiting so far, as a real commit would (a test with
    ``db`` runs inside a transaction that never commits)."""
    pending = list(connection.run_on_commit)
    del connection.run_on_commit[:]
    for _savepoints, callback, _robust in pending:
        callback()


def events(published: list[tuple[str, bytes]]) -> list[tuple[str, str, dict[str, Any]]]:
    """(stream, type, data) of every decisions event published (committed) so far."""
    if connection.in_atomic_block:
        run_commit_callbacks()
    found = []
    for stream, message in published:
        body = json.loads(message)
        if body["type"].startswith("decision."):
            found.append((stream, body["type"], body["data"]))
    return found


def types(published: list[tuple[str, bytes]]) -> list[str]:
    return [kind for _stream, kind, _data in events(published)]
