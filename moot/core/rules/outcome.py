"""What a decision rule returns: the outcome, the stage that applied, and why.

``Headcount`` carries the numbers of members, people present and electorate where a
rule's quorum or base needs them; a rule that needs a number it was not given raises
``RuleError`` rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any

from moot.core.results import number_to_json
from moot.core.rules.kinds import Body, RuleError, Stage
from moot.core.rules.votes import Tally


class Outcome(Enum):
    PASSED = "passed"
    FAILED = "failed"
    BLOCKED = "blocked"
    NO_QUORUM = "no_quorum"


@dataclass(frozen=True)
class Headcount:
    """How many people the group counts, where a rule needs to know."""

    members: int | None = None
    present: int | None = None
    electorate: int | None = None

    def __post_init__(self) -> None:
        if any(n is not None and n < 0 for n in (self.members, self.present, self.electorate)):
            raise RuleError("a headcount cannot be negative")

    def size(self, body: Body) -> int | None:
        value: int | None = getattr(self, body.value)
        return value


NO_HEADCOUNT = Headcount()


@dataclass(frozen=True)
class Decision:
    """``stage`` decided; ``next_stage`` decides the next attempt at this proposal;
    ``blocks`` counts the times it has been blocked, this time included."""

    outcome: Outcome
    stage: int
    rule: Stage
    tally: Tally
    next_stage: int
    blocks: int = 0
    ratio: Fraction | None = None
    base: int | None = None
    quorum_needed: int | None = None
    summary: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    @property
    def moves_to_fallback(self) -> bool:
        """True when the next attempt at this proposal is decided by a later stage."""
        return self.next_stage != self.stage

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "stage": self.stage,
            "rule": self.rule.to_dict(),
            "next_stage": self.next_stage,
            "moves_to_fallback": self.moves_to_fallback,
            "blocks": self.blocks,
            "ratio": None if self.ratio is None else number_to_json(self.ratio),
            "base": self.base,
            "quorum_needed": self.quorum_needed,
            "block_reasons": list(self.tally.block_reasons),
            "summary": self.summary,
        }
