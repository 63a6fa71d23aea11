"""Plurality and Borda: points by place on ranked ballots.

**Plurality**: each ballot gives one vote to its first choice; the most votes wins. For
``seats`` > 1 the candidates with the most votes are elected (block plurality of first
choices). An empty ballot counts for no one.

**Borda** (Borda 1781; the "points below" form): on each ballot a candidate scores one
point for every candidate ranked below them, counting unranked candidates as below every
ranked one and as level with each other. On a full ranking of ``n`` candidates that is
``n-1`` points for first place down to 0 for last; on a short ballot each unranked
candidate scores 0 and the ranked ones keep their full points. The score is therefore
the sum of a row of the pairwise matrix. Most points wins; ``seats`` > 1 elects the
highest scores.

Ties for the last seat are broken by lot from the seed and recorded.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from moot.core.methods.common import (
    check_seats,
    elect_top,
    fmt,
    join_names,
    ranked_by_total,
    tie_sentence,
)
from moot.core.methods.ranked_array import (
    Ranked,
    RankedArray,
    as_array,
    first_choices,
    pairwise_matrix,
    sum_by,
)
from moot.core.results import ElectionResult, Event, Round
from moot.core.ties import TieBreak

Number = int | Fraction


def _continuing(grouped: RankedArray) -> list[int]:
    return [c for c in range(grouped.num_candidates) if c not in grouped.withdrawn]


def tally_plurality(ballots: Ranked, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Count first choices; the most votes win."""
    grouped = as_array(ballots)
    cands = _continuing(grouped)
    check_seats(seats, len(cands))
    active = np.zeros(grouped.num_candidates, dtype=bool)
    active[cands] = True
    sums = sum_by(first_choices(grouped, active), grouped.counts, grouped.num_candidates)
    totals = {c: sums[c] for c in cands}
    empty = grouped.total_weight - sum(totals.values())
    return points_result("plurality", grouped.candidates, totals, seats, seed, empty)


def tally_borda(ballots: Ranked, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Count Borda points: one point per candidate ranked below."""
    grouped = as_array(ballots)
    cands = _continuing(grouped)
    check_seats(seats, len(cands))
    d = pairwise_matrix(grouped)
    totals: dict[int, Number] = {a: sum((d[a, b] for b in cands), 0) for a in cands}
    return points_result("borda", grouped.candidates, totals, seats, seed, 0)


_UNIT = {
    "plurality": "votes",
    "borda": "points",
    "approval": "approvals",
    "score": "points",
    "dots": "dots",
}


def points_result(
    method: str,
    names: tuple[str, ...],
    totals: dict[int, Number],
    seats: int,
    seed: str,
    exhausted: Number,
) -> ElectionResult:
    """One round of totals; the highest ``seats`` totals are elected."""
    winners, breaks = elect_top(totals, seats, seed=seed, purpose=f"{method} last seat")
    unit = _UNIT.get(method, "points")
    events = tuple(Event("tie", b.chosen, None, b.describe(names)) for b in breaks)
    events += tuple(Event("elected", c, totals[c], f"{fmt(totals[c])} {unit}") for c in winners)
    return ElectionResult(
        method=method,
        candidates=names,
        winners=winners,
        rounds=(Round(1, totals, events, exhausted),),
        tie_breaks=breaks,
        seats=seats,
        seed=seed,
        summary=_summary(method, names, totals, winners, breaks, unit),
        details={"rule": f"{method}: highest totals elected; ties for a seat by lot"},
    )


def _summary(
    method: str,
    names: tuple[str, ...],
    totals: dict[int, Number],
    winners: tuple[int, ...],
    breaks: tuple[TieBreak, ...],
    unit: str,
) -> str:
    elected = join_names([f"{names[c]} ({fmt(totals[c])} {unit})" for c in winners])
    verb = "wins" if len(winners) == 1 else "are elected"
    runners = [c for c in ranked_by_total(totals) if c not in winners][:1]
    after = f"; next is {names[runners[0]]} with {fmt(totals[runners[0]])}" if runners else ""
    return f"{elected} {verb} by {method}{after}." + tie_sentence(breaks, names)
