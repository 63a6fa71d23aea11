"""Scottish STV against official results, Droop's reference reports and the Order's rules."""

from __future__ import annotations

from fractions import Fraction

import pytest

from moot.core.ballots import Profile
from moot.core.stv import tally_stv_scottish
from tests.core.stv_files import DATA, names_of, read_blt, read_soi, scottish_stages

GLASGOW = [
    ("00008-00000001", "Anderston-City", 4, {7, 3, 8, 1}),
    ("00008-00000003", "Calton", 3, {8, 10, 9}),
    ("00008-00000006", "Drumchapel-Anniesland", 4, {1, 6, 10, 4}),
    ("00008-00000010", "Greater-Pollock", 4, {3, 4, 5, 7}),
    ("00008-00000012", "Langside", 3, {2, 4, 1}),
    ("00008-00000018", "Pollokshields", 3, {6, 3, 4}),
]
IRISH = [
    ("00001-00000001", 4, {10, 4, 12, 9}),
    ("00001-00000002", 3, {5, 4, 2}),
    ("00001-00000003", 5, {4, 2, 13, 1, 5}),
]
DROOP = DATA / "droop"


def profile_of(rankings: list[tuple[int, tuple[int, ...]]], names: str) -> Profile:
    return Profile(tuple(names), tuple(r for _, r in rankings), tuple(n for n, _ in rankings))


def numbered(winners: tuple[int, ...]) -> set[int]:
    return {c + 1 for c in winners}


@pytest.mark.parametrize(("soi", "ward", "seats", "official"), GLASGOW)
def test_each_glasgow_ward_elects_its_official_councillors(
    soi: str, ward: str, seats: int, official: set[int]
) -> None:
    result = tally_stv_scottish(read_soi(DATA / "preflib_glasgow" / f"{soi}.soi"), seats)
    assert numbered(result.winners) == official


@pytest.mark.parametrize(("soi", "seats", "official"), IRISH)
def test_each_irish_constituency_elects_its_official_tds(
    soi: str, seats: int, official: set[int]
) -> None:
    result = tally_stv_scottish(read_soi(DATA / "preflib_irish" / f"{soi}.soi"), seats)
    assert numbered(result.winners) == official


@pytest.mark.parametrize(("soi", "ward", "seats", "official"), GLASGOW)
def test_every_stage_of_each_glasgow_ward_matches_droops_report(
    soi: str, ward: str, seats: int, official: set[int]
) -> None:
    profile, blt_seats = read_blt(DROOP / "blt" / "scotland" / f"{ward}-2007.blt")
    report = DROOP / "report" / "scotland" / f"{ward}-2007-scotland-fixed-p5-d5.txt"
    result = tally_stv_scottish(profile, blt_seats)
    expected = [{n: Fraction(v) for n, v in stage.items()} for stage in scottish_stages(report)]
    ours = [{profile.candidates[c]: v for c, v in r.totals.items()} for r in result.rounds]
    assert ours == expected


@pytest.mark.parametrize(
    ("blt", "winners"),
    [
        ("42", {"Castor", "Helen"}),
        ("SC", {"Tom Sevigny", "Pat LaMarche", "Rebecca Rotzler", "Steve Kramer"}),
        ("M135", {"C1", "C2", "C3", "C4", "C6", "C9", "C10"}),
        ("scotland/weak-defeat", {"D", "E"}),
        ("scotland/weak-surplus", {"A", "B", "C", "D"}),
    ],
)
def test_droops_scottish_test_elections_elect_the_same_candidates(
    blt: str, winners: set[str]
) -> None:
    profile, seats = read_blt(DROOP / "blt" / f"{blt}.blt")
    assert names_of(profile, tally_stv_scottish(profile, seats).winners) == winners


def test_the_sc_election_matches_droops_report_stage_by_stage() -> None:
    profile, seats = read_blt(DROOP / "blt" / "SC.blt")
    result = tally_stv_scottish(profile, seats)
    stages = scottish_stages(DROOP / "report" / "SC-scotland-fixed-p5-d5.txt")
    expected = [{n: Fraction(v) for n, v in s.items()} for s in stages]
    assert [{profile.candidates[c]: v for c, v in r.totals.items()} for r in result.rounds] == (
        expected
    )


def test_a_weak_exclusion_tie_is_broken_by_the_stage_where_the_candidates_differed() -> None:
    profile, seats = read_blt(DROOP / "blt" / "scotland" / "weak-defeat.blt")
    result = tally_stv_scottish(profile, seats)
    (tie,) = result.tie_breaks
    assert profile.candidates[tie.chosen] == "B"
    assert tie.by == "earlier round 1"


def test_the_quota_is_the_droop_quota_of_valid_papers() -> None:
    profile = profile_of([(4, (0, 1)), (2, (2,)), (1, (1,))], "ABC")
    assert tally_stv_scottish(profile, 2).rounds[0].quota == 7 // 3 + 1


