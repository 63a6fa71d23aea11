"""Instant-runoff voting (IRV): one winner by repeated exclusion.

Rule (as in Burlington, Vermont's IRV charter and Robert's Rules "preferential voting"):
each round, every ballot counts for its highest-ranked candidate still in the race. A
candidate with more than half of the ballots still counting in that round wins. If none
has, the candidate with the fewest votes is excluded and their ballots move to each
ballot's next choice still in the race. A ballot with no such choice is *exhausted*: it
stops counting, and the majority is reckoned on the ballots still counting (so the
winner may hold fewer than half of all ballots cast). A ballot with equal ranks is cut
where the tie starts before it arrives here (see ``moot.core.ballot_files``).

Ties for fewest votes: the candidate with fewer votes in the latest earlier round where
the tied candidates differed is excluded; if they never differed, one is chosen by lot
from the count's seed (``moot.core.ties.break_tie``), and the draw is recorded.

Speed: each distinct ranking is counted once with its weight, and only the ballots of
the excluded candidate are looked at again after an exclusion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from moot.core.methods.common import check_single_seat, fmt, join_names
from moot.core.methods.ranked_array import IntArray, Ranked, RankedArray, as_array, sum_by
from moot.core.results import ElectionResult, Event, Round
from moot.core.ties import LookBack, TieBreak, break_tie

Number = int | Fraction


@dataclass
class _Count:
    """Where each distinct ranking stands: the place it is at and whom it counts for.

    The rows are laid end to end, each closed by a -1, so a ranking's place is one index
    into that flat array and moving on is adding one.
    """

    ballots: RankedArray
    active: npt.NDArray[np.bool_]
    flat: npt.NDArray[np.int16] = field(init=False)
    place: IntArray = field(init=False)
    choice: npt.NDArray[np.int16] = field(init=False)
    sums: list[Number] = field(init=False)

    def __post_init__(self) -> None:
        m, width = self.ballots.rows.shape
        closed = np.full((m, width + 1), -1, dtype=np.int16)
        closed[:, :width] = self.ballots.rows
        self.flat = closed.ravel()
        self.place = np.arange(m, dtype=np.int64) * (width + 1)
        self.choice = np.full(m, -1, dtype=np.int16)
        self._advance(np.arange(m), self.place)
        self.sums = sum_by(self.choice, self.ballots.counts, self.ballots.num_candidates)

    def exclude(self, candidate: int) -> None:
        """Take ``candidate`` out and move only their ballots on."""
        self.active[candidate] = False
        moved = np.flatnonzero(self.choice == candidate)
        self._advance(moved, self.place[moved] + 1)
        n = self.ballots.num_candidates
        gained = sum_by(self.choice[moved], self.ballots.counts[moved], n)
        self.sums = [s + g for s, g in zip(self.sums, gained, strict=True)]
        self.sums[candidate] = 0

    def _advance(self, todo: IntArray, place: IntArray) -> None:
        """Move the rows in ``todo``, from ``place`` on, to a candidate still in the race.

        A row that reaches its closing -1 is exhausted and counts for no one (-1).
        """
        stops = np.concatenate(([True], self.active))  # stops[c + 1]: c is in the race
        while len(todo):
            cand = self.flat[place]
            stop = stops[cand + 1]
            self.choice[todo[stop]] = cand[stop]
            self.place[todo[stop]] = place[stop]
            going = ~stop
            todo, place = todo[going], place[going] + 1

    def totals(self) -> tuple[dict[int, Number], Number]:
        totals = {c: self.sums[c] for c in np.flatnonzero(self.active).tolist()}
        exhausted = self.ballots.total_weight - sum(totals.values())
        return totals, exhausted


def tally_irv(ballots: Ranked, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Count ranked ballots by instant runoff; every round is kept in the result."""
    check_single_seat("IRV", seats)
    grouped = as_array(ballots)
    active = np.ones(grouped.num_candidates, dtype=bool)
    active[list(grouped.withdrawn)] = False
    count = _Count(grouped, active)
    rounds: list[Round] = []
    breaks: list[TieBreak] = []
    history: list[dict[int, Number]] = []
    while True:
        totals, exhausted = count.totals()
        winner = _majority(totals)
        if winner is not None:
            rounds.append(_final_round(len(rounds) + 1, totals, exhausted, winner))
            break
        loser, tie = _lowest(totals, history, seed, len(rounds) + 1)
        events = _exclusion_events(loser, tie, totals, grouped.candidates)
        rounds.append(Round(len(rounds) + 1, totals, events, exhausted))
        breaks.extend([tie] if tie else [])
        history.append(totals)
        count.exclude(loser)
    return _result(grouped.candidates, winner, rounds, breaks, seed)


def _majority(totals: dict[int, Number]) -> int | None:
    """The candidate with more than half the ballots still counting, if any."""
    if len(totals) == 1:
        return next(iter(totals))
    counting = sum(totals.values())
    for c, v in totals.items():
        if 2 * v > counting:
            return c
    return None


def _lowest(
    totals: dict[int, Number], history: list[dict[int, Number]], seed: str, number: int
) -> tuple[int, TieBreak | None]:
    least = min(totals.values())
    tied = [c for c, v in totals.items() if v == least]
    if len(tied) == 1:
        return tied[0], None
    tie = break_tie(
        tied,
        pick_lowest=True,
        history=history,
        look_back=LookBack.LATEST_FIRST,
        seed=seed,
        purpose=f"irv exclusion round {number}",
    )
    return tie.chosen, tie


def _exclusion_events(
    loser: int, tie: TieBreak | None, totals: dict[int, Number], names: tuple[str, ...]
) -> tuple[Event, ...]:
    events = [Event("tie", loser, None, tie.describe(names))] if tie else []
    text = f"{names[loser]} has the fewest votes ({fmt(totals[loser])}) and is excluded."
    events.append(Event("excluded", loser, totals[loser], text))
    return tuple(events)


def _final_round(number: int, totals: dict[int, Number], exhausted: Number, winner: int) -> Round:
    counting = sum(totals.values())
    text = f"{fmt(totals[winner])} of {fmt(counting)} ballots still counting: more than half."
    return Round(number, totals, (Event("elected", winner, totals[winner], text),), exhausted)


def _result(
    names: tuple[str, ...],
    winner: int,
    rounds: list[Round],
    breaks: list[TieBreak],
    seed: str,
) -> ElectionResult:
    last = rounds[-1]
    others = sorted((c for c in last.totals if c != winner), key=lambda c: -last.totals[c])
    against = join_names([f"{names[c]} {fmt(last.totals[c])}" for c in others])
    summary = (
        f"{names[winner]} wins by instant runoff after {len(rounds)} round"
        f"{'s' if len(rounds) > 1 else ''}. In the last round {names[winner]} had "
        f"{fmt(last.totals[winner])} votes"
        + (f" (against {against})" if against else "")
        + f"; {fmt(last.exhausted)} ballots had no choice left in the race."
        + "".join(" " + b.describe(names) for b in breaks)
    )
    return ElectionResult(
        method="irv",
        candidates=names,
        winners=(winner,),
        rounds=tuple(rounds),
        tie_breaks=tuple(breaks),
        seats=1,
        seed=seed,
        summary=summary,
        details={"rule": "IRV; majority of ballots still counting; ties: earlier rounds, lot"},
    )
