"""Polls, ranked choice and STV elections reproduce moot.core's counts exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from moot.accounts.models import User
from moot.core.ballots import profile_from_rankings
from moot.core.methods import METHODS, approval_ballots
from moot.decisions import actions
from moot.decisions.models import Proposal
from moot.groups.models import Group
from tests.apps.test_decisions_helpers import between_meetings, people

CANDIDATES = ["Ana", "Bo", "Chen", "Dev", "Eli"]
RANKINGS = [
    (0, 1, 2),
    (0, 1, 2),
    (0, 2, 1),
    (0, 3),
    (1, 0),
    (1, 2, 0),
    (2, 1),
    (2, 0, 1),
    (3, 4),
    (3, 4, 0),
    (4, 3),
    (4, 0, 1),
    (0, 4),
    (1, 2),
    (2, 3, 4),
    (0, 1),
]


def as_stored(result: dict[str, Any]) -> Any:
    """What JSON keeps of a result (its keys become text)."""
    return json.loads(json.dumps(result))


def run_ranked(admin: User, group: Group, kind: str, method: str, seats: int) -> Proposal:
    voters = people(group, len(RANKINGS))
    proposal = between_meetings(
        admin, group, kind=kind, title="Delegates", method=method, seats=seats, options=CANDIDATES
    )
    for voter, ranking in zip(voters, RANKINGS, strict=True):
        actions.do_cast_ballot(proposal, voter, {"ranking": list(ranking)})
    return proposal


@pytest.mark.parametrize("method", ["stv-scottish", "stv-wigm", "stv-meek"])
def test_an_stv_election_reproduces_the_core_count(
    assembly: Group, admin: User, method: str
) -> None:
    proposal = run_ranked(admin, assembly, "election", method, seats=2)
    counted = actions.do_close_round(proposal)
    expected = METHODS[method](
        profile_from_rankings(CANDIDATES, RANKINGS), 2, seed=f"proposal-{proposal.pk}"
    )
    assert counted.to_dict() == expected.to_dict()
    stored = proposal.rounds.get().result["election"]
    assert stored == as_stored(expected.to_dict())
    assert len(stored["winners"]) == 2


@pytest.mark.parametrize("method", ["irv", "schulze", "ranked-pairs", "borda"])
def test_a_ranked_choice_reproduces_the_core_count(
    assembly: Group, admin: User, method: str
) -> None:
    proposal = run_ranked(admin, assembly, "ranked", method, seats=1)
    counted = actions.do_close_round(proposal)
    expected = METHODS[method](
        profile_from_rankings(CANDIDATES, RANKINGS), 1, seed=f"proposal-{proposal.pk}"
    )
    assert counted.winners == expected.winners
    assert proposal.rounds.get().result["election"] == as_stored(expected.to_dict())


def test_a_secret_election_counts_the_same_as_a_named_one(assembly: Group, admin: User) -> None:
    voters = people(assembly, len(RANKINGS), prefix="secret")
    proposal = between_meetings(
        admin, assembly, kind="election", options=CANDIDATES, seats=2, secret=True
    )
    for voter, ranking in zip(voters, RANKINGS, strict=True):
        actions.do_cast_ballot(proposal, voter, {"ranking": list(ranking)})
    counted = actions.do_close_round(proposal)
    expected = METHODS["stv-scottish"](
        profile_from_rankings(CANDIDATES, RANKINGS), 2, seed=f"proposal-{proposal.pk}"
    )
    assert counted.winners == expected.winners


def test_a_meeting_time_poll_counts_approvals_of_date_times(assembly: Group, admin: User) -> None:
    times = ["2025-06-01 18:30", "2025-06-02 18:30", "2025-06-03 12:00"]
    marks = [[0, 1], [1], [1, 2], [0]]
    voters = people(assembly, len(marks))
    proposal = between_meetings(admin, assembly, kind="time_poll", options=times)
    assert proposal.options.first().starts_at.hour == 18
    for voter, chosen in zip(voters, marks, strict=True):
        actions.do_cast_ballot(proposal, voter, {"options": chosen})
    counted = actions.do_close_round(proposal)
    assert counted.winner_names == ["2025-06-02 18:30"]
    assert (
        counted.to_dict()
        == METHODS["approval"](
            approval_ballots(times, marks), 1, seed=f"proposal-{proposal.pk}"
        ).to_dict()
    )


@pytest.mark.parametrize(
    ("kind", "choices", "winner"),
    [
        ("poll", [{"option": 0}, {"option": 1}, {"option": 1}], "Bo"),
        ("approval", [{"options": [0, 1]}, {"options": [0]}, {"options": [2]}], "Ana"),
        ("score", [{"scores": [5, 0, 1]}, {"scores": [0, 5, 5]}, {"scores": [0, 1, 5]}], "Chen"),
        ("dots", [{"dots": [3, 0, 0]}, {"dots": [0, 2, 1]}, {"dots": [1, 1, 2]}], "Ana"),
    ],
)
def test_polls_of_every_kind_choose_the_expected_option(
    assembly: Group, admin: User, kind: str, choices: list[dict[str, object]], winner: str
) -> None:
    voters = people(assembly, len(choices))
    proposal = between_meetings(admin, assembly, kind=kind, options=CANDIDATES[:3])
    for voter, choice in zip(voters, choices, strict=True):
        actions.do_cast_ballot(proposal, voter, choice)
    assert actions.do_close_round(proposal).winner_names == [winner]
