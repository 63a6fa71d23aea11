"""Meek STV by the PR Foundation's Meek reference rule (fixed point, 9 decimals).

In plain words: every candidate has a *keep factor*, the share of each vote reaching
them that they keep; hopeful candidates keep everything (1), excluded candidates keep
nothing (0), and elected candidates keep just enough to hold the quota. Each round:

- B.2.a Every ballot starts with weight 1 and passes down its ranking: each candidate
  keeps ``weight × keep factor`` (to 9 decimals, rounded up) and the rest goes on.
- B.2.b The quota is the sum of all candidates' votes / (seats + 1), truncated to 9
  decimals, plus 0.000000001 — so votes that exhaust lower the quota.
- B.2.c Every hopeful candidate at or over the quota is elected; the round ends.
- B.2.d–e Otherwise, when the elected candidates' total surplus is below omega
  (0.000001), or stopped shrinking, the votes have settled.
- B.2.f While they have not, each elected candidate's keep factor becomes
  ``keep factor × quota / votes`` (each step to 9 decimals, rounded up) and the votes
  are distributed again.
- B.3 Once settled, the hopeful candidate with the fewest votes is excluded; every
  hopeful candidate within the total surplus of the lowest counts as tied, and a tie is
  broken by lot from the recorded seed.
- The count ends when all seats are filled or the hopeful candidates are no more than
  the seats left, who are then elected.

This is the rule Droop reports as ``meek-prf-o6-fixed-p9-d9``. Values are integers of
10**-9 of a vote. The distribution runs over the *distinct* rankings at once with numpy:
rankings sit in a padded table (rankings × positions) and one pass per position keeps
each ranking's share, so a 30,000-ballot election counts in a fraction of a second.
Every paper must be a whole ballot (integer weights).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from moot.core.ballots import Profile
from moot.core.results import ElectionResult, Event, Round
from moot.core.stv.common import (
    Ballots,
    describe_number,
    prepare,
    require_whole_papers,
    summarize,
)
from moot.core.stv.fixed import div_up, mul_up, scale_for, to_fraction
from moot.core.ties import LookBack, TieBreak, break_tie

PLACES = 9
SCALE = scale_for(PLACES)
OMEGA = SCALE // 10**6
FLOAT_EXACT = 2**53
Int64s = npt.NDArray[np.int64]


@dataclass(frozen=True)
class RankingTable:
    """Distinct rankings padded with a sentinel candidate ``n`` that keeps nothing."""

    table: Int64s
    papers: Int64s
    sentinel: int

    @classmethod
    def build(cls, ballots: Ballots, papers: tuple[int, ...], n: int) -> RankingTable:
        width = max((len(r) for r in ballots.rankings), default=1)
        table = np.full((len(ballots.rankings), width), n, dtype=np.int64)
        for row, ranking in enumerate(ballots.rankings):
            table[row, : len(ranking)] = ranking
        return cls(table, np.asarray(papers, dtype=np.int64), n)

    def distribute(self, keep: Int64s) -> Int64s:
        """B.2.a: each candidate's votes (in 1e-9 units) under the keep factors."""
        weight = np.full(len(self.papers), SCALE, dtype=np.int64)
        votes = np.zeros(self.sentinel + 1, dtype=np.int64)
        for column in self.table.T:
            kept = -((-weight * keep[column]) // SCALE)
            weight -= kept
            votes += _sum_by(column, kept * self.papers, self.sentinel + 1)
        return votes


def _sum_by(column: Int64s, amounts: Int64s, size: int) -> Int64s:
    """Exact per-candidate sums; bincount's float64 is exact below 2**53."""
    if int(amounts.sum()) < FLOAT_EXACT:
        return np.rint(np.bincount(column, weights=amounts, minlength=size)).astype(np.int64)
    out = np.zeros(size, dtype=np.int64)
    np.add.at(out, column, amounts)
    return out


@dataclass
class MeekCount:
    table: RankingTable
    seats: int
    names: tuple[str, ...]
    standing: tuple[int, ...]
    seed: str
    keep: list[int] = field(default_factory=list)
    hopeful: list[int] = field(default_factory=list)
    elected: list[int] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    ties: list[TieBreak] = field(default_factory=list)
    keep_history: list[dict[int, str]] = field(default_factory=list)
    iterations: int = 0

    def run(self) -> ElectionResult:
        self.keep = [0] * (self.table.sentinel + 1)
        for c in self.standing:
            self.keep[c] = SCALE
        self.hopeful = list(self.standing)
        while len(self.hopeful) > self.seats - len(self.elected) > 0:
            self.one_round()
        self.finish()
        return self.result()

    def one_round(self) -> None:
        votes, quota, surplus, newly = self.iterate()
        events = [self.event("elected", c, votes, "is elected with") for c in newly]
        if not newly:
            events = self.exclude(votes, surplus)
        self.record(votes, quota, events)

    def iterate(self) -> tuple[Int64s, int, int, list[int]]:
        """B.2: distribute and adjust keep factors until someone is elected or settled."""
        last = None
        while True:
            self.iterations += 1
            votes = self.table.distribute(np.asarray(self.keep, dtype=np.int64))
            quota = int(sum(int(votes[c]) for c in self.hopeful + self.elected))
            quota = quota // (self.seats + 1) + 1
            newly = self.elect_reached(votes, quota)
            surplus = max(0, sum(int(votes[c]) - quota for c in self.elected))
            if newly or surplus < OMEGA or (last is not None and surplus >= last):
                return votes, quota, surplus, newly
            last = surplus
            for c in self.elected:
                self.keep[c] = div_up(mul_up(self.keep[c], quota, SCALE), int(votes[c]), SCALE)

    def elect_reached(self, votes: Int64s, quota: int) -> list[int]:
        reached = [c for c in self.hopeful if int(votes[c]) >= quota]
        reached.sort(key=lambda c: (-int(votes[c]), c))
        for c in reached:
            self.hopeful.remove(c)
            self.elected.append(c)
        return reached

    def exclude(self, votes: Int64s, surplus: int) -> list[Event]:
        """B.3: exclude the lowest hopeful; those within the surplus of it are tied."""
        low = min(int(votes[c]) for c in self.hopeful)
        tied = [c for c in self.hopeful if int(votes[c]) <= low + surplus]
        events: list[Event] = []
        loser = tied[0]
        if len(tied) > 1:
            purpose = f"stv-meek round {len(self.rounds) + 1} exclusion"
            tie = break_tie(
                tied, pick_lowest=True, look_back=LookBack.NONE, seed=self.seed, purpose=purpose
            )
            self.ties.append(tie)
            loser = tie.chosen
            events.append(Event("tie", loser, None, tie.describe(self.names)))
        self.hopeful.remove(loser)
        self.keep[loser] = 0
        events.append(self.event("excluded", loser, votes, "is excluded with"))
        return events

    def event(self, kind: str, candidate: int, votes: Int64s, verb: str) -> Event:
        amount = to_fraction(int(votes[candidate]), SCALE)
        text = f"{self.names[candidate]} {verb} {describe_number(amount, PLACES)} votes."
        return Event(kind, candidate, amount, text)

    def record(self, votes: Int64s, quota: int, events: list[Event]) -> None:
        totals = {c: to_fraction(int(votes[c]), SCALE) for c in self.standing}
        kept = sum(int(votes[c]) for c in self.standing)
        lost = int(self.table.papers.sum()) * SCALE - kept
        self.keep_history.append({c: _decimal(self.keep[c]) for c in self.elected})
        self.rounds.append(
            Round(
                number=len(self.rounds) + 1,
                totals=totals,
                events=tuple(events),
                exhausted=to_fraction(lost, SCALE),
                quota=to_fraction(quota, SCALE),
            )
        )

    def finish(self) -> None:
        """C: elect the remaining hopefuls if seats are left."""
        if len(self.elected) >= self.seats or not self.hopeful:
            return
        events = [Event("note", text="The remaining hopeful candidates fill the seats left.")]
        for c in list(self.hopeful):
            self.hopeful.remove(c)
            self.elected.append(c)
            events.append(Event("elected", c))
        last = self.rounds[-1] if self.rounds else None
        totals = last.totals if last else dict.fromkeys(self.standing, 0)
        quota = last.quota if last else None
        exhausted = last.exhausted if last else 0
        self.rounds.append(Round(len(self.rounds) + 1, totals, tuple(events), exhausted, quota))

    def result(self) -> ElectionResult:
        quota = self.rounds[-1].quota if self.rounds else 0
        return ElectionResult(
            method="stv-meek",
            candidates=self.names,
            winners=tuple(self.elected),
            rounds=tuple(self.rounds),
            tie_breaks=tuple(self.ties),
            seats=self.seats,
            seed=self.seed,
            summary=summarize("Meek STV", self.names, self.elected, quota or 0, len(self.rounds)),
            details={"keep_factors": self.keep_history, "iterations": self.iterations},
        )


def _decimal(units: int) -> str:
    return f"{units // SCALE}.{units % SCALE:09d}"


def tally_stv_meek(profile: Profile, seats: int, *, seed: str = "moot") -> ElectionResult:
    """Elect ``seats`` candidates by the PR Foundation Meek reference rule."""
    ballots = prepare(profile, seats)
    papers = require_whole_papers(ballots, "Meek STV")
    table = RankingTable.build(ballots, papers, profile.num_candidates)
    return MeekCount(table, seats, profile.candidates, ballots.standing, seed).run()
