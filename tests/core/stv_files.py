"""The STV golden files shipped in ``tests/core/data/stv``, and Droop's reports.

Ballots are read with moot's own reader (:mod:`moot.core.ballot_files`); this helper
adds what only the tests need: the seats of a ``.blt`` file and the candidates' values
after each action of a Droop report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from moot.core.ballot_files import read_ballot_file
from moot.core.ballots import Profile

DATA = Path(__file__).parent / "data" / "stv"


def read_soi(path: Path) -> Profile:
    return read_ballot_file(path).profile


def read_blt(path: Path) -> tuple[Profile, int]:
    """The profile and the number of seats the file asks for."""
    ballots = read_ballot_file(path)
    assert ballots.seats is not None
    return ballots.profile, ballots.seats


def names_of(profile: Profile, winners: Iterable[int]) -> set[str]:
    return {profile.candidates[c] for c in winners}


def _state(lines: list[str]) -> dict[str, str]:
    """``Hopeful:  Name (12.34000)`` lines of one report block, by candidate name."""
    values: dict[str, str] = {}
    for line in lines:
        found = re.match(r"\t(Hopeful|Elected|Pending|Defeated):\s+(.*) \(([-\d.]+)\)$", line)
        if found:
            for name in found.group(2).split(", "):
                values[name] = found.group(3)
    return values


def report_actions(path: Path) -> list[tuple[int, str, dict[str, str]]]:
    """Each ``Action:`` of a Droop report: its round, title and the values after it."""
    actions: list[tuple[int, str, dict[str, str]]] = []
    block: list[str] = []
    title, number, current = "", 0, 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), "Action: end"]:
        if line.startswith("Action: "):
            if title:
                actions.append((number, title, _state(block)))
            title, block, number = line.removeprefix("Action: "), [], current
        elif re.match(r"Round \d+:$", line):
            current = int(line.split()[1].rstrip(":"))
        else:
            block.append(line)
    return actions


def scottish_stages(path: Path) -> list[dict[str, str]]:
    """Every candidate's votes at the end of each stage of a Droop Scottish report."""
    kinds = ("Begin Count", "Surplus transferred:", "Transfer defeated:")
    return [state for _, title, state in report_actions(path) if title.startswith(kinds)]


def meek_rounds(path: Path) -> dict[int, dict[str, str]]:
    """Hopeful and elected candidates' votes when each Meek round elected or excluded."""
    rounds: dict[int, dict[str, str]] = {}
    for number, title, state in report_actions(path):
        if title.startswith(("Elect: ", "Defeat (")):
            defeated = title.split(": ", 1)[1] if title.startswith("Defeat") else None
            rounds[number] = {n: v for n, v in state.items() if n != defeated}
    return rounds
