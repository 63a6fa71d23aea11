"""The kinds of decision rule a group can adopt, as plain data.

A decision rule is a quorum and a chain of stages. The first stage decides a proposal
until it has been blocked as often as a fallback names; from then on that fallback
decides ("full consensus; if a proposal is blocked twice, a 90% vote decides").
A stage is full consensus (passes when no block stands), unanimity (everyone taking
part agrees), or a vote: the agreeing share of a stated base must reach a threshold,
an exact fraction, either "at least" or "more than" it. Each rule renders itself as a
plain sentence and as a dictionary the group can store and amend.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any

from moot.core.rules.wording import (
    Translate,
    capitalize,
    keep_english,
    percent_text,
    share_text,
    times_text,
)


class RuleError(ValueError):
    """A rule that cannot be applied or stored; the message says what to fix."""


class Base(Enum):
    """Whom a vote's share is taken of. In a vote, a block counts as a vote against."""

    AGREE_DISAGREE = "agree_disagree"
    WITH_STAND_ASIDES = "with_stand_asides"
    WITH_ABSTENTIONS = "with_abstentions"
    TAKING_PART = "taking_part"
    PRESENT = "present"
    MEMBERS = "members"
    ELECTORATE = "electorate"


class Body(Enum):
    """Whom a quorum's share is taken of."""

    MEMBERS = "members"
    PRESENT = "present"
    ELECTORATE = "electorate"


def _base_text(base: Base, _: Translate) -> str:
    return {
        Base.AGREE_DISAGREE: _("those agreeing or disagreeing"),
        Base.WITH_STAND_ASIDES: _("those agreeing, disagreeing or standing aside"),
        Base.WITH_ABSTENTIONS: _("those agreeing, disagreeing or abstaining"),
        Base.TAKING_PART: _("everyone taking part"),
        Base.PRESENT: _("everyone present"),
        Base.MEMBERS: _("all members"),
        Base.ELECTORATE: _("the whole electorate"),
    }[base]


def _body_text(body: Body, _: Translate) -> str:
    return {
        Body.MEMBERS: _("the members"),
        Body.PRESENT: _("those present"),
        Body.ELECTORATE: _("the electorate"),
    }[body]


def check_share(value: object, what: str) -> Fraction:
    """An exact share in (0, 1]; floats are refused so nothing is rounded."""
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise RuleError(f'{what} must be an exact fraction such as "9/10", not {value!r}')
    if not 0 < value <= 1:
        raise RuleError(f"{what} must be more than 0 and at most 1, not {value}")
    return Fraction(value)


def _check_count(value: int, what: str, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(f"{what} must be a whole number, not {value!r}")
    if value < least:
        raise RuleError(f"{what} must be at least {least}, not {value}")


@dataclass(frozen=True)
class Consensus:
    """Passes when fewer than ``blocks_to_stop`` blocks stand and someone agrees."""

    blocks_to_stop: int = 1

    def __post_init__(self) -> None:
        _check_count(self.blocks_to_stop, "the number of blocks that stop a proposal", 1)

    def phrase(self, _: Translate = keep_english) -> str:
        if self.blocks_to_stop == 1:
            return _("full consensus")
        text = _("consensus minus {fewer} (it takes {count} blocks to stop a proposal)")
        fewer = _("one") if self.blocks_to_stop == 2 else str(self.blocks_to_stop - 1)
        return text.format(fewer=fewer, count=self.blocks_to_stop)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "consensus", "blocks_to_stop": self.blocks_to_stop}


@dataclass(frozen=True)
class Unanimity:
    """Passes when everyone taking part agrees; any block stops it."""

    def phrase(self, _: Translate = keep_english) -> str:
        return _("unanimity (everyone taking part agrees)")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "unanimity"}


def _adjectives(_: Translate) -> dict[Fraction, str]:
    # Written out so the translation tools find each word.
    return {Fraction(2, 3): _("two-thirds"), Fraction(3, 4): _("three-quarters")}


@dataclass(frozen=True)
class Majority:
    """Passes when agree ÷ base reaches ``threshold`` (``strict``: exceeds it)."""

    threshold: Fraction
    base: Base = Base.AGREE_DISAGREE
    strict: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "threshold", check_share(self.threshold, "a threshold"))
        if self.strict and self.threshold == 1:
            raise RuleError("more than 100% can never be reached; use at least 100%")

    def passes(self, agree: int, base: int) -> bool:
        """Exact integer comparison of agree ÷ base with the threshold."""
        if base == 0:
            return False
        left, right = agree * self.threshold.denominator, self.threshold.numerator * base
        return left > right if self.strict else left >= right

    def phrase(self, _: Translate = keep_english) -> str:
        of = _base_text(self.base, _)
        if self.strict and self.threshold == Fraction(1, 2):
            if self.base is Base.MEMBERS:
                return _("an absolute majority of all members")
            return _("a simple majority of {base}").format(base=of)
        adjectives = _adjectives(_)
        if not self.strict and self.threshold in adjectives:
            return _("a {share} vote of {base}").format(share=adjectives[self.threshold], base=of)
        if not self.strict and self.threshold != Fraction(1, 2) and self._is_percent():
            return _("a {share} vote of {base}").format(share=percent_text(self.threshold), base=of)
        more = _("more than") if self.strict else _("at least")
        text = _("a vote of {more} {share} of {base}")
        return text.format(more=more, share=share_text(self.threshold, _), base=of)

    def _is_percent(self) -> bool:
        return (self.threshold * 10000).denominator == 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "majority",
            "threshold": f"{self.threshold.numerator}/{self.threshold.denominator}",
            "base": self.base.value,
            "strict": self.strict,
        }


