"""Pieces shared by every STV count in moot.

Every count here starts from the same ballots: each distinct ranking with its weight,
with withdrawn candidates struck out and rankings left empty set aside (an empty ballot
is not a valid paper). The Droop quota is ⌊valid papers / (seats + 1)⌋ + 1. A count
always fills ``min(seats, standing candidates)`` seats, and every result carries a plain
summary a facilitator can read aloud.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from moot.core.ballots import Profile, Ranking

Number = int | Fraction


@dataclass(frozen=True)
class Ballots:
    """Distinct non-empty rankings over standing candidates, with their weights."""

    rankings: tuple[Ranking, ...]
    weights: tuple[Number, ...]
    standing: tuple[int, ...]

    @property
    def valid(self) -> Number:
        return sum(self.weights, 0)


def prepare(profile: Profile, seats: int) -> Ballots:
    """Strike withdrawn candidates out of every ranking and drop empty rankings."""
    if seats < 1:
        raise ValueError("an STV count needs at least one seat")
    out = profile.withdrawn
    merged: dict[Ranking, Number] = {}
    for ranking, weight in profile.items():
        kept = tuple(c for c in ranking if c not in out)
        if kept and weight:
            merged[kept] = merged.get(kept, 0) + weight
    standing = tuple(c for c in range(profile.num_candidates) if c not in out)
    return Ballots(tuple(merged), tuple(merged.values()), standing)


def require_whole_papers(ballots: Ballots, method: str) -> tuple[int, ...]:
    """Paper counts for rules that count whole ballot papers."""
    if any(isinstance(w, Fraction) and w.denominator != 1 for w in ballots.weights):
        raise ValueError(f"{method} counts whole ballot papers; weights must be integers")
    return tuple(int(w) for w in ballots.weights)


def droop_quota(valid: Number, seats: int) -> int:
    """⌊valid / (seats + 1)⌋ + 1: the fewest votes that only ``seats`` can reach."""
    return int(valid // (seats + 1)) + 1


def describe_number(value: Number, places: int | None = None) -> str:
    """A vote total as people write it: whole, or with ``places`` decimals."""
    if isinstance(value, int) or value.denominator == 1:
        return str(int(value))
    digits = 5 if places is None else places
    return f"{float(value):.{digits}f}"


def summarize(
    label: str, names: Sequence[str], winners: Sequence[int], quota: Number, stages: int
) -> str:
    """One paragraph: who was elected, by which rule, with which quota."""
    who = ", ".join(names[c] for c in winners) or "nobody"
    return (
        f"{label} elected {who} (in order of election) with a quota of "
        f"{describe_number(quota)} votes, after {stages} stages."
    )
