"""The stage-by-stage count shared by Scottish STV and WIGM.

Both rules count the same way and differ only in arithmetic:

1. First stage: each paper counts one vote for its first preference. The quota is the
   Droop quota ⌊valid papers / (seats + 1)⌋ + 1 and never changes.
2. At the end of every stage each continuing candidate whose votes equal or exceed the
   quota is elected.
3. If the continuing candidates are no more than the seats left, they are all elected
   and the count ends with no further transfer.
4. Otherwise, if an elected candidate's surplus (votes over the quota) is waiting, the
   largest surplus is transferred; that is one stage. *All* the candidate's papers pass
   to their next continuing preference, each at a new value
   ``paper value × surplus / candidate's votes`` (weighted inclusive Gregory); papers
   with no next preference are non-transferable. The candidate keeps the quota.
5. Otherwise the continuing candidate with the fewest votes is excluded and all their
   papers pass on at the value they arrived with; that is one stage.

Ties (equal surpluses, or equal lowest votes) are broken by looking back to the most
recent earlier stage at which the tied candidates had unequal votes — the highest
surplus goes first, the lowest candidate is excluded — and, if they were equal at every
stage, by lot from the recorded seed. When more than two candidates are tied, each
earlier stage narrows the field to those still tied at the extreme before looking
further back.

The arithmetic is given as an :class:`Arithmetic`: Scottish STV keeps integers of
1/100000 of a vote and truncates each new paper value; WIGM keeps exact fractions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from moot.core.results import ElectionResult, Event, Round
from moot.core.stv.common import Ballots, Number, describe_number, droop_quota, summarize
from moot.core.ties import LookBack, TieBreak, break_tie


@dataclass(frozen=True)
class Arithmetic:
    """How values are held: ``unit`` is one whole vote in the count's own units."""

    unit: int
    transfer_value: Callable[[Number, Number, Number], Number]
    to_votes: Callable[[Number], Number]


@dataclass
class Bundle:
    """Papers with the same ranking, held by the same candidate at the same value."""

    ranking: tuple[int, ...]
    position: int
    value: Number
    papers: Number


