"""Reading BLT, PrefLib and CSV ballot files, and the errors bad files give."""

from __future__ import annotations

from pathlib import Path

import pytest

from moot.core.ballot_files import (
    BallotFileError,
    parse_ballots,
    parse_score_grid,
    read_ballot_file,
)

DATA = Path(__file__).parent / "data"


def test_a_preflib_toi_file_gives_names_counts_and_a_note_on_overvotes() -> None:
    ballots = read_ballot_file(DATA / "choice/preflib_burlington/00005-00000002.toi")
    assert ballots.profile.candidates[0] == "Bob Kiss"
    assert ballots.profile.total_weight == 8980
    assert ballots.seats is None
    assert ballots.title == "2009 Burlington Mayoral Election"
    assert ballots.notes[0].startswith("6 ballot(s) had equal ranks")


def test_a_preflib_tied_rank_cuts_the_ballot_before_the_tie() -> None:
    text = "# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n# ALTERNATIVE NAME 3: C\n3: 2,{1,3}\n"
    assert dict(parse_ballots(text, "preflib").profile.items()) == {(1,): 3}


def test_a_droop_blt_file_gives_its_seats_names_and_title() -> None:
    ballots = read_ballot_file(DATA / "stv/droop/blt/42.blt")
    assert ballots.seats == 2
    assert ballots.profile.candidates == ("Castor", "Pollux", "Helen")
    assert ballots.title == "Pollux and Helen should tie"
    assert dict(ballots.profile.items()) == {(0, 1): 4, (2,): 2}


def test_blt_nicknames_and_equal_ranks_are_read() -> None:
    ballots = read_ballot_file(DATA / "choice/droop/eq1.blt")
    assert dict(ballots.profile.items()) == {(0, 1): 5, (): 1, (2,): 3}
    assert "equal ranks" in ballots.notes[0]


def test_blt_withdrawn_candidates_and_tie_order_are_kept() -> None:
    text = '3 1\n-2\n[tie 3 1 2]\n2 1 2 0\n1 2 3 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    ballots = parse_ballots(text, "blt")
    assert ballots.profile.withdrawn == frozenset({1})
    assert ballots.tie_order == (2, 0, 1)


def test_blt_comment_lines_after_the_title_are_ignored() -> None:
    text = '2 1\n1 1 0\n0\n"A"\n"B"\n"Title"\nFirst Prefs 1 0\n'
    assert parse_ballots(text, "blt").title == "Title"


def test_a_csv_of_names_in_rank_order_numbers_candidates_as_they_appear() -> None:
    ballots = parse_ballots("Ann,Bo\nBo,,\nCy,Ann\n", "csv")
    assert ballots.format == "csv-rows"
    assert ballots.profile.candidates == ("Ann", "Bo", "Cy")
    assert dict(ballots.profile.items()) == {(0, 1): 1, (1,): 1, (2, 0): 1}


def test_a_csv_grid_of_rank_numbers_is_read_by_column() -> None:
    ballots = parse_ballots("Ann,Bo,Cy\n2,1,\n1,,2\n", "csv")
    assert ballots.format == "csv-grid"
    assert dict(ballots.profile.items()) == {(1, 0): 1, (0, 2): 1}


def test_a_csv_score_grid_keeps_zeros_and_blanks() -> None:
    grid = parse_score_grid("Ann,Bo,Cy\n5,0,\n1,,2\n")
    assert grid.candidates == ("Ann", "Bo", "Cy")
    assert grid.rows == ((5, 0, None), (1, None, 2))


def test_a_score_grid_cell_that_is_not_a_number_names_its_line() -> None:
    with pytest.raises(BallotFileError, match="'lots' is not a whole number") as caught:
        parse_score_grid("Ann,Bo\n5,0\n1,lots\n")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("text", "fmt", "line", "message"),
    [
        ("3\n", "blt", 1, "two numbers"),
        ('2 1\n1 1 3 0\n0\n"A"\n"B"\n', "blt", 2, "'3' is not a candidate"),
        ('2 1\n1 1 2\n0\n"A"\n"B"\n', "blt", 2, "weight c1 c2"),
        ('2 1\nx 1 0\n0\n"A"\n"B"\n', "blt", 2, "not a ballot weight"),
        ("2 1\n1 1 0\n", "blt", 2, "must end with a line '0'"),
        ('2 1\n1 1 0\n0\n"A"\n', "blt", 4, "2 candidate names expected"),
        ('2 1\n1 1 0\n0\n"A\n', "blt", 4, "quotes are not closed"),
        ("# ALTERNATIVE NAME 1: A\n2: 1,5\n", "preflib", 2, "'5' is not an alternative"),
        ("# ALTERNATIVE NAME 1: A\n2 1\n", "preflib", 2, "count: a,b"),
        ("# ALTERNATIVE NAME 1: A\n2: {1\n", "preflib", 2, "unbalanced braces"),
        ("1: 1\n", "preflib", 1, "no '# ALTERNATIVE NAME"),
        ("A,B\n1,0\n", "csv", 2, "rank numbers start at 1"),
        ("A,B\n1,2,3\n", "csv", 2, "3 cells but 2 candidates"),
    ],
)
def test_a_bad_file_names_the_line_at_fault(text: str, fmt: str, line: int, message: str) -> None:
    with pytest.raises(BallotFileError, match=message) as caught:
        parse_ballots(text, fmt)
    assert caught.value.line == line


def test_a_missing_file_is_a_ballot_file_error(tmp_path: Path) -> None:
    with pytest.raises(BallotFileError, match="cannot read the file"):
        read_ballot_file(tmp_path / "nope.blt")


def test_the_format_is_found_from_the_first_line_when_the_ending_says_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ballots.txt"
    path.write_text('2 1\n3 2 0\n0\n"A"\n"B"\n"T"\n', encoding="utf-8")
    assert read_ballot_file(path).format == "blt"
