"""Real elections counted by moot give their published winners."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moot.core.ballot_files import read_ballot_file
from moot.core.methods import tally_irv, tally_schulze

DATA = Path(__file__).parent / "data" / "choice"
EXPECTED = json.loads((DATA / "expected_results.json").read_text(encoding="utf-8"))


def _name(entry: dict[str, object], key: str) -> str:
    return str(entry[key])


@pytest.mark.parametrize("entry", EXPECTED["irv"], ids=lambda e: e["file"])
def test_irv_elects_the_official_burlington_mayor(entry: dict[str, object]) -> None:
    profile = read_ballot_file(DATA / str(entry["file"])).profile
    assert tally_irv(profile).winner_names == [_name(entry, "official_winner_name")]


def test_burlington_2009_first_round_matches_the_official_count() -> None:
    profile = read_ballot_file(DATA / "preflib_burlington/00005-00000002.toi").profile
    first = tally_irv(profile).rounds[0]
    official = EXPECTED["irv"][0]["official_rounds"]["round1"]
    assert first.exhausted == official["blank_or_exhausted"]
    assert {c + 1: v for c, v in first.totals.items()} == {
        int(k): v for k, v in official.items() if k.isdigit()
    }


def test_burlington_2009_final_round_is_within_the_overvote_gap_of_the_official_one() -> None:
    profile = read_ballot_file(DATA / "preflib_burlington/00005-00000002.toi").profile
    last = tally_irv(profile).rounds[-1].totals
    # Official: 4313 to 4061. Burlington excluded three candidates at once and read its
    # 6 overvoted ballots by hand; moot excludes one at a time and cuts at the overvote.
    assert last == {0: 4313, 4: 4060}


def test_schulze_elects_andy_montroll_in_burlington_2009() -> None:
    profile = read_ballot_file(DATA / "preflib_burlington/00005-00000002.toi").profile
    assert tally_schulze(profile).winner_names == ["Andy Montroll"]


@pytest.mark.parametrize("entry", EXPECTED["condorcet_schulze"], ids=lambda e: e["file"])
def test_schulze_elects_the_official_debian_project_leader(entry: dict[str, object]) -> None:
    profile = read_ballot_file(DATA / str(entry["file"])).profile
    assert tally_schulze(profile).winner_names == [_name(entry, "official_winner_name")]
