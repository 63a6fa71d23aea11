"""Read the STV golden files shipped in ``tests/core/data/stv`` into profiles.

A private test helper: PrefLib ``.soi`` (``count: a,b,c`` with 1-based candidates and
``# ALTERNATIVE NAME n:`` headers) and Droop ``.blt`` (``ncand nseats``, ballot lines
``weight c1 c2 … 0``, a ``0`` line, quoted names, quoted title). Candidates become
0-based. A candidate repeated on a ballot keeps only its first (highest) place.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from pathlib import Path

from moot.core.ballots import Profile, Ranking

DATA = Path(__file__).parent / "data" / "stv"


def _first_places(candidates: Iterable[int]) -> Ranking:
    return tuple(dict.fromkeys(candidates))


def _grouped(candidates: list[str], lines: list[tuple[Ranking, int]]) -> Profile:
    merged: dict[Ranking, int] = {}
    for ranking, count in lines:
        merged[ranking] = merged.get(ranking, 0) + count
    return Profile(tuple(candidates), tuple(merged), tuple(merged.values()))


def read_soi(path: Path) -> Profile:
    names: dict[int, str] = {}
    lines: list[tuple[Ranking, int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"# ALTERNATIVE NAME (\d+): (.*)", line)
        if header:
            names[int(header.group(1))] = header.group(2).strip()
        elif line and not line.startswith("#"):
            count, _, order = line.partition(":")
            ranking = _first_places(int(c) - 1 for c in order.split(","))
            lines.append((ranking, int(count)))
    return _grouped([names[i] for i in sorted(names)], lines)


def read_blt(path: Path) -> tuple[Profile, int]:
    """The profile and the number of seats the file asks for."""
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r.strip()]
    ncand, seats = (int(x) for x in rows[0].split())
    lines: list[tuple[Ranking, int]] = []
    index = 1
    while rows[index].split()[0] != "0":
        weight, *order = rows[index].split()
        lines.append((_first_places(int(c) - 1 for c in order[:-1]), int(weight)))
        index += 1
    names = [shlex.split(rows[index + 1 + i])[0] for i in range(ncand)]
    return _grouped(names, lines), seats


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
