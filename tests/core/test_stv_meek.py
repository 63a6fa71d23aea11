"""Meek STV (PR Foundation reference rule) against official winners and Droop's reports."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest

from moot.core.ballots import Profile
from moot.core.stv import tally_stv_meek
from tests.core.stv_files import DATA, meek_rounds, names_of, read_blt, read_soi

DROOP = DATA / "droop"
IRISH = [
    ("00001-00000001", 4, {10, 4, 12, 9}),
    ("00001-00000002", 3, {5, 4, 2}),
    ("00001-00000003", 5, {4, 2, 13, 1, 5}),
]


def numbered(winners: tuple[int, ...]) -> set[int]:
    return {c + 1 for c in winners}


@pytest.mark.parametrize(("soi", "seats", "official"), IRISH)
def test_each_irish_constituency_elects_its_official_tds(
    soi: str, seats: int, official: set[int]
) -> None:
    result = tally_stv_meek(read_soi(DATA / "preflib_irish" / f"{soi}.soi"), seats)
    assert numbered(result.winners) == official


def test_pollokshields_elects_ruffell_instead_of_meikle_under_meek() -> None:
    # A documented method-sensitive case: the official Scottish STV count elected
    # Meikle (4); Meek's continual re-transfer of surpluses lets Ruffell (7) overtake.
    result = tally_stv_meek(read_soi(DATA / "preflib_glasgow" / "00008-00000018.soi"), 3)
    assert numbered(result.winners) == {6, 3, 7}


@pytest.mark.parametrize(
    ("soi", "seats", "official"),
    [
        ("00008-00000001", 4, {7, 3, 8, 1}),
        ("00008-00000003", 3, {8, 10, 9}),
        ("00008-00000006", 4, {1, 6, 10, 4}),
        ("00008-00000010", 4, {3, 4, 5, 7}),
        ("00008-00000012", 3, {2, 4, 1}),
    ],
)
def test_the_other_glasgow_wards_elect_the_same_councillors_under_meek(
    soi: str, seats: int, official: set[int]
) -> None:
    result = tally_stv_meek(read_soi(DATA / "preflib_glasgow" / f"{soi}.soi"), seats)
    assert numbered(result.winners) == official


@pytest.mark.parametrize(
    ("blt", "winners"),
    [
        ("42", {"Castor", "Helen"}),
        ("SC", {"Pat LaMarche", "Rebecca Rotzler", "Kristen Olsen", "Steve Kramer"}),
        ("M135", {"C1", "C2", "C3", "C4", "C6", "C9", "C10"}),
    ],
)
def test_droops_meek_test_elections_elect_the_same_candidates(blt: str, winners: set[str]) -> None:
    profile, seats = read_blt(DROOP / "blt" / f"{blt}.blt")
    assert names_of(profile, tally_stv_meek(profile, seats).winners) == winners


@pytest.mark.parametrize("blt", ["42", "SC", "M135"])
def test_every_round_matches_droops_meek_reference_report_to_nine_decimals(blt: str) -> None:
    # Ties among candidates with no votes may be drawn differently; they move no votes,
    # so every round's values must still agree exactly.
    profile, seats = read_blt(DROOP / "blt" / f"{blt}.blt")
    result = tally_stv_meek(profile, seats)
    report = meek_rounds(DROOP / "report" / f"{blt}-meek-prf-o6-fixed-p9-d9.txt")
    assert report
    for number, expected in report.items():
        totals = result.rounds[number - 1].totals
        ours = {profile.candidates[c]: totals[c] for c in totals}
        assert {n: ours[n] for n in expected} == {n: Fraction(v) for n, v in expected.items()}


def test_a_ward_of_thirty_thousand_ballots_counts_within_a_second() -> None:
    profile = read_soi(DATA / "preflib_irish" / "00001-00000002.soi")
    start = time.perf_counter()
    tally_stv_meek(profile, 3)
    assert time.perf_counter() - start < 1.0


def test_an_elected_candidate_keeps_only_enough_to_hold_the_quota() -> None:
    profile, seats = read_blt(DROOP / "blt" / "SC.blt")
    result = tally_stv_meek(profile, seats)
    second = result.rounds[1]
    lamarche = profile.candidates.index("Pat LaMarche")
    assert second.quota is not None
    assert second.quota <= second.totals[lamarche] < second.quota + Fraction(1, 10**5)
    assert result.details["keep_factors"][1][lamarche].startswith("0.")


def test_exhausted_votes_lower_the_quota() -> None:
    profile = Profile(("A", "B", "C", "D"), ((0,), (1,), (2,), (3, 0)), (5, 4, 2, 1))
    result = tally_stv_meek(profile, 2)
    assert result.rounds[0].quota == Fraction(12, 3) + Fraction(1, 10**9)
    assert result.rounds[-1].quota is not None
    assert result.rounds[-1].quota < result.rounds[0].quota


def test_a_tie_for_exclusion_is_drawn_by_lot_from_the_recorded_seed() -> None:
    profile = Profile(("A", "B", "C"), ((0,), (1,), (2,)), (3, 2, 2))
    result = tally_stv_meek(profile, 1, seed="assembly")
    (tie,) = result.tie_breaks
    assert (tie.by, tie.seed, set(tie.tied)) == ("lot", "assembly", {1, 2})
    assert result == tally_stv_meek(profile, 1, seed="assembly")


def test_the_result_explains_each_round() -> None:
    profile = read_soi(DATA / "preflib_glasgow" / "00008-00000018.soi")
    result = tally_stv_meek(profile, 3)
    assert result.method == "stv-meek"
    assert result.summary.startswith("Meek STV elected Irfan Rabbani")
    kinds = {e.kind for r in result.rounds for e in r.events}
    assert {"elected", "excluded"} <= kinds
    assert result.details["iterations"] > len(result.rounds)
