"""``moot tally FILE --method NAME [--seats N] [--json] [--seed S]``: count a ballot file.

Reads a BLT, PrefLib or CSV ballot file (``moot.core.ballot_files``), counts it with the
named method (``moot.core.methods.METHODS``) and prints the winners, the summary and
the full round-by-round table; ``--json`` prints the result as one JSON object whose
``"winners"`` lists the elected candidates' names in order of election.

Seats: ``--seats``, else the file's own (BLT line 1), else 1. Approval on a ranked file
approves every candidate a ballot ranks. Score reads a ``.csv`` file as a grid of scores
(a header of candidate names, a whole number per cell, higher is better, blank = the
lowest score); other files are refused. Bad input prints a message on stderr and exits
with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from moot.core.ballot_files import (
    BallotFile,
    BallotFileError,
    ScoreGrid,
    read_ballot_file,
    read_score_grid,
)
from moot.core.methods import (
    BALLOTS,
    METHODS,
    MethodUnavailable,
    ScoreBallots,
    approvals_from_ranked,
)
from moot.core.results import ElectionResult, Round

CLI_METHODS = (
    "plurality",
    "approval",
    "score",
    "borda",
    "irv",
    "schulze",
    "ranked-pairs",
    "stv-scottish",
    "stv-wigm",
    "stv-meek",
)


class InputError(Exception):
    """Input the count cannot use; the message says why."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moot tally", description="Count a ballot file (BLT, PrefLib or CSV)."
    )
    parser.add_argument("file", help="ballot file: .blt, .soc/.soi/.toc/.toi or .csv")
    parser.add_argument(
        "--method",
        required=True,
        choices=CLI_METHODS,
        metavar="NAME",
        help="one of: " + ", ".join(CLI_METHODS),
    )
    parser.add_argument("--seats", type=int, help="seats to fill (default: the file's, else 1)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--seed", default="moot", help="seed for any tie broken by lot")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run the command; return the exit status (0 ok, 2 bad input, 1 method missing)."""
    try:
        options = _parser().parse_args(list(argv))
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    try:
        result, heading, notes = tally_file(
            options.file, options.method, options.seats, options.seed
        )
    except (BallotFileError, InputError, ValueError) as error:
        print(f"moot tally: {error}", file=sys.stderr)
        return 2
    except MethodUnavailable as error:
        print(f"moot tally: {options.method} cannot run here: {error}", file=sys.stderr)
        return 1
    print(render_json(result, heading, notes) if options.json else render(result, heading, notes))
    return 0


def tally_file(
    path: str, method: str, seats: int | None, seed: str
) -> tuple[ElectionResult, dict[str, str], list[str]]:
    """Count the file with ``method``: the result, a heading, notes on how it was read."""
    if BALLOTS[method] == "score":
        grid = _score_grid(path, method)
        ballots, note = _scores(grid)
        heading = {"format": "csv-score-grid", "title": "", "ballots": str(len(grid.rows))}
        return METHODS[method](ballots, seats or 1, seed), heading, [note]
    ballot_file = read_ballot_file(path)
    result, notes = count(ballot_file, method, seats, seed)
    heading = {
        "format": ballot_file.format,
        "title": ballot_file.title,
        "ballots": str(ballot_file.profile.total_weight),
    }
    return result, heading, notes


def count(
    ballot_file: BallotFile, method: str, seats: int | None, seed: str
) -> tuple[ElectionResult, list[str]]:
    """Count ranked ballots with ``method``; also return notes on how they were read."""
    seats = seats if seats is not None else ballot_file.seats or 1
    if BALLOTS[method] == "approval":
        note = "Approval: every candidate a ballot ranks counts as approved."
        ballots: object = approvals_from_ranked(ballot_file.profile)
        return METHODS[method](ballots, seats, seed), [*ballot_file.notes, note]
    if BALLOTS[method] != "ranked":
        raise InputError(f"{method} cannot count ranked ballots")
    return METHODS[method](ballot_file.profile, seats, seed), list(ballot_file.notes)


def _score_grid(path: str, method: str) -> ScoreGrid:
    if not path.lower().endswith(".csv"):
        raise InputError(
            f"{method} needs a CSV grid of scores (a header of candidate names, a number "
            "per cell); this file holds rankings. Try borda for points by rank."
        )
    return read_score_grid(path)


def _scores(grid: ScoreGrid) -> tuple[ScoreBallots, str]:
    cells = [s for row in grid.rows for s in row if s is not None]
    low, high = min([0, *cells]), max([0, *cells])
    weights = tuple(1 for _ in grid.rows)
    ballots = ScoreBallots(grid.candidates, grid.rows, weights, min_score=low, max_score=high)
    return ballots, f"Score: each cell is a score, higher is better; a blank counts as {low}."


# --- output ----------------------------------------------------------------------------


def _cell(value: int | Fraction | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) or value.denominator == 1:
        return f"{int(value):,}"
    return f"{float(value):,.5f}"


def round_table(result: ElectionResult) -> list[str]:
    """Candidates down the side, rounds across; a dash where a candidate had no total."""
    rounds = result.rounds
    names = result.candidates
    width = max([len(n) for n in names] + [9])
    head = f"{'':<{width}}" + "".join(f"{'Round ' + str(r.number):>14}" for r in rounds)
    lines = [head]
    for c, name in enumerate(names):
        if any(c in r.totals for r in rounds):
            lines.append(
                f"{name:<{width}}" + "".join(f"{_cell(r.totals.get(c)):>14}" for r in rounds)
            )
    lines.append(f"{'Exhausted':<{width}}" + "".join(f"{_cell(r.exhausted):>14}" for r in rounds))
    if any(r.quota is not None for r in rounds):
        lines.append(f"{'Quota':<{width}}" + "".join(f"{_cell(r.quota):>14}" for r in rounds))
    return lines


def _events(rounds: Sequence[Round]) -> list[str]:
    lines: list[str] = []
    for r in rounds:
        texts = [e.text or f"{e.kind}" for e in r.events]
        lines.extend(f"Round {r.number}: {t}" for t in texts if t)
    return lines


def _matrix(title: str, matrix: dict[str, dict[str, Any]]) -> list[str]:
    names = list(matrix)
    width = max([len(n) for n in names] + [4])
    lines = [title, " " * width + "".join(f"{n[:10]:>12}" for n in names)]
    for a in names:
        cells = "".join(f"{matrix[a].get(b, '-')!s:>12}" for b in names)
        lines.append(f"{a:<{width}}{cells}")
    return lines


def render(result: ElectionResult, heading: dict[str, str], notes: list[str]) -> str:
    """The count as text: heading, winners, summary, round table, events, matrices."""
    lines = [
        f"{heading['title'] or 'Ballot file'} — {result.method}, {result.seats} seat(s), "
        f"{heading['ballots']} ballots",
        *notes,
        "",
        "Elected: " + ", ".join(result.winner_names),
        result.summary,
        "",
        *([f"Totals: {result.details['totals_are']}."] if "totals_are" in result.details else []),
        *round_table(result),
        "",
        *_events(result.rounds),
    ]
    for key, title in (
        ("pairwise", "Pairwise (row over column)"),
        ("strongest_paths", "Strongest paths"),
    ):
        if key in result.details:
            lines += ["", *_matrix(title, result.details[key])]
    if result.tie_breaks:
        lines += ["", f"Ties broken with seed {result.seed!r}."]
    return "\n".join(lines)


def render_json(result: ElectionResult, heading: dict[str, str], notes: list[str]) -> str:
    data = result.to_dict()
    data["file"] = heading
    data["notes"] = notes
    return json.dumps(data, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
