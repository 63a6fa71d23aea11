"""Rules as data a group stores and amends, and as sentences it reads."""

from fractions import Fraction
from typing import Any

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
    Majority,
    QuorumCount,
    QuorumShare,
    RuleError,
    Stage,
    Unanimity,
    rule_from_dict,
    template,
)

shares = st.integers(1, 20).flatmap(lambda q: st.integers(1, q).map(lambda p: Fraction(p, q)))
majorities = st.builds(
    Majority, shares.filter(lambda f: f < 1), st.sampled_from(Base), st.booleans()
) | st.builds(Majority, st.just(Fraction(1)), st.sampled_from(Base), st.just(False))
blockables = st.builds(Consensus, st.integers(1, 5)) | st.just(Unanimity())
quorums = (
    st.none()
    | st.builds(QuorumCount, st.integers(1, 500))
    | st.builds(QuorumShare, shares.filter(lambda f: f < 1), st.sampled_from(Body), st.booleans())
)


@st.composite
def rules(draw: st.DrawFn) -> DecisionRule:
    middle: list[Stage] = draw(st.lists(blockables, max_size=2))
    last: Stage = draw(blockables | majorities)
    stages = [*middle, last]
    steps = sorted(draw(st.sets(st.integers(1, 6), min_size=len(stages), max_size=len(stages))))
    fallbacks = tuple(Fallback(n, s) for n, s in zip(steps[1:], stages[1:], strict=True))
    return DecisionRule(stages[0], fallbacks, draw(quorums))


OCCUPY_DICT: dict[str, Any] = {
    "version": 1,
    "first": {"kind": "consensus", "blocks_to_stop": 1},
    "fallbacks": [
        {
            "after_blocks": 2,
            "rule": {
                "kind": "majority",
                "threshold": "9/10",
                "base": "agree_disagree",
                "strict": False,
            },
        }
    ],
    "quorum": None,
}


def test_the_occupy_rule_is_stored_with_its_threshold_as_an_exact_fraction() -> None:
    assert TEMPLATES["occupy"].to_dict() == OCCUPY_DICT


@settings(max_examples=80, deadline=None)
@given(rules())
def test_every_rule_reads_back_as_itself(rule: DecisionRule) -> None:
    assert rule_from_dict(rule.to_dict()) == rule


@settings(max_examples=40, deadline=None)
@given(rules())
def test_every_rule_renders_as_one_sentence(rule: DecisionRule) -> None:
    text = rule.describe()
    assert text[0].isupper()
    assert text.endswith(".")
    assert "{" not in text


def test_a_stored_rule_may_leave_out_defaults() -> None:
    data = {"first": {"kind": "majority", "threshold": "2/3"}}
    assert rule_from_dict(data) == TEMPLATES["two-thirds"]