@dataclass
class GregoryCount:
    """The running state of one count; :meth:`run` carries it to the end."""

    ballots: Ballots
    seats: int
    arithmetic: Arithmetic
    method: str
    label: str
    names: tuple[str, ...]
    seed: str
    quota: int = 0
    piles: dict[int, list[Bundle]] = field(default_factory=dict)
    totals: dict[int, Number] = field(default_factory=dict)
    continuing: set[int] = field(default_factory=set)
    elected: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    exhausted: Number = 0
    history: list[dict[int, Number]] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    ties: list[TieBreak] = field(default_factory=list)
    queued: list[Event] = field(default_factory=list)

    def run(self) -> ElectionResult:
        self.first_stage()
        while not self.finished():
            if self.pending:
                self.transfer_surplus(self.choose_surplus())
            else:
                self.exclude(self.choose_exclusion())
        self.fill_last_vacancies()
        return self.result()

    # -- stages -----------------------------------------------------------------

    def first_stage(self) -> None:
        unit = self.arithmetic.unit
        self.quota = droop_quota(self.ballots.valid, self.seats) * unit
        self.continuing = set(self.ballots.standing)
        self.piles = {c: [] for c in self.ballots.standing}
        self.totals = dict.fromkeys(self.ballots.standing, 0)
        for ranking, weight in zip(self.ballots.rankings, self.ballots.weights, strict=True):
            self.piles[ranking[0]].append(Bundle(ranking, 0, unit, weight))
            self.totals[ranking[0]] += unit * weight
        self.end_stage([Event("note", text="First preferences counted.")])

    def transfer_surplus(self, candidate: int) -> None:
        total = self.totals[candidate]
        surplus = total - self.quota
        self.pending.remove(candidate)
        bundles = self.piles.pop(candidate)
        for bundle in bundles:
            bundle.value = self.arithmetic.transfer_value(bundle.value, surplus, total)
        self.totals[candidate] = self.quota
        text = self.surplus_text(candidate, surplus, total)
        events = [Event("surplus", candidate, self.votes(surplus), text)]
        self.end_stage(events + self.move(bundles))

    def exclude(self, candidate: int) -> None:
        self.continuing.discard(candidate)
        amount = self.totals[candidate]
        self.totals[candidate] = 0
        events = [self.event("excluded", candidate, amount, "is excluded with")]
        self.end_stage(events + self.move(self.piles.pop(candidate)))

    def move(self, bundles: list[Bundle]) -> list[Event]:
        """Pass each bundle to its next continuing preference; report what moved."""
        received: dict[int, Number] = {}
        lost: Number = 0
        for bundle in bundles:
            amount = bundle.value * bundle.papers
            target = self.next_preference(bundle)
            if target is None:
                lost += amount
                continue
            self.piles[target].append(bundle)
            self.totals[target] += amount
            received[target] = received.get(target, 0) + amount
        self.exhausted += lost
        events = [self.event("transfer", c, v, "receives") for c, v in sorted(received.items())]
        if lost:
            text = f"{describe_number(self.votes(lost))} votes are non-transferable."
            events.append(Event("exhausted", None, self.votes(lost), text))
        return events

    def next_preference(self, bundle: Bundle) -> int | None:
        for position in range(bundle.position + 1, len(bundle.ranking)):
            if bundle.ranking[position] in self.continuing:
                bundle.position = position
                return bundle.ranking[position]
        return None

    def end_stage(self, events: list[Event]) -> None:
        """Elect everyone who reached the quota, then record the stage."""
        events[:0] = self.queued
        self.queued = []
        reached = [c for c in self.continuing if self.totals[c] >= self.quota]
        for c in sorted(reached, key=lambda c: (-self.totals[c], c)):
            if len(self.elected) < self.seats:
                self.elect(c, events)
        self.record(events)

    def elect(self, candidate: int, events: list[Event]) -> None:
        self.continuing.discard(candidate)
        self.elected.append(candidate)
        if self.totals[candidate] > self.quota:
            self.pending.append(candidate)
        events.append(self.event("elected", candidate, self.totals[candidate], "is elected with"))

    def record(self, events: list[Event]) -> None:
        totals = dict(self.totals)
        self.history.append(totals)
        self.rounds.append(
            Round(
                number=len(self.rounds) + 1,
                totals={c: self.votes(v) for c, v in totals.items()},
                events=tuple(events),
                exhausted=self.votes(self.exhausted),
                quota=self.votes(self.quota),
            )
        )

    # -- decisions --------------------------------------------------------------

    def finished(self) -> bool:
        left = self.seats - len(self.elected)
        return left <= 0 or len(self.continuing) <= left

    def choose_surplus(self) -> int:
        top = max(self.totals[c] for c in self.pending)
        return self.settle([c for c in self.pending if self.totals[c] == top], lowest=False)

    def choose_exclusion(self) -> int:
        low = min(self.totals[c] for c in self.continuing)
        return self.settle([c for c in self.continuing if self.totals[c] == low], lowest=True)

    def settle(self, tied: list[int], *, lowest: bool) -> int:
        """One candidate from ``tied``: by the most recent unequal stage, then by lot."""
        if len(tied) == 1:
            return tied[0]
        stage = len(self.rounds) + 1
        purpose = f"{self.method} stage {stage} {'exclusion' if lowest else 'surplus'}"
        tie = break_tie(
            tied,
            pick_lowest=lowest,
            history=self.history,
            look_back=LookBack.LATEST_FIRST,
            seed=self.seed,
            purpose=purpose,
        )
        self.ties.append(tie)
        self.queued.append(Event("tie", tie.chosen, None, tie.describe(self.names)))
        return tie.chosen

    def fill_last_vacancies(self) -> None:
        left = self.seats - len(self.elected)
        if left <= 0 or not self.continuing:
            return
        events: list[Event] = []
        for c in sorted(self.continuing, key=lambda c: (-self.totals[c], c)):
            self.elect(c, events)
        self.continuing.clear()
        self.rounds[-1] = _with_events(self.rounds[-1], events, "the last vacancies")

    # -- reporting --------------------------------------------------------------

    def votes(self, value: Number) -> Number:
        return self.arithmetic.to_votes(value)

    def event(self, kind: str, candidate: int, value: Number, verb: str) -> Event:
        amount = self.votes(value)
        text = f"{self.names[candidate]} {verb} {describe_number(amount)} votes."
        return Event(kind, candidate, amount, text)

    def surplus_text(self, candidate: int, surplus: Number, total: Number) -> str:
        value = self.votes(self.arithmetic.transfer_value(self.arithmetic.unit, surplus, total))
        return (
            f"Surplus of {self.names[candidate]} ({describe_number(self.votes(surplus))} votes) "
            f"transferred; a first-preference paper now carries {describe_number(value)}."
        )

    def result(self) -> ElectionResult:
        quota_votes = self.votes(self.quota)
        return ElectionResult(
            method=self.method,
            candidates=self.names,
            winners=tuple(self.elected),
            rounds=tuple(self.rounds),
            tie_breaks=tuple(self.ties),
            seats=self.seats,
            seed=self.seed,
            summary=summarize(self.label, self.names, self.elected, quota_votes, len(self.rounds)),
            details={"quota": str(quota_votes), "exhausted": str(self.votes(self.exhausted))},
        )


def _with_events(stage: Round, events: list[Event], why: str) -> Round:
    note = Event("note", text=f"Continuing candidates fill {why} without further transfer.")
    return Round(
        stage.number,
        stage.totals,
        (*stage.events, note, *events),
        stage.exhausted,
        stage.quota,
    )
