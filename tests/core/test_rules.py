"""Applying decision rules: consensus, unanimity, votes, quorum and fallback chains."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moot.core.rules import (
    TEMPLATES,
    Base,
    Body,
    Consensus,
    DecisionRule,
    Fallback,
    Headcount,
    Majority,
    Outcome,
    QuorumCount,
    QuorumShare,
    RuleError,
    Tally,
    Unanimity,
    absolute_majority,
    decide,
    simple_majority,
    supermajority,
)

NINETY = Fraction(9, 10)
OCCUPY = TEMPLATES["occupy"]
counts = st.integers(min_value=0, max_value=400)
NOBODY_COUNTED = Headcount()


def blocks(n: int) -> tuple[str, ...]:
    return tuple(f"reason {i}" for i in range(n))


def vote(rule: Majority, tally: Tally, headcount: Headcount = NOBODY_COUNTED) -> Outcome:
    return decide(DecisionRule(rule), tally, headcount=headcount).outcome


# Consensus


def test_consensus_passes_when_no_block_stands_despite_disagreement() -> None:
    decision = decide(TEMPLATES["consensus"], Tally(agree=41, disagree=3, stand_aside=2))
    assert decision.outcome is Outcome.PASSED
    assert (
        decision.summary == "Passed by consensus: 41 agree, 3 disagree, 2 stand aside — no block."
    )


def test_a_single_block_stops_full_consensus_and_is_read_out_with_its_reason() -> None:
    tally = Tally(agree=100, block_reasons=("we never discussed the cost",))
    decision = decide(TEMPLATES["consensus"], tally)
    assert decision.outcome is Outcome.BLOCKED
    assert decision.summary == "Blocked: 100 agree, 1 block. Block: “we never discussed the cost”."


def test_consensus_fails_when_nobody_agrees() -> None:
    decision = decide(TEMPLATES["consensus"], Tally(disagree=2, stand_aside=5))
    assert decision.outcome is Outcome.FAILED
    assert decision.summary == "Failed: 2 disagree, 5 stand aside — nobody agrees."


def test_consensus_minus_one_lets_a_lone_block_stand_aside() -> None:
    rule = TEMPLATES["consensus-minus-one"]
    assert decide(rule, Tally(agree=9, block_reasons=blocks(1))).outcome is Outcome.PASSED
    assert decide(rule, Tally(agree=9, block_reasons=blocks(2))).outcome is Outcome.BLOCKED


@settings(max_examples=60, deadline=None)
@given(counts, counts, counts, counts, st.integers(0, 3))
def test_consensus_passes_exactly_when_no_block_stands_and_someone_agrees(
    agree: int, disagree: int, abstain: int, stand_aside: int, n_blocks: int
) -> None:
    tally = Tally(agree, disagree, abstain, stand_aside, blocks(n_blocks))
    passed = decide(TEMPLATES["consensus"], tally).passed
    assert passed == (n_blocks == 0 and agree > 0)


# Unanimity


def test_unanimity_passes_only_when_everyone_taking_part_agrees() -> None:
    rule = DecisionRule(Unanimity())
    assert decide(rule, Tally(agree=12)).summary == "Passed unanimously: 12 agree."
    assert decide(rule, Tally(agree=12, abstain=1)).outcome is Outcome.FAILED
    assert decide(rule, Tally(agree=12, stand_aside=1)).outcome is Outcome.FAILED
    assert decide(rule, Tally()).outcome is Outcome.FAILED


def test_a_block_under_unanimity_is_a_block() -> None:
    tally = Tally(agree=12, block_reasons=blocks(1))
    assert decide(DecisionRule(Unanimity()), tally).outcome is Outcome.BLOCKED


# Votes at their exact boundaries


def test_a_share_just_under_ninety_percent_fails_a_ninety_percent_vote() -> None:
    decision = decide(DecisionRule(supermajority(NINETY)), Tally(agree=8999, disagree=1001))
    assert decision.outcome is Outcome.FAILED
    assert decision.ratio == Fraction(8999, 10000)
    assert decision.summary == "Failed: 8999 agree, 1001 disagree — 89.99% < 90%"


def test_exactly_ninety_percent_passes_a_vote_of_at_least_ninety_percent() -> None:
    decision = decide(DecisionRule(supermajority(NINETY)), Tally(agree=9, disagree=1))
    assert decision.outcome is Outcome.PASSED
    assert decision.summary == "Passed: 9 agree, 1 disagree — 90% ≥ 90%"


def test_exactly_ninety_percent_fails_a_vote_of_more_than_ninety_percent() -> None:
    decision = decide(DecisionRule(Majority(NINETY, strict=True)), Tally(agree=9, disagree=1))
    assert decision.outcome is Outcome.FAILED
    assert decision.summary == "Failed: 9 agree, 1 disagree — 90% ≤ 90%"


def test_a_tiny_shortfall_is_shown_with_enough_decimals_to_be_true() -> None:
    tally = Tally(agree=8_999_999, disagree=1_000_001)
    summary = decide(DecisionRule(supermajority(NINETY)), tally).summary
    assert summary.endswith("— 89.99999% < 90%")


def test_exactly_two_thirds_passes_a_two_thirds_vote() -> None:
    decision = decide(TEMPLATES["two-thirds"], Tally(agree=20, disagree=10))
    assert decision.outcome is Outcome.PASSED
    assert decision.ratio == Fraction(2, 3)
    assert decision.summary == "Passed: 20 agree, 10 disagree — 20/30 ≥ 2/3"


def test_one_vote_short_of_two_thirds_fails() -> None:
    decision = decide(TEMPLATES["two-thirds"], Tally(agree=19, disagree=10))
    assert decision.outcome is Outcome.FAILED
    assert decision.summary == "Failed: 19 agree, 10 disagree — 19/29 < 2/3"


def test_a_tie_fails_a_simple_majority() -> None:
    decision = decide(TEMPLATES["simple-majority"], Tally(agree=10, disagree=10))
    assert decision.outcome is Outcome.FAILED
    assert decision.summary == "Failed: 10 agree, 10 disagree — 50% ≤ 50%"


def test_a_tie_passes_a_vote_of_at_least_half() -> None:
    assert vote(Majority(Fraction(1, 2)), Tally(agree=10, disagree=10)) is Outcome.PASSED


def test_a_vote_nobody_cast_for_or_against_fails() -> None:
    decision = decide(TEMPLATES["simple-majority"], Tally(abstain=3))
    assert decision.outcome is Outcome.FAILED
    assert decision.ratio is None
    assert decision.summary == "Failed: 3 abstain — no votes to count."


def test_stand_asides_and_abstentions_do_not_count_in_a_vote_of_those_agreeing_or_disagreeing() -> (
    None
):
    tally = Tally(agree=41, disagree=3, abstain=30, stand_aside=20)
    decision = decide(OCCUPY, tally, blocks_so_far=2)
    assert decision.ratio == Fraction(41, 44)
    assert decision.passed


def test_stand_asides_count_against_when_the_base_includes_them() -> None:
    tally = Tally(agree=45, disagree=3, stand_aside=2)
    assert vote(supermajority(NINETY, Base.WITH_STAND_ASIDES), tally) is Outcome.PASSED
    tally = Tally(agree=45, disagree=3, stand_aside=3)
    assert vote(supermajority(NINETY, Base.WITH_STAND_ASIDES), tally) is Outcome.FAILED


def test_abstentions_count_against_when_the_base_includes_them() -> None:
    tally = Tally(agree=9, disagree=1, abstain=1, stand_aside=50)
    assert vote(supermajority(NINETY, Base.WITH_ABSTENTIONS), tally) is Outcome.FAILED
    assert vote(supermajority(NINETY, Base.AGREE_DISAGREE), tally) is Outcome.PASSED


def test_a_vote_of_everyone_taking_part_counts_every_position() -> None:
    tally = Tally(agree=6, disagree=1, abstain=1, stand_aside=1)
    decision = decide(DecisionRule(supermajority(Fraction(2, 3), Base.TAKING_PART)), tally)
    assert decision.base == 9
    assert decision.passed


def test_a_block_in_a_vote_counts_against() -> None:
    tally = Tally(agree=9, block_reasons=blocks(1))
    decision = decide(OCCUPY, tally, blocks_so_far=2)
    assert decision.outcome is Outcome.PASSED
    assert decision.base == 10


def test_an_absolute_majority_counts_all_members_not_only_those_voting() -> None:
    rule = DecisionRule(absolute_majority())
    members = Headcount(members=50)
    assert decide(rule, Tally(agree=25, disagree=1), headcount=members).outcome is Outcome.FAILED
    decision = decide(rule, Tally(agree=26, disagree=10), headcount=members)
    assert decision.summary == "Passed: 26 agree, 10 disagree (of 50 members) — 52% > 50%"


def test_a_vote_of_everyone_present_counts_those_who_did_not_vote() -> None:
    rule = supermajority(Fraction(2, 3), Base.PRESENT)
    assert vote(rule, Tally(agree=20), Headcount(present=31)) is Outcome.FAILED
    assert vote(rule, Tally(agree=20), Headcount(present=30)) is Outcome.PASSED


def test_a_vote_of_the_electorate_needs_its_size() -> None:
    rule = Majority(Fraction(1, 2), Base.ELECTORATE, strict=True)
    with pytest.raises(RuleError, match="number of electorate"):
        vote(rule, Tally(agree=20))
    assert vote(rule, Tally(agree=20), Headcount(electorate=39)) is Outcome.PASSED


def test_more_agreeing_than_members_is_refused() -> None:
    with pytest.raises(RuleError, match="more people agree"):
        vote(absolute_majority(), Tally(agree=60), Headcount(members=50))


@settings(max_examples=100, deadline=None)
@given(
    counts,
    counts,
    st.integers(1, 30).flatmap(lambda q: st.tuples(st.integers(1, q), st.just(q))),
    st.booleans(),
)
def test_a_vote_passes_exactly_when_the_integer_inequality_holds(
    agree: int, disagree: int, share: tuple[int, int], strict: bool
) -> None:
    p, q = share
    if strict and p == q:
        return
    rule = Majority(Fraction(p, q), Base.AGREE_DISAGREE, strict)
    base = agree + disagree
    expected = base > 0 and (agree * q > p * base if strict else agree * q >= p * base)
    assert (vote(rule, Tally(agree=agree, disagree=disagree)) is Outcome.PASSED) == expected


@settings(max_examples=60, deadline=None)
@given(counts, counts)
def test_a_summary_never_shows_a_failing_share_as_reaching_the_threshold(
    agree: int, disagree: int
) -> None:
    decision = decide(DecisionRule(supermajority(NINETY)), Tally(agree=agree, disagree=disagree))
    if decision.ratio is not None and not decision.passed:
        shown = decision.summary.split("— ")[1].split("%")[0]
        assert Fraction(shown) < 90


# Quorum


def test_too_few_taking_part_is_no_quorum_even_without_a_block() -> None:
    rule = DecisionRule(Consensus(), quorum=QuorumCount(100))
    decision = decide(rule, Tally(agree=99))
    assert decision.outcome is Outcome.NO_QUORUM
    assert decision.quorum_needed == 100
    assert decision.summary == "No quorum: 99 took part, 100 needed."
    assert decide(rule, Tally(agree=99, abstain=1)).passed


def test_a_quorum_of_half_the_members_needs_half_rounded_up() -> None:
    rule = DecisionRule(Consensus(), quorum=QuorumShare(Fraction(1, 2), Body.MEMBERS))
    members = Headcount(members=151)
    assert decide(rule, Tally(agree=75), headcount=members).outcome is Outcome.NO_QUORUM
    assert decide(rule, Tally(agree=76), headcount=members).passed


def test_a_quorum_of_more_than_half_needs_one_past_half() -> None:
    rule = DecisionRule(Consensus(), quorum=QuorumShare(Fraction(1, 2), strict=True))
    members = Headcount(members=150)
    assert decide(rule, Tally(agree=75), headcount=members).outcome is Outcome.NO_QUORUM
    assert decide(rule, Tally(agree=76), headcount=members).passed


def test_a_quorum_of_those_present_counts_stand_asides_and_abstentions_as_taking_part() -> None:
    rule = DecisionRule(Consensus(), quorum=QuorumShare(Fraction(2, 3), Body.PRESENT))
    present = Headcount(present=30)
    tally = Tally(agree=10, abstain=5, stand_aside=4)
    assert decide(rule, tally, headcount=present).outcome is Outcome.NO_QUORUM
    assert decide(rule, Tally(agree=10, abstain=5, stand_aside=5), headcount=present).passed


def test_a_quorum_of_the_electorate_is_checked_before_a_block() -> None:
    rule = DecisionRule(Consensus(), quorum=QuorumShare(Fraction(1, 4), Body.ELECTORATE))
    tally = Tally(agree=10, block_reasons=blocks(1))
    decision = decide(rule, tally, headcount=Headcount(electorate=1000))
    assert decision.outcome is Outcome.NO_QUORUM
    assert not decision.moves_to_fallback


def test_a_quorum_share_without_the_body_size_is_refused() -> None:
    rule = DecisionRule(Consensus(), quorum=QuorumShare(Fraction(1, 2)))
    with pytest.raises(RuleError, match="number of members"):
        decide(rule, Tally(agree=10))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 500), st.integers(0, 500), st.integers(1, 12), st.booleans())
def test_a_quorum_share_is_met_exactly_at_the_fraction(
    size: int, taking_part: int, q: int, strict: bool
) -> None:
    share = Fraction(1, q) if not strict or q > 1 else Fraction(1, 2)
    needed = QuorumShare(share, Body.PRESENT, strict).needed(size)
    met = taking_part * share.denominator
    goal = share.numerator * size
    assert (taking_part >= needed) == (met > goal if strict else met >= goal)


# Fallback chains


def test_a_first_block_keeps_the_proposal_under_consensus() -> None:
    decision = decide(OCCUPY, Tally(agree=80, block_reasons=("too soon",)), blocks_so_far=0)
    assert decision.outcome is Outcome.BLOCKED
    assert (decision.stage, decision.next_stage, decision.blocks) == (0, 0, 1)
    assert not decision.moves_to_fallback
    assert decision.summary == (
        "Blocked: 80 agree, 1 block. Block: “too soon”. If it is blocked once more, "
        "a 90% vote of those agreeing or disagreeing decides."
    )


def test_a_second_block_triggers_the_ninety_percent_vote() -> None:
    tally = Tally(agree=80, block_reasons=("no permit money",))
    decision = decide(OCCUPY, tally, blocks_so_far=1)
    assert decision.outcome is Outcome.BLOCKED
    assert decision.moves_to_fallback
    assert decision.next_stage == 1
    assert decision.summary == (
        "Blocked: 80 agree, 1 block. Block: “no permit money”. "
        "Next time, a 90% vote of those agreeing or disagreeing decides."
    )


def test_after_two_blocks_ninety_percent_of_those_agreeing_or_disagreeing_decides() -> None:
    decision = decide(OCCUPY, Tally(agree=41, disagree=3, stand_aside=2), blocks_so_far=2)
    assert decision.stage == 1
    assert decision.rule == supermajority(NINETY)
    assert decision.summary == "Passed: 41 agree, 3 disagree, 2 stand aside — 93% ≥ 90%"


def test_after_two_blocks_eighty_nine_percent_fails_the_fallback_vote() -> None:
    decision = decide(OCCUPY, Tally(agree=89, disagree=11), blocks_so_far=2)
    assert decision.outcome is Outcome.FAILED
    assert decision.next_stage == 1


def test_a_chain_of_two_fallbacks_moves_through_each_in_turn() -> None:
    rule = DecisionRule(
        Consensus(),
        (Fallback(1, Consensus(blocks_to_stop=2)), Fallback(3, supermajority(Fraction(3, 4)))),
    )
    assert [rule.stage_for(n) for n in range(5)] == [0, 1, 1, 2, 2]
    one_block = Tally(agree=10, block_reasons=blocks(1))
    assert decide(rule, one_block, blocks_so_far=0).moves_to_fallback
    assert decide(rule, one_block, blocks_so_far=1).passed
    two_blocks = Tally(agree=10, block_reasons=blocks(2))
    assert decide(rule, two_blocks, blocks_so_far=2).next_stage == 2


def test_a_negative_number_of_earlier_blocks_is_refused() -> None:
    with pytest.raises(RuleError, match="negative"):
        decide(OCCUPY, Tally(agree=1), blocks_so_far=-1)


def test_a_fallback_after_a_vote_is_refused_because_a_vote_cannot_be_blocked() -> None:
    with pytest.raises(RuleError, match="cannot be blocked"):
        DecisionRule(simple_majority(), (Fallback(1, Consensus()),))


def test_fallbacks_must_come_at_rising_numbers_of_blocks() -> None:
    with pytest.raises(RuleError, match="rising"):
        DecisionRule(Consensus(), (Fallback(2, Consensus(2)), Fallback(2, Unanimity())))


def test_a_decision_serializes_its_ratio_exactly() -> None:
    data = decide(TEMPLATES["two-thirds"], Tally(agree=20, disagree=10)).to_dict()
    assert data["ratio"] == "2/3"
    assert data["outcome"] == "passed"
    assert (data["moves_to_fallback"], data["blocks"]) == (False, 0)
    assert data["rule"] == {
        "kind": "majority",
        "threshold": "2/3",
        "base": "agree_disagree",
        "strict": False,
    }


def test_a_summary_can_be_translated() -> None:
    spanish = {
        "Passed by consensus: {counts} — no block.": "Aprobado por consenso: {counts}.",
        "{count} agree": "{count} a favor",
    }
    decision = decide(TEMPLATES["consensus"], Tally(agree=3), gettext=lambda s: spanish.get(s, s))
    assert decision.summary == "Aprobado por consenso: 3 a favor."