def test_a_threshold_may_be_written_as_an_exact_decimal_string() -> None:
    data = {"first": {"kind": "majority", "threshold": "0.9"}}
    assert rule_from_dict(data).first == Majority(Fraction(9, 10))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first": {"kind": "majority", "threshold": 0.9}}, 'exact fraction such as "9/10"'),
        ({"first": {"kind": "majority", "threshold": "3/2"}}, "more than 0 and at most 1"),
        ({"first": {"kind": "majority", "threshold": "0"}}, "more than 0 and at most 1"),
        ({"first": {"kind": "majority", "threshold": "-1/2"}}, "more than 0 and at most 1"),
        ({"first": {"kind": "majority", "threshold": "1/0"}}, 'written like "9/10"'),
        ({"first": {"kind": "majority", "threshold": "most"}}, 'written like "9/10"'),
        ({"first": {"kind": "majority", "threshold": True}}, "exact fraction"),
        ({"first": {"kind": "majority"}}, "a vote needs threshold"),
        ({"first": {"kind": "majority", "threshold": "1", "strict": True}}, "more than 100%"),
        ({"first": {"kind": "majority", "threshold": "1/2", "strict": "yes"}}, "true or false"),
        ({"first": {"kind": "majority", "threshold": "1/2", "base": "cats"}}, "unknown base"),
        ({"first": {"kind": "sortition"}}, "unknown kind of stage 'sortition'"),
        ({"first": {"threshold": "1/2"}}, "must be an object with a kind"),
        ({"first": {"kind": "consensus", "blocks_to_stop": 0}}, "at least 1"),
        ({"first": {"kind": "consensus", "blocks_to_stop": -2}}, "at least 1"),
        ({"first": {"kind": "consensus", "blocks_to_stop": 1.5}}, "whole number"),
        ({"first": {"kind": "consensus", "colour": "red"}}, "unknown fields: colour"),
        ({"first": {"kind": "unanimity", "threshold": "1"}}, "unknown fields: threshold"),
        ({}, "needs a first stage"),
        ([], "must be an object"),
        ({"version": 2, "first": {"kind": "consensus"}}, "unknown rule version"),
        ({"first": {"kind": "consensus"}, "fallbacks": {}}, "fallbacks must be a list"),
        ({"first": {"kind": "consensus"}, "fallbacks": [{"rule": {}}]}, "needs after_blocks"),
        (
            {
                "first": {"kind": "consensus"},
                "fallbacks": [{"after_blocks": 0, "rule": {"kind": "unanimity"}}],
            },
            "at least 1",
        ),
        ({"first": {"kind": "consensus"}, "quorum": {"kind": "count", "people": -5}}, "at least 1"),
        ({"first": {"kind": "consensus"}, "quorum": {"kind": "share"}}, "needs share"),
        (
            {
                "first": {"kind": "consensus"},
                "quorum": {"kind": "share", "share": "1/2", "of": "cats"},
            },
            "unknown body",
        ),
        ({"first": {"kind": "consensus"}, "quorum": {"kind": "most"}}, "unknown kind of quorum"),
    ],
)
def test_an_invalid_stored_rule_is_refused_with_a_reason(data: object, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        rule_from_dict(data)


def test_the_occupy_rule_reads_as_the_assembly_adopted_it() -> None:
    rule = DecisionRule(
        Consensus(),
        (Fallback(2, Majority(Fraction(9, 10))),),
        QuorumShare(Fraction(1, 2), Body.MEMBERS),
    )
    assert rule.describe() == (
        "Full consensus; if a proposal is blocked twice, a 90% vote of those agreeing or "
        "disagreeing decides. Quorum: half of the members."
    )


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("consensus", "Full consensus decides."),
        (
            "consensus-minus-one",
            "Consensus minus one (it takes 2 blocks to stop a proposal) decides.",
        ),
        ("unanimity", "Unanimity (everyone taking part agrees) decides."),
        ("simple-majority", "A simple majority of those agreeing or disagreeing decides."),
        ("absolute-majority", "An absolute majority of all members decides."),
        ("two-thirds", "A two-thirds vote of those agreeing or disagreeing decides."),
        ("three-quarters", "A three-quarters vote of those agreeing or disagreeing decides."),
    ],
)
def test_each_template_reads_as_a_plain_sentence(name: str, sentence: str) -> None:
    assert template(name).describe() == sentence


def test_unusual_thresholds_and_quorums_read_exactly() -> None:
    rule = DecisionRule(
        Majority(Fraction(5, 7), Base.PRESENT),
        quorum=QuorumShare(Fraction(2, 3), Body.PRESENT, strict=True),
    )
    assert rule.describe() == (
        "A vote of at least 5/7 of everyone present decides. "
        "Quorum: more than two thirds of those present."
    )
    rule = DecisionRule(
        Majority(Fraction(3, 5), Base.TAKING_PART, strict=True), quorum=QuorumCount(100)
    )
    assert (
        rule.describe()
        == "A vote of more than 60% of everyone taking part decides. Quorum: 100 people."
    )


def test_a_chain_of_fallbacks_reads_in_order() -> None:
    rule = DecisionRule(Consensus(), (Fallback(1, Consensus(3)), Fallback(3, Unanimity())))
    assert rule.describe() == (
        "Full consensus; if a proposal is blocked once, consensus minus 2 (it takes 3 blocks "
        "to stop a proposal) decides; if a proposal is blocked 3 times, unanimity (everyone "
        "taking part agrees) decides."
    )


def test_an_unknown_template_names_the_ones_there_are() -> None:
    with pytest.raises(RuleError, match="known: occupy, consensus"):
        template("sortition")


def test_a_float_threshold_is_refused_in_code_too() -> None:
    with pytest.raises(RuleError, match="exact fraction"):
        Majority(0.9)  # type: ignore[arg-type]
