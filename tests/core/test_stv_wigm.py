"""WIGM: the Scottish stage structure with exact fractions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from moot.core.ballots import Profile
from moot.core.stv import tally_stv_scottish, tally_stv_wigm
from tests.core.stv_files import DATA, read_soi


def test_a_surplus_is_transferred_at_its_exact_value() -> None:
    # Quota 4 of 11 papers for 2 seats; A's surplus 3 over 7 papers is exactly 3/7 each.
    profile = Profile(("A", "B", "C"), ((0, 1), (1,), (2,)), (7, 2, 2))
    result = tally_stv_wigm(profile, 2)
    assert result.rounds[1].totals[1] == 2 + 7 * Fraction(3, 7)
    assert result.rounds[1].totals[0] == 4


def test_no_vote_is_lost_to_rounding() -> None:
    profile = read_soi(DATA / "preflib_glasgow" / "00008-00000018.soi")
    for stage in tally_stv_wigm(profile, 3).rounds:
        assert sum(stage.totals.values()) + stage.exhausted == 9567


def test_truncation_loses_votes_that_exact_fractions_keep() -> None:
    profile = Profile(("A", "B", "C"), ((0, 1), (1,), (2,)), (7, 2, 2))
    scottish = tally_stv_scottish(profile, 2).rounds[1]
    assert sum(scottish.totals.values()) + scottish.exhausted == 11 - Fraction(1, 100000)


def test_fractional_weights_are_counted() -> None:
    profile = Profile(("A", "B"), ((0,), (1,)), (Fraction(3, 2), 1))
    result = tally_stv_wigm(profile, 1)
    assert result.winners == (0,)
    assert result.rounds[0].totals == {0: Fraction(3, 2), 1: 1}


@pytest.mark.parametrize(
    ("soi", "seats", "official"),
    [("00008-00000001", 4, {7, 3, 8, 1}), ("00008-00000018", 3, {6, 3, 4})],
)
def test_glasgow_wards_elect_their_official_councillors_under_wigm(
    soi: str, seats: int, official: set[int]
) -> None:
    result = tally_stv_wigm(read_soi(DATA / "preflib_glasgow" / f"{soi}.soi"), seats)
    assert {c + 1 for c in result.winners} == official
    assert result.method == "stv-wigm"
    assert result.summary.startswith("WIGM STV elected")


def test_a_count_needs_at_least_one_seat() -> None:
    profile = Profile(("A",), ((0,),), (1,))
    with pytest.raises(ValueError, match="at least one seat"):
        tally_stv_wigm(profile, 0)
