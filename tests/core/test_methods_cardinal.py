"""Approval, score and dot voting add up marks; ties for a seat go by recorded lot."""

from __future__ import annotations

import pytest

from moot.core.ballots import profile_from_rankings
from moot.core.methods import (
    DotBallots,
    ScoreBallots,
    approval_ballots,
    approvals_from_ranked,
    tally_approval,
    tally_dots,
    tally_score,
)


def test_approval_elects_the_most_approved_options() -> None:
    ballots = approval_ballots("ABC", [{0, 1}, {1}, {1, 2}, {2}])
    result = tally_approval(ballots, 2)
    assert result.rounds[0].totals == {0: 1, 1: 3, 2: 2}
    assert result.winner_names == ["B", "C"]
    assert "B (3 approvals) and C (2 approvals) are elected" in result.summary


def test_approval_counts_identical_ballots_once_with_a_weight() -> None:
    ballots = approval_ballots("AB", [{0}, {0}, {0}])
    assert ballots.weights == (3,)


def test_ranked_ballots_read_as_approval_approve_every_ranked_candidate() -> None:
    profile = profile_from_rankings("ABC", [(0, 1), (1,), (0, 1)])
    assert tally_approval(approvals_from_ranked(profile)).rounds[0].totals == {0: 2, 1: 3, 2: 0}


def test_score_counts_a_blank_as_the_lowest_score() -> None:
    ballots = ScoreBallots(("A", "B"), ((5, None), (0, 4)), (1, 1), min_score=0, max_score=5)
    assert tally_score(ballots).rounds[0].totals == {0: 5, 1: 4}


def test_a_score_outside_the_range_is_refused() -> None:
    with pytest.raises(ValueError, match="from 0 to 5"):
        ScoreBallots(("A",), ((6,),), (1,))


def test_dot_voting_adds_the_dots() -> None:
    ballots = DotBallots(("A", "B"), ((2, 1), (0, 3)), (2, 1), dots_per_voter=3, max_per_option=3)
    assert tally_dots(ballots).rounds[0].totals == {0: 4, 1: 5}


def test_dot_voting_refuses_a_ballot_with_too_many_dots() -> None:
    with pytest.raises(ValueError, match="places 4 dots"):
        DotBallots(("A", "B"), ((2, 2),), (1,), dots_per_voter=3, max_per_option=2)


def test_dot_voting_refuses_too_many_dots_on_one_option() -> None:
    with pytest.raises(ValueError, match="more than 2 on one option"):
        DotBallots(("A", "B"), ((3, 0),), (1,), dots_per_voter=3, max_per_option=2)


def test_a_tie_for_the_last_seat_is_broken_by_lot_and_recorded() -> None:
    ballots = approval_ballots("ABC", [{0, 1, 2}, {0}])
    result = tally_approval(ballots, 2, seed="meeting-7")
    assert result.winners[0] == 0
    assert result.tie_breaks[0].tied == (1, 2)
    assert result.tie_breaks[0].by == "lot"
    assert tally_approval(ballots, 2, seed="meeting-7").winners == result.winners


def test_more_seats_than_options_is_refused() -> None:
    with pytest.raises(ValueError, match="3 seats but only 2"):
        tally_approval(approval_ballots("AB", [{0}]), 3)
