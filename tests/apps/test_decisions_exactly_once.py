"""A vote, once acknowledged, is counted exactly once — however many times it is sent at
once, and never after its round has closed.

These run against a database on disk as moot runs it (on SQLite: WAL and IMMEDIATE
transactions, where writers queue), not the shared in-memory test database, whose
table locks fail at once instead of queueing. On PostgreSQL they use the test database.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from moot.accounts.models import User
from moot.decisions import actions
from moot.decisions.models import Ballot, Proposal, Round, SecretCount, SecretParticipation
from moot.groups import actions as group_actions
from moot.groups.errors import ActionError
from tests.apps.conftest import make_user
from tests.apps.test_decisions_helpers import between_meetings

SUBMISSIONS = 50


@pytest.fixture(autouse=True)
def database_on_disk(transactional_db: None, tmp_path: Path) -> Iterator[None]:
    """On SQLite, point every new connection at a copy of the test database on disk.

    The test's own thread keeps its in-memory connection, so everything here runs in
    other threads (``in_thread``, ``in_parallel``).
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "moot.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    settings_dict = connections.settings["default"]
    original = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = original


def in_thread(work: Callable[[], Any]) -> Any:
    """Run ``work`` in a thread of its own (so on the database on disk); its result."""
    results: list[Any] = []

    def run() -> None:
        try:
            results.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert results, "the work raised; see the thread's traceback above"
    return results[0]


def in_parallel(count: int, work: Callable[[], None]) -> list[str]:
    """Run ``work`` in ``count`` threads released at once; what each one got."""
    start = threading.Barrier(count)
    outcomes: list[str] = []

    def run() -> None:
        try:
            start.wait()
            work()
            outcomes.append("counted")
        except ActionError as error:
            outcomes.append(f"refused {error.status}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def setting() -> tuple[User, Proposal]:
    admin = make_user("admin")
    group = group_actions.do_create_group(admin, name="Assembly", kind="assembly")
    voter = make_user("voter")
    group_actions.do_add_member(voter, group)
    return voter, between_meetings(admin, group)


def test_fifty_identical_named_submissions_store_one_ballot() -> None:
    voter, proposal = in_thread(setting)
    outcomes = in_parallel(
        SUBMISSIONS, lambda: actions.do_cast_ballot(proposal, voter, {"position": "agree"})
    )
    assert outcomes == ["counted"] * SUBMISSIONS  # each is acknowledged: it is the same vote
    assert in_thread(Ballot.objects.count) == 1
    assert in_thread(lambda: Round.objects.get().ballots) == 1
    assert in_thread(lambda: actions.do_close_round(proposal).tally.agree) == 1


def test_fifty_identical_secret_submissions_count_once_and_refuse_the_rest() -> None:
    voter, proposal = in_thread(setting)
    in_thread(lambda: Proposal.objects.filter(pk=proposal.pk).update(secret=True))
    proposal.secret = True
    outcomes = in_parallel(
        SUBMISSIONS, lambda: actions.do_cast_ballot(proposal, voter, {"position": "agree"})
    )
    assert Counter(outcomes) == {"counted": 1, "refused 409": SUBMISSIONS - 1}
    assert in_thread(SecretParticipation.objects.count) == 1
    assert in_thread(lambda: list(SecretCount.objects.values_list("count", flat=True))) == [1]
    assert in_thread(lambda: Round.objects.get().ballots) == 1


def crowd_and_proposal(size: int) -> tuple[list[User], Proposal]:
    admin = make_user("admin")
    group = group_actions.do_create_group(admin, name="Assembly", kind="assembly")
    voters = [make_user(f"racer{i}") for i in range(size)]
    for voter in voters:
        group_actions.do_add_member(voter, group)
    return voters, between_meetings(admin, group)


def test_ballots_racing_the_close_either_count_or_are_refused() -> None:
    voters, proposal = in_thread(lambda: crowd_and_proposal(8))
    queue = iter([*voters[:4], None, *voters[4:]])
    lock = threading.Lock()

    def vote_or_close() -> None:
        with lock:
            voter = next(queue)
        if voter is None:
            actions.do_close_proposal(proposal)
        else:
            actions.do_cast_ballot(proposal, voter, {"position": "agree"})

    outcomes = in_parallel(len(voters) + 1, vote_or_close)
    counted = outcomes.count("counted") - 1  # the close itself
    assert set(outcomes) <= {"counted", "refused 409"}
    result = in_thread(lambda: Round.objects.get().result)
    assert result["counts"]["agree"] == counted == in_thread(Ballot.objects.count)
