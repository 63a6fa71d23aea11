"""``moot tally`` prints each shipped election's official winners and refuses bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from moot.core.tally_cli import main

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "choice/expected_results.json").read_text(encoding="utf-8"))


def _json_winners(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main([*args, "--json"]) == 0
    return list(json.loads(capsys.readouterr().out)["winners"])


@pytest.mark.parametrize("entry", EXPECTED["irv"], ids=lambda e: e["file"])
def test_irv_prints_the_official_burlington_winner(
    entry: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    winners = _json_winners(capsys, str(DATA / "choice" / entry["file"]), "--method", "irv")
    assert winners == [entry["official_winner_name"]]


@pytest.mark.parametrize("entry", EXPECTED["condorcet_schulze"], ids=lambda e: e["file"])
def test_schulze_prints_the_official_debian_winner(
    entry: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(DATA / "choice" / entry["file"])
    assert _json_winners(capsys, path, "--method", "schulze") == [entry["official_winner_name"]]
    assert _json_winners(capsys, path, "--method", "ranked-pairs") == [
        entry["official_winner_name"]
    ]


def _stv_name(name: str) -> str:
    return name.split(" (")[0].replace("Sean", "Seán")


@pytest.mark.parametrize(
    "entry",
    [e for e in EXPECTED["stv"] if "glasgow" in e["file"] or "Dublin West" in e["election"]],
    ids=lambda e: e["file"],
)
def test_scottish_stv_prints_the_official_winners(
    entry: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(DATA / "stv" / str(entry["file"]))
    winners = _json_winners(
        capsys, path, "--method", "stv-scottish", "--seats", str(entry["seats"])
    )
    numbers = [int(n) for n in entry["official_winners"]]  # type: ignore[attr-defined]
    assert len(winners) == len(numbers)
    from moot.core.ballot_files import read_ballot_file

    names = read_ballot_file(path).profile.candidates
    assert set(winners) == {names[n - 1] for n in numbers}


def test_the_text_output_shows_winners_and_every_round(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "choice/preflib_burlington/00005-00000002.toi")
    assert main([path, "--method", "irv"]) == 0
    out = capsys.readouterr().out
    assert "Elected: Bob Kiss" in out
    assert "Round 5" in out
    assert "Andy Montroll has the fewest votes (2,554) and is excluded." in out


def test_schulze_text_output_shows_the_pairwise_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "choice/preflib_burlington/00005-00000002.toi")
    assert main([path, "--method", "schulze"]) == 0
    out = capsys.readouterr().out
    assert "Elected: Andy Montroll" in out
    assert "Pairwise (row over column)" in out
    assert "Strongest paths" in out


def test_seats_come_from_a_blt_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "stv/droop/blt/42.blt")
    assert _json_winners(capsys, path, "--method", "plurality") == ["Castor", "Helen"]


def test_approval_on_a_ranked_file_says_how_ballots_were_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(DATA / "choice/preflib_debian/00002-00000007.soi")
    assert main([path, "--method", "approval"]) == 0
    assert "every candidate a ballot ranks counts as approved" in capsys.readouterr().out


def test_score_on_a_csv_grid_reads_the_numbers_as_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("Ann,Bo\n5,1\n0,4\n2,\n", encoding="utf-8")
    assert _json_winners(capsys, str(path), "--method", "score") == ["Ann"]


def test_score_on_a_ranked_file_is_refused_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "choice/preflib_debian/00002-00000007.soi")
    assert main([path, "--method", "score"]) == 2
    assert "needs a CSV grid of scores" in capsys.readouterr().err


def test_a_broken_file_gives_a_line_numbered_error_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.blt"
    path.write_text('3 1\n2 1 2 0\n1 1 7 0\n0\n"A"\n"B"\n"C"\n"T"\n', encoding="utf-8")
    assert main([str(path), "--method", "irv"]) == 2
    err = capsys.readouterr().err
    assert "line 3" in err
    assert "'7' is not a candidate" in err
    assert "Traceback" not in err


def test_an_unknown_method_is_refused_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["x.blt", "--method", "coin-toss"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_irv_on_a_file_asking_for_several_seats_explains_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(DATA / "stv/droop/blt/42.blt"), "--method", "irv"]) == 2
    assert "IRV elects one winner" in capsys.readouterr().err


def test_a_missing_stv_package_gives_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "moot.core.stv", None)
    assert main([str(DATA / "stv/droop/blt/42.blt"), "--method", "stv-meek"]) == 1
    assert "STV counting is not available" in capsys.readouterr().err
