"""Positions a person can take on a proposal, and the tally of them.

Each person takes one position: agree, disagree, abstain, stand aside or block. A block
is a principled objection that stops a proposal under consensus, so it must carry its
reason: a block without one is not a valid vote. A tally counts each position and keeps
every block's reason beside the count, so a block is never a bare number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Position(Enum):
    AGREE = "agree"
    DISAGREE = "disagree"
    ABSTAIN = "abstain"
    STAND_ASIDE = "stand_aside"
    BLOCK = "block"


class InvalidVote(ValueError):
    """A vote or tally that cannot be counted; the message says why."""


@dataclass(frozen=True)
class Vote:
    position: Position
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.position is Position.BLOCK and not (self.reason or "").strip():
            raise InvalidVote("a block must give its reason")


@dataclass(frozen=True)
class Tally:
    """How many took each position; a block is counted by its reason."""

    agree: int = 0
    disagree: int = 0
    abstain: int = 0
    stand_aside: int = 0
    block_reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if min(self.agree, self.disagree, self.abstain, self.stand_aside) < 0:
            raise InvalidVote("a count of votes cannot be negative")
        if any(not reason.strip() for reason in self.block_reasons):
            raise InvalidVote("a block must give its reason")

    @classmethod
    def from_votes(cls, votes: Iterable[Vote]) -> Tally:
        counts = dict.fromkeys(Position, 0)
        reasons: list[str] = []
        for vote in votes:
            counts[vote.position] += 1
            if vote.position is Position.BLOCK:
                reasons.append((vote.reason or "").strip())
        return cls(
            agree=counts[Position.AGREE],
            disagree=counts[Position.DISAGREE],
            abstain=counts[Position.ABSTAIN],
            stand_aside=counts[Position.STAND_ASIDE],
            block_reasons=tuple(reasons),
        )

    @property
    def blocks(self) -> int:
        return len(self.block_reasons)

    @property
    def taking_part(self) -> int:
        """Everyone who took a position, abstentions and stand-asides included."""
        return self.agree + self.disagree + self.abstain + self.stand_aside + self.blocks

    def count(self, position: Position) -> int:
        if position is Position.BLOCK:
            return self.blocks
        return int(getattr(self, position.value))
