"""A circle: a talking piece passes around the people present, in a set order.

Whoever holds the piece speaks or passes, and nobody else can be called. The round ends
when the piece has gone all the way round. A person who arrives during the round sits
at the end of the order and holds the piece before the round ends; one who arrives
after it has ended joins the next round. A person who leaves is skipped; if they come
back before the piece reaches their seat they keep it, and if it has passed them they
move to the end of the order. Nobody holds the piece twice in one round.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum


class Turn(Enum):
    SPOKE = "spoke"
    PASSED = "passed"


class CircleError(ValueError):
    """A move the circle's rules do not allow; the message says why."""


@dataclass(frozen=True)
class Circle:
    """One round of a circle. Every change returns a new circle."""

    order: tuple[int, ...]
    turns: tuple[tuple[int, Turn], ...] = ()
    away: frozenset[int] = field(default_factory=frozenset)
    waiting: tuple[int, ...] = ()
    round: int = 1

    @classmethod
    def start(cls, order: Iterable[int]) -> Circle:
        """A first round in ``order``, the first person holding the piece."""
        people = tuple(order)
        if not people:
            raise CircleError("a circle needs at least one person")
        if len(set(people)) != len(people):
            raise CircleError("a person can sit in the circle only once")
        return cls(people)

    @property
    def holder(self) -> int | None:
        """Who holds the talking piece, or None once the round has gone round."""
        done = self.had_turn
        return next((p for p in self.order if p not in done and p not in self.away), None)

    @property
    def is_complete(self) -> bool:
        return self.holder is None

    @property
    def had_turn(self) -> frozenset[int]:
        return frozenset(person for person, _ in self.turns)

    @property
    def spoke(self) -> tuple[int, ...]:
        return tuple(person for person, turn in self.turns if turn is Turn.SPOKE)

    @property
    def passed(self) -> tuple[int, ...]:
        return tuple(person for person, turn in self.turns if turn is Turn.PASSED)

    @property
    def skipped(self) -> tuple[int, ...]:
        """People who left before the piece reached them."""
        done = self.had_turn
        return tuple(p for p in self.order if p in self.away and p not in done)

    @property
    def present(self) -> tuple[int, ...]:
        return tuple(p for p in self.order if p not in self.away)

    def check_holder(self, person: int) -> None:
        """Raise ``CircleError`` unless ``person`` holds the piece and may be called."""
        holder = self.holder
        if holder is None:
            raise CircleError("the round has gone round; start the next round")
        if person != holder:
            raise CircleError(f"only the holder of the talking piece (person {holder}) can speak")

    def speak_done(self, person: int) -> Circle:
        """``person`` has spoken; the piece moves on."""
        return self._take_turn(person, Turn.SPOKE)

    def pass_turn(self, person: int) -> Circle:
        """``person`` passes without speaking; the piece moves on."""
        return self._take_turn(person, Turn.PASSED)

    def _take_turn(self, person: int, turn: Turn) -> Circle:
        self.check_holder(person)
        return replace(self, turns=(*self.turns, (person, turn)))

    def join(self, person: int) -> Circle:
        """``person`` arrives or comes back (see the module's rule for where they sit)."""
        if person in self.present or person in self.waiting:
            raise CircleError(f"person {person} is already in the circle")
        if self.is_complete and person not in self.had_turn:
            return replace(self, waiting=(*self.waiting, person))
        if person in self.order and not self._piece_has_passed(person):
            return replace(self, away=self.away - {person})
        order = (*(p for p in self.order if p != person), person)
        return replace(self, order=order, away=self.away - {person})

    def _piece_has_passed(self, person: int) -> bool:
        """True when ``person`` had their turn or their seat is behind the holder's."""
        if person in self.had_turn:
            return False
        holder = self.holder
        return holder is not None and self.order.index(person) < self.order.index(holder)

    def leave(self, person: int) -> Circle:
        """``person`` steps out; the piece skips them (and moves on if they held it)."""
        if person in self.waiting:
            return replace(self, waiting=tuple(p for p in self.waiting if p != person))
        if person not in self.present:
            raise CircleError(f"person {person} is not in the circle")
        return replace(self, away=self.away | {person})

    def next_round(self) -> Circle:
        """A fresh round: everyone present in the same order, then those who waited."""
        if not self.is_complete:
            raise CircleError("the piece has not yet gone round")
        order = (*self.present, *self.waiting)
        if not order:
            raise CircleError("nobody is left in the circle")
        return Circle(order, round=self.round + 1)
