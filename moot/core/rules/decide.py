"""Applying a group's decision rule to a tally.

First the quorum: if fewer people took part than the quorum needs, nothing is decided.
Then the stage the chain names for a proposal blocked so many times before decides:
consensus passes when no block stands and someone agrees; unanimity passes when everyone
taking part agrees; a vote passes when agree ÷ base reaches its threshold, compared as
whole numbers so no rounding can tip it. Under a vote, a block counts against. The
decision tells the caller which stage applied, the exact ratio, whether the next attempt
moves to a fallback, and a summary a facilitator can read out.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from moot.core.rules.kinds import (
    Base,
    Consensus,
    DecisionRule,
    Majority,
    QuorumShare,
    RuleError,
    Stage,
    Unanimity,
)
from moot.core.rules.outcome import NO_HEADCOUNT, Decision, Headcount, Outcome
from moot.core.rules.summary import summarize
from moot.core.rules.votes import Tally
from moot.core.rules.wording import Translate, keep_english


def decide(
    rule: DecisionRule,
    tally: Tally,
    *,
    blocks_so_far: int = 0,
    headcount: Headcount = NO_HEADCOUNT,
    gettext: Translate = keep_english,
) -> Decision:
    """Apply ``rule`` to ``tally`` for a proposal already blocked ``blocks_so_far`` times."""
    stage = rule.stage_for(blocks_so_far)
    needed = quorum_needed(rule, headcount)
    if needed is not None and tally.taking_part < needed:
        no_quorum = Outcome.NO_QUORUM
        decision = Decision(no_quorum, stage, rule.stages[stage], tally, stage, blocks_so_far)
        return _with_summary(decision, rule, needed, gettext)
    outcome, ratio, base = judge(rule.stages[stage], tally, headcount)
    blocks = blocks_so_far + (1 if outcome is Outcome.BLOCKED else 0)
    next_stage = rule.stage_for(blocks)
    decision = Decision(outcome, stage, rule.stages[stage], tally, next_stage, blocks, ratio, base)
    return _with_summary(decision, rule, needed, gettext)


def _with_summary(
    decision: Decision, rule: DecisionRule, needed: int | None, gettext: Translate
) -> Decision:
    text = summarize(decision, rule, needed, gettext)
    return replace(decision, quorum_needed=needed, summary=text)


def quorum_needed(rule: DecisionRule, headcount: Headcount) -> int | None:
    """The fewest people who must take part, or None when the rule has no quorum."""
    if rule.quorum is None:
        return None
    if isinstance(rule.quorum, QuorumShare):
        return rule.quorum.needed(headcount.size(rule.quorum.of))
    return rule.quorum.needed(None)


def judge(
    stage: Stage, tally: Tally, headcount: Headcount
) -> tuple[Outcome, Fraction | None, int | None]:
    """The outcome of one stage, with the ratio and base size when it is a vote."""
    if isinstance(stage, Consensus):
        return _judge_consensus(stage, tally), None, None
    if isinstance(stage, Unanimity):
        return _judge_unanimity(tally), None, None
    return _judge_vote(stage, tally, headcount)


def _judge_consensus(stage: Consensus, tally: Tally) -> Outcome:
    if tally.blocks >= stage.blocks_to_stop:
        return Outcome.BLOCKED
    return Outcome.PASSED if tally.agree > 0 else Outcome.FAILED


def _judge_unanimity(tally: Tally) -> Outcome:
    if tally.blocks:
        return Outcome.BLOCKED
    everyone = tally.agree > 0 and tally.agree == tally.taking_part
    return Outcome.PASSED if everyone else Outcome.FAILED


def _judge_vote(
    stage: Majority, tally: Tally, headcount: Headcount
) -> tuple[Outcome, Fraction | None, int | None]:
    base = base_size(stage.base, tally, headcount)
    if base == 0:
        return Outcome.FAILED, None, 0
    outcome = Outcome.PASSED if stage.passes(tally.agree, base) else Outcome.FAILED
    return outcome, Fraction(tally.agree, base), base


def base_size(base: Base, tally: Tally, headcount: Headcount) -> int:
    """How many people a vote's share is taken of; blocks count as votes against."""
    for_and_against = tally.agree + tally.disagree + tally.blocks
    sizes: dict[Base, int | None] = {
        Base.AGREE_DISAGREE: for_and_against,
        Base.WITH_STAND_ASIDES: for_and_against + tally.stand_aside,
        Base.WITH_ABSTENTIONS: for_and_against + tally.abstain,
        Base.TAKING_PART: tally.taking_part,
        Base.PRESENT: headcount.present,
        Base.MEMBERS: headcount.members,
        Base.ELECTORATE: headcount.electorate,
    }
    size = sizes[base]
    if size is None:
        raise RuleError(f"this rule needs to know the number of {base.value}")
    if size < tally.agree:
        raise RuleError(f"more people agree ({tally.agree}) than the {base.value} ({size})")
    return size
