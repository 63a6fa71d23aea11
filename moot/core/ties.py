"""Breaking ties by a stated rule, never by dictionary order.

A tie between candidates is broken first by looking at earlier rounds (a method says
whether it looks back from the latest round or forward from the first, as its rule
text demands), then by lot. The lot is drawn from a seed that the result records, so
anyone can repeat the count and get the same draw.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

Number = int | Fraction


class LookBack(Enum):
    """Which earlier round decides first."""

    LATEST_FIRST = "latest-first"
    EARLIEST_FIRST = "earliest-first"
    NONE = "none"


@dataclass(frozen=True)
class TieBreak:
    """How one tie was broken, kept in the result's explanation."""

    tied: tuple[int, ...]
    chosen: int
    by: str  # "earlier round N" or "lot"
    seed: str

    def describe(self, names: Sequence[str]) -> str:
        who = ", ".join(names[c] for c in self.tied)
        return f"Tie between {who}: {names[self.chosen]} chosen by {self.by}."


def draw_lot(tied: Sequence[int], seed: str, purpose: str) -> int:
    """Choose one of ``tied`` by lot, repeatably for the same seed and purpose."""
    digest = hashlib.sha256(f"{seed}|{purpose}|{sorted(tied)}".encode()).hexdigest()
    return random.Random(int(digest, 16)).choice(sorted(tied))


def break_tie(
    tied: Sequence[int],
    *,
    pick_lowest: bool,
    history: Sequence[Mapping[int, Number]] = (),
    look_back: LookBack = LookBack.LATEST_FIRST,
    seed: str = "moot",
    purpose: str = "",
) -> TieBreak:
    """Pick one of ``tied``: the lowest (to exclude) or highest (to elect).

    ``history`` holds each earlier round's totals, first round first.
    """
    remaining = sorted(set(tied))
    rounds = list(enumerate(history, start=1))
    if look_back is LookBack.LATEST_FIRST:
        rounds.reverse()
    elif look_back is LookBack.NONE:
        rounds = []
    for number, totals in rounds:
        values = {c: totals.get(c, 0) for c in remaining}
        target = min(values.values()) if pick_lowest else max(values.values())
        narrowed = [c for c in remaining if values[c] == target]
        if len(narrowed) == 1:
            return TieBreak(tuple(sorted(set(tied))), narrowed[0], f"earlier round {number}", seed)
        remaining = narrowed
    chosen = draw_lot(remaining, seed, purpose)
    return TieBreak(tuple(sorted(set(tied))), chosen, "lot", seed)
