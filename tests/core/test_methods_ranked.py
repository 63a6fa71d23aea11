"""IRV, Schulze, ranked pairs, plurality and Borda on small hand-checked profiles."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest

from moot.core.ballots import Profile, profile_from_rankings
from moot.core.methods import (
    METHODS,
    MethodUnavailable,
    group_array,
    pairwise_matrix,
    tally_borda,
    tally_irv,
    tally_plurality,
    tally_ranked_pairs,
    tally_schulze,
)
from moot.core.methods.ranked_array import from_profile


def _profile(names: str, groups: Sequence[tuple[int, tuple[int, ...]]]) -> Profile:
    return Profile(tuple(names), tuple(r for _, r in groups), tuple(w for w, _ in groups))


def test_irv_moves_an_excluded_candidates_ballots_to_their_next_choice() -> None:
    profile = _profile("ABC", [(4, (0,)), (3, (1, 2)), (2, (2, 1))])
    result = tally_irv(profile)
    assert [r.totals for r in result.rounds] == [{0: 4, 1: 3, 2: 2}, {0: 4, 1: 5}]
    assert result.winner_names == ["B"]
    assert result.rounds[0].events[0].kind == "excluded"


def test_irv_counts_the_majority_on_ballots_still_counting() -> None:
    profile = _profile("ABC", [(4, (0,)), (3, (1,)), (2, (2,))])
    result = tally_irv(profile)
    assert result.rounds[-1].exhausted == 2
    assert result.winner_names == ["A"]
    assert "more than half" in result.rounds[-1].events[0].text


def test_irv_breaks_a_tie_for_last_by_the_latest_earlier_round() -> None:
    # Round 1: A 5, B 4, C 3, D 2 ... D goes; round 2: A 5, B 4, C 4 -> B and C tie;
    # in round 1 C had fewer, so C is excluded.
    profile = _profile("ABCD", [(5, (0,)), (4, (1,)), (3, (2,)), (2, (3, 2))])
    result = tally_irv(profile)
    assert result.tie_breaks[0].by == "earlier round 1"
    assert result.tie_breaks[0].chosen == 2


def test_irv_records_the_seed_of_a_tie_drawn_by_lot() -> None:
    profile = _profile("AB", [(2, (0,)), (2, (1,))])
    one, two = tally_irv(profile, seed="x"), tally_irv(profile, seed="x")
    assert one.winners == two.winners
    assert one.tie_breaks[0].by == "lot"
    assert one.seed == "x"
    assert "chosen by lot" in one.summary


def test_irv_ignores_withdrawn_candidates() -> None:
    profile = Profile(("A", "B", "C"), ((0, 1), (1,), (2, 1)), (3, 2, 2), frozenset({0}))
    result = tally_irv(profile)
    assert 0 not in result.rounds[0].totals
    assert result.winner_names == ["B"]


def test_irv_refuses_more_than_one_seat() -> None:
    with pytest.raises(ValueError, match="one winner"):
        tally_irv(_profile("AB", [(1, (0,))]), 2)


def test_schulze_reproduces_the_example_of_schulzes_paper() -> None:
    # Schulze 2011, example 1 (section 3.1): 45 voters, five candidates; winner E.
    groups = [
        (5, (0, 2, 1, 4, 3)), (5, (0, 3, 4, 2, 1)), (8, (1, 4, 3, 0, 2)),
        (3, (2, 0, 1, 4, 3)), (7, (2, 0, 4, 1, 3)), (2, (2, 1, 0, 3, 4)),
        (7, (3, 2, 4, 1, 0)), (8, (4, 1, 0, 3, 2)),
    ]  # fmt: skip
    result = tally_schulze(_profile("ABCDE", groups))
    assert result.winner_names == ["E"]
    assert result.details["order"] == ["E", "A", "C", "B", "D"]
    assert result.details["strongest_paths"]["E"]["A"] == 25


def test_schulze_elects_a_condorcet_winner_and_says_so() -> None:
    result = tally_schulze(_profile("ABC", [(3, (0, 1, 2)), (2, (1, 0, 2)), (2, (2, 0, 1))]))
    assert result.winner_names == ["A"]
    assert "head to head" in result.summary


def test_ranked_pairs_skips_the_weakest_majority_of_a_cycle() -> None:
    result = tally_ranked_pairs(_profile("ABC", [(4, (0, 1, 2)), (3, (1, 2, 0)), (2, (2, 0, 1))]))
    skipped = [p for p in result.details["pairs"] if not p["locked"]]
    assert result.winner_names == ["A"]
    assert skipped == [{"winner": "C", "loser": "A", "margin": 1, "locked": False}]


def test_plurality_elects_the_most_first_choices_for_several_seats() -> None:
    result = tally_plurality(_profile("ABC", [(5, (0,)), (3, (1,)), (4, (2, 0))]), 2)
    assert result.winner_names == ["A", "C"]


def test_borda_gives_unranked_candidates_no_points() -> None:
    result = tally_borda(_profile("ABC", [(1, (0,)), (1, (1, 2, 0))]))
    assert result.rounds[0].totals == {0: 2, 1: 2, 2: 1}


def test_fractional_weights_count_exactly() -> None:
    profile = Profile(("A", "B"), ((0,), (1, 0)), (Fraction(1, 3), Fraction(1, 4)))
    assert tally_borda(profile).rounds[0].totals == {0: Fraction(1, 3), 1: Fraction(1, 4)}
    assert tally_irv(profile).winner_names == ["A"]


def test_grouping_an_array_counts_each_distinct_row_once() -> None:
    rows = np.array([[0, 1, -1], [0, 1, -1], [1, -1, -1]])
    grouped = group_array(("A", "B", "C"), rows)
    rows_and_counts = zip(map(tuple, grouped.rows.tolist()), grouped.counts.tolist(), strict=True)
    assert sorted(rows_and_counts) == [
        ((0, 1, -1), 2),
        ((1, -1, -1), 1),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [([[0, 0]], "twice"), ([[-1, 0]], "padding"), ([[3, -1]], "unknown")],
)
def test_grouping_rejects_malformed_rows(rows: list[list[int]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        group_array(("A", "B", "C"), rows)


def test_a_ranked_candidate_beats_every_unranked_one_pairwise() -> None:
    d = pairwise_matrix(from_profile(profile_from_rankings("ABC", [(0,), (1, 0)])))
    assert d.tolist() == [[0, 1, 2], [1, 0, 1], [0, 0, 0]]


def test_every_registered_method_has_a_name_the_cli_can_offer() -> None:
    assert {"irv", "schulze", "ranked-pairs", "borda", "plurality", "approval", "score"} <= set(
        METHODS
    )


def test_stv_methods_load_lazily_and_say_so_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "moot.core.stv", None)
    with pytest.raises(MethodUnavailable, match="STV counting is not available"):
        METHODS["stv-meek"](_profile("AB", [(1, (0,))]), 1, "moot")
