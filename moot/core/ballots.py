"""Ranked ballots and profiles: the input every choice method counts.

A *ranking* is a tuple of candidate indices, most preferred first; candidates left out
are unranked. Real electorates cast few distinct rankings, so a profile stores each
distinct ranking once with its weight (how many voters cast it). Every method counts
grouped rankings, never one ballot at a time.

Candidates are the integers ``0 .. n-1``; their names travel beside them in
``Profile.candidates``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Ranking = tuple[int, ...]


@dataclass(frozen=True)
class Profile:
    """Distinct rankings with their weights, over named candidates."""

    candidates: tuple[str, ...]
    rankings: tuple[Ranking, ...]
    weights: tuple[int | Fraction, ...]
    withdrawn: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if len(self.rankings) != len(self.weights):
            raise ValueError("each ranking needs exactly one weight")
        n = len(self.candidates)
        for ranking in self.rankings:
            if len(set(ranking)) != len(ranking):
                raise ValueError(f"a ranking names a candidate twice: {ranking}")
            if any(c < 0 or c >= n for c in ranking):
                raise ValueError(f"a ranking names an unknown candidate: {ranking}")
        if any(w < 0 for w in self.weights):
            raise ValueError("a weight cannot be negative")

    @property
    def num_candidates(self) -> int:
        return len(self.candidates)

    @property
    def total_weight(self) -> int | Fraction:
        return sum(self.weights, 0)

    def items(self) -> Iterable[tuple[Ranking, int | Fraction]]:
        return zip(self.rankings, self.weights, strict=True)


def group_rankings(
    rankings: Iterable[Sequence[int]],
) -> tuple[tuple[Ranking, ...], tuple[int, ...]]:
    """Count identical rankings once each; order of first appearance is kept."""
    counts: Counter[Ranking] = Counter(tuple(r) for r in rankings)
    keys = tuple(counts)
    return keys, tuple(counts[k] for k in keys)


def profile_from_rankings(candidates: Sequence[str], rankings: Iterable[Sequence[int]]) -> Profile:
    """Build a grouped profile from one ranking per voter."""
    keys, weights = group_rankings(rankings)
    return Profile(tuple(candidates), keys, weights)