Stage = Consensus | Unanimity | Majority


def simple_majority(base: Base = Base.AGREE_DISAGREE) -> Majority:
    """More than half of ``base`` agree."""
    return Majority(Fraction(1, 2), base, strict=True)


def absolute_majority() -> Majority:
    """More than half of all members agree, however many take part."""
    return Majority(Fraction(1, 2), Base.MEMBERS, strict=True)


def supermajority(threshold: Fraction, base: Base = Base.AGREE_DISAGREE) -> Majority:
    """At least ``threshold`` of ``base`` agree (2/3, 3/4, 9/10 …)."""
    return Majority(threshold, base, strict=False)


@dataclass(frozen=True)
class QuorumCount:
    """At least ``people`` must take part."""

    people: int

    def __post_init__(self) -> None:
        _check_count(self.people, "a quorum", 1)

    def needed(self, size: int | None) -> int:
        return self.people

    def phrase(self, _: Translate = keep_english) -> str:
        if self.people == 1:
            return _("1 person")
        return _("{count} people").format(count=self.people)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "count", "people": self.people}


@dataclass(frozen=True)
class QuorumShare:
    """At least (``strict``: more than) ``share`` of a body must take part."""

    share: Fraction
    of: Body = Body.MEMBERS
    strict: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", check_share(self.share, "a quorum's share"))
        if self.strict and self.share == 1:
            raise RuleError("a quorum of more than everyone can never be reached")

    def needed(self, size: int | None) -> int:
        """The fewest people taking part that make the quorum, exactly."""
        if size is None:
            raise RuleError(f"this quorum needs to know the number of {self.of.value}")
        scaled = self.share * size
        if self.strict:
            return int(scaled) + 1
        return -((-scaled.numerator) // scaled.denominator)

    def phrase(self, _: Translate = keep_english) -> str:
        share = share_text(self.share, _)
        if self.strict:
            share = _("more than {share}").format(share=share)
        return _("{share} of {body}").format(share=share, body=_body_text(self.of, _))

    def to_dict(self) -> dict[str, Any]:
        share = f"{self.share.numerator}/{self.share.denominator}"
        return {"kind": "share", "share": share, "of": self.of.value, "strict": self.strict}


Quorum = QuorumCount | QuorumShare


@dataclass(frozen=True)
class Fallback:
    """Once a proposal has been blocked ``after_blocks`` times, ``rule`` decides it."""

    after_blocks: int
    rule: Stage

    def __post_init__(self) -> None:
        _check_count(self.after_blocks, "the number of blocks before a fallback", 1)

    def to_dict(self) -> dict[str, Any]:
        return {"after_blocks": self.after_blocks, "rule": self.rule.to_dict()}


@dataclass(frozen=True)
class DecisionRule:
    """A quorum and a chain of stages: the first, then each fallback in turn."""

    first: Stage
    fallbacks: tuple[Fallback, ...] = ()
    quorum: Quorum | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "fallbacks", tuple(self.fallbacks))
        thresholds = [f.after_blocks for f in self.fallbacks]
        if thresholds != sorted(set(thresholds)):
            raise RuleError("fallbacks must follow each other at rising numbers of blocks")
        for stage in self.stages[:-1]:
            if isinstance(stage, Majority):
                raise RuleError("a vote cannot be blocked, so no fallback can follow it")

    @property
    def stages(self) -> tuple[Stage, ...]:
        return (self.first, *(f.rule for f in self.fallbacks))

    def stage_for(self, blocks_so_far: int) -> int:
        """Which stage decides a proposal already blocked ``blocks_so_far`` times."""
        if blocks_so_far < 0:
            raise RuleError("a proposal cannot have been blocked a negative number of times")
        return sum(1 for f in self.fallbacks if f.after_blocks <= blocks_so_far)

    def describe(self, _: Translate = keep_english) -> str:
        """The rule as one plain sentence a facilitator can read out."""
        if not self.fallbacks:
            text = _("{rule} decides.").format(rule=capitalize(self.first.phrase(_)))
        else:
            later = [self._fallback_clause(f, _) for f in self.fallbacks]
            clauses = [capitalize(self.first.phrase(_)), *later]
            text = "; ".join(clauses) + "."
        if self.quorum is not None:
            text += " " + _("Quorum: {quorum}.").format(quorum=self.quorum.phrase(_))
        return text

    @staticmethod
    def _fallback_clause(fallback: Fallback, _: Translate = keep_english) -> str:
        text = _("if a proposal is blocked {times}, {rule} decides")
        return text.format(times=times_text(fallback.after_blocks, _), rule=fallback.rule.phrase(_))

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "first": self.first.to_dict(),
            "fallbacks": [f.to_dict() for f in self.fallbacks],
            "quorum": None if self.quorum is None else self.quorum.to_dict(),
        }
