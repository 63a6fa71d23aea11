"""Small pieces every choice method shares: electing the highest totals with a stated
tie rule, and wording numbers and names for the summary a facilitator reads out.

When several candidates tie for the last seat on their totals, the tie is broken by lot
(``moot.core.ties.break_tie``) from the count's seed, and the draw is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from moot.core.ties import LookBack, TieBreak, break_tie

Number = int | Fraction


def check_seats(seats: int, num_candidates: int) -> None:
    """A count needs at least one seat and no more seats than candidates."""
    if seats < 1:
        raise ValueError("the number of seats must be at least 1")
    if seats > num_candidates:
        raise ValueError(f"{seats} seats but only {num_candidates} candidates")


def check_single_seat(method: str, seats: int) -> None:
    if seats != 1:
        raise ValueError(f"{method} elects one winner; for {seats} seats use an STV method")


def elect_top(
    totals: Mapping[int, Number], seats: int, *, seed: str, purpose: str
) -> tuple[tuple[int, ...], tuple[TieBreak, ...]]:
    """The ``seats`` candidates with the highest totals, highest first.

    Ties are broken by lot only where they decide who is elected.
    """
    remaining = dict(totals)
    winners: list[int] = []
    breaks: list[TieBreak] = []
    while len(winners) < seats and remaining:
        top = max(remaining.values())
        tied = sorted(c for c, v in remaining.items() if v == top)
        if len(tied) <= seats - len(winners):
            winners.extend(tied)
            for c in tied:
                del remaining[c]
            continue
        tie = break_tie(
            tied, pick_lowest=False, look_back=LookBack.NONE, seed=seed, purpose=purpose
        )
        breaks.append(tie)
        winners.append(tie.chosen)
        del remaining[tie.chosen]
    return tuple(winners), tuple(breaks)


def ranked_by_total(totals: Mapping[int, Number]) -> list[int]:
    """Candidates from highest total to lowest; equal totals by candidate number."""
    return sorted(totals, key=lambda c: (-totals[c], c))


def fmt(value: Number) -> str:
    """A number as a facilitator would say it: 4,313 or 12.5 or 1/3."""
    if isinstance(value, int) or value.denominator == 1:
        return f"{int(value):,}"
    if (value * 100).denominator == 1:
        return f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return f"{value.numerator}/{value.denominator}"


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def tie_sentence(breaks: Sequence[TieBreak], names: Sequence[str]) -> str:
    return "".join(" " + b.describe(names) for b in breaks)
