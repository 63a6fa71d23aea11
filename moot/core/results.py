"""The result of a count, with every round that led to it.

A result names its method, its winners in order of election, and its rounds. Each round
keeps the totals after it and what happened in it (elected, excluded, surplus
transferred, tie broken), so a facilitator can read the count out and anyone can check
it. ``to_dict`` gives a JSON-ready form where exact fractions stay exact strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from moot.core.ties import TieBreak

Number = int | Fraction


def number_to_json(value: Number) -> int | str:
    """Integers stay integers; fractions become ``"p/q"`` so nothing is rounded."""
    if isinstance(value, int) or value.denominator == 1:
        return int(value)
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class Event:
    """One thing that happened in a round: ``kind`` is elected, excluded, transfer,
    surplus, tie, exhausted or note; ``candidate`` is an index or None."""

    kind: str
    candidate: int | None = None
    amount: Number | None = None
    text: str = ""


@dataclass(frozen=True)
class Round:
    number: int
    totals: dict[int, Number]
    events: tuple[Event, ...] = ()
    exhausted: Number = 0
    quota: Number | None = None


@dataclass(frozen=True)
class ElectionResult:
    method: str
    candidates: tuple[str, ...]
    winners: tuple[int, ...]
    rounds: tuple[Round, ...] = ()
    tie_breaks: tuple[TieBreak, ...] = ()
    seats: int = 1
    seed: str = "moot"
    summary: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def winner_names(self) -> list[str]:
        return [self.candidates[c] for c in self.winners]

    def to_dict(self) -> dict[str, Any]:
        names = self.candidates
        return {
            "method": self.method,
            "seats": self.seats,
            "winners": self.winner_names,
            "summary": self.summary,
            "seed": self.seed,
            "candidates": list(names),
            "rounds": [_round_to_dict(r, names) for r in self.rounds],
            "tie_breaks": [
                {"tied": [names[c] for c in t.tied], "chosen": names[t.chosen], "by": t.by}
                for t in self.tie_breaks
            ],
            "details": self.details,
        }


def _round_to_dict(r: Round, names: Sequence[str]) -> dict[str, Any]:
    return {
        "round": r.number,
        "totals": {names[c]: number_to_json(v) for c, v in r.totals.items()},
        "exhausted": number_to_json(r.exhausted),
        "quota": None if r.quota is None else number_to_json(r.quota),
        "events": [
            {
                "kind": e.kind,
                "candidate": None if e.candidate is None else names[e.candidate],
                "amount": None if e.amount is None else number_to_json(e.amount),
                "text": e.text,
            }
            for e in r.events
        ],
    }