def test_a_surplus_is_transferred_at_its_truncated_value() -> None:
    # A has 3 papers over a quota of 4 (11 papers, 2 seats): 3/7 = 0.428571... per paper,
    # truncated to 0.42857; B gets 7 × 0.42857 = 2.99999 and 0.00001 is lost.
    profile = profile_of([(7, (0, 1)), (2, (1,)), (2, (2,))], "ABC")
    result = tally_stv_scottish(profile, 2)
    surplus_stage = result.rounds[1]
    assert surplus_stage.totals[1] == 2 + Fraction("2.99999")
    assert surplus_stage.totals[0] == 4
    assert "0.42857" in surplus_stage.events[0].text


def truncated(value: Fraction) -> Fraction:
    return Fraction(int(value * 100000), 100000)


def test_a_later_transfer_uses_the_value_each_paper_arrived_with() -> None:
    # A's surplus sends 6 papers to B at 0.33333; B's surplus then passes each paper on
    # at (its value when received) × B's surplus / B's votes, truncated per paper.
    profile = profile_of([(6, (0, 1, 2)), (3, (1, 2)), (1, (2,)), (2, (3,))], "ABCD")
    result = tally_stv_scottish(profile, 3)
    from_a = truncated(Fraction(2, 6))
    b_total = 3 + 6 * from_a
    surplus = b_total - 4
    c_gain = 3 * truncated(surplus / b_total) + 6 * truncated(from_a * surplus / b_total)
    assert result.rounds[1].totals[1] == b_total
    assert result.rounds[2].totals[2] == 1 + c_gain


def test_equal_surpluses_go_by_the_most_recent_stage_where_they_differed() -> None:
    profile = profile_of([(12, (0, 2)), (10, (1, 3)), (7, (2, 4)), (5, (3,)), (6, (4,))], "ABCDE")
    result = tally_stv_scottish(profile, 4)
    (tie,) = result.tie_breaks
    assert (tie.chosen, tie.by) == (1, "earlier round 1")
    assert result.rounds[2].events[1].kind == "surplus"
    assert result.rounds[2].events[1].candidate == 1


def test_candidates_tied_at_every_stage_are_separated_by_a_recorded_lot() -> None:
    profile = profile_of([(3, (0,)), (2, (1,)), (2, (2,))], "ABC")
    first = tally_stv_scottish(profile, 1, seed="meeting-7")
    again = tally_stv_scottish(profile, 1, seed="meeting-7")
    assert first.winners == again.winners == (0,)
    (tie,) = first.tie_breaks
    assert (tie.by, tie.seed, set(tie.tied)) == ("lot", "meeting-7", {1, 2})
    assert any(e.kind == "tie" for e in first.rounds[1].events)


def test_a_surplus_exactly_at_the_quota_is_not_transferred() -> None:
    profile = profile_of([(4, (0, 1)), (3, (1,)), (2, (2,)), (2, (3,))], "ABCD")
    result = tally_stv_scottish(profile, 2)
    assert result.rounds[0].quota == 4
    assert not any(e.kind == "surplus" for r in result.rounds for e in r.events)


def test_the_last_vacancies_are_filled_without_further_transfer() -> None:
    profile = profile_of([(5, (0, 1)), (2, (1,)), (2, (2,)), (1, (3,))], "ABCD")
    result = tally_stv_scottish(profile, 2)
    assert result.winners == (0, 1)
    assert set(result.winners) == {0, 1}
    assert any(e.kind == "note" and "last vacancies" in e.text for e in result.rounds[-1].events)


def test_withdrawn_candidates_are_skipped_on_every_paper() -> None:
    profile = Profile(("A", "B", "C"), ((0, 1), (2,), (1,)), (3, 2, 1), frozenset({0}))
    result = tally_stv_scottish(profile, 1)
    assert result.winners == (1,)
    assert 0 not in result.rounds[0].totals


def test_fractional_weights_are_refused_because_the_order_counts_papers() -> None:
    profile = Profile(("A", "B"), ((0,), (1,)), (Fraction(1, 2), 1))
    with pytest.raises(ValueError, match="whole ballot papers"):
        tally_stv_scottish(profile, 1)


def test_the_result_explains_every_stage_in_plain_words() -> None:
    profile = read_soi(DATA / "preflib_glasgow" / "00008-00000018.soi")
    result = tally_stv_scottish(profile, 3, seed="s")
    assert result.method == "stv-scottish"
    assert result.summary.startswith("Scottish STV elected Irfan Rabbani, Khalil Malik")
    assert "quota of 2392" in result.summary
    kinds = {e.kind for r in result.rounds for e in r.events}
    assert {"elected", "surplus", "transfer", "excluded", "exhausted"} <= kinds
    assert result.to_dict()["rounds"][1]["quota"] == 2392
