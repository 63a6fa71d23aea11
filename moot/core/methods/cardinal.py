"""Approval, score (range) and dot voting: each voter marks options, marks are added.

**Approval**: a voter approves any number of options; each approval is one point.
**Score**: a voter gives each option a whole-number score from ``min_score`` to
``max_score``; an option left blank gets ``min_score`` (the total, not the average,
decides, so a blank never helps an option).
**Dot voting**: a voter places at most ``dots`` dots, at most ``max_per_option`` on any
one option.

In each method the highest total wins; with ``seats`` > 1 the highest totals are
elected. Ties for the last seat are broken by lot from the seed and recorded. Ballots
are grouped: each distinct ballot is stored once with the number of voters who cast it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from moot.core.methods.common import check_seats
from moot.core.methods.positional import points_result
from moot.core.methods.ranked_array import Ranked, as_array
from moot.core.results import ElectionResult

Number = int | Fraction


def _check_weights(weights: Sequence[Number], size: int) -> None:
    if len(weights) != size:
        raise ValueError("each ballot needs exactly one weight")
    if any(w < 0 for w in weights):
        raise ValueError("a weight cannot be negative")


@dataclass(frozen=True)
class ApprovalBallots:
    """Distinct approval ballots (sets of option indices) with how many cast each."""

    candidates: tuple[str, ...]
    approvals: tuple[frozenset[int], ...]
    weights: tuple[Number, ...]

    def __post_init__(self) -> None:
        _check_weights(self.weights, len(self.approvals))
        n = len(self.candidates)
        if any(c < 0 or c >= n for a in self.approvals for c in a):
            raise ValueError("an approval names an unknown option")


@dataclass(frozen=True)
class ScoreBallots:
    """Distinct score ballots: one score (or None for blank) per option, with weights."""

    candidates: tuple[str, ...]
    scores: tuple[tuple[int | None, ...], ...]
    weights: tuple[Number, ...]
    min_score: int = 0
    max_score: int = 5

    def __post_init__(self) -> None:
        _check_weights(self.weights, len(self.scores))
        for row in self.scores:
            if len(row) != len(self.candidates):
                raise ValueError("a score ballot must give one cell per option")
            if any(s is not None and not self.min_score <= s <= self.max_score for s in row):
                raise ValueError(f"scores must lie from {self.min_score} to {self.max_score}")


@dataclass(frozen=True)
class DotBallots:
    """Distinct dot ballots: dots placed on each option, with weights."""

    candidates: tuple[str, ...]
    dots: tuple[tuple[int, ...], ...]
    weights: tuple[Number, ...]
    dots_per_voter: int
    max_per_option: int

    def __post_init__(self) -> None:
        _check_weights(self.weights, len(self.dots))
        for i, row in enumerate(self.dots, start=1):
            if len(row) != len(self.candidates) or any(d < 0 for d in row):
                raise ValueError(f"ballot {i}: one non-negative dot count per option")
            if sum(row) > self.dots_per_voter:
                raise ValueError(
                    f"ballot {i} places {sum(row)} dots; {self.dots_per_voter} allowed"
                )
            if max(row, default=0) > self.max_per_option:
                raise ValueError(f"ballot {i} puts more than {self.max_per_option} on one option")


def approval_ballots(
    candidates: Sequence[str], ballots: Iterable[Iterable[int]]
) -> ApprovalBallots:
    """Group one approval set per voter."""
    counts = Counter(frozenset(b) for b in ballots)
    return ApprovalBallots(tuple(candidates), tuple(counts), tuple(counts.values()))


def approvals_from_ranked(ballots: Ranked) -> ApprovalBallots:
    """Read ranked ballots as approvals: every candidate a voter ranked is approved."""
    grouped = as_array(ballots)
    sets = [frozenset(int(c) for c in row if c >= 0) for row in grouped.rows]
    weights: list[Number] = grouped.counts.tolist()
    merged: dict[frozenset[int], Number] = {}
    for s, w in zip(sets, weights, strict=True):
        merged[s] = merged.get(s, 0) + w
    return ApprovalBallots(grouped.candidates, tuple(merged), tuple(merged.values()))


def tally_approval(
    ballots: ApprovalBallots, seats: int = 1, *, seed: str = "moot"
) -> ElectionResult:
    """Most approvals wins."""
    check_seats(seats, len(ballots.candidates))
    totals: dict[int, Number] = dict.fromkeys(range(len(ballots.candidates)), 0)
    for approved, weight in zip(ballots.approvals, ballots.weights, strict=True):
        for c in approved:
            totals[c] += weight
    empty = sum(w for a, w in zip(ballots.approvals, ballots.weights, strict=True) if not a)
    return points_result("approval", ballots.candidates, totals, seats, seed, empty)


def tally_score(ballots: ScoreBallots, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Highest total score wins; a blank counts as the lowest score."""
    check_seats(seats, len(ballots.candidates))
    totals: dict[int, Number] = dict.fromkeys(range(len(ballots.candidates)), 0)
    for row, weight in zip(ballots.scores, ballots.weights, strict=True):
        for c, s in enumerate(row):
            totals[c] += weight * (ballots.min_score if s is None else s)
    return points_result("score", ballots.candidates, totals, seats, seed, 0)


def tally_dots(ballots: DotBallots, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Most dots wins."""
    check_seats(seats, len(ballots.candidates))
    totals: dict[int, Number] = dict.fromkeys(range(len(ballots.candidates)), 0)
    for row, weight in zip(ballots.dots, ballots.weights, strict=True):
        for c, dots in enumerate(row):
            totals[c] += weight * dots
    return points_result("dots", ballots.candidates, totals, seats, seed, 0)
