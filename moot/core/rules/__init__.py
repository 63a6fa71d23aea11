"""Decision rules: how a group's positions on a proposal become a decision.

People agree, disagree, abstain, stand aside or block (a block gives its reason). A
group's rule is a quorum and a chain of stages — full consensus, unanimity, or a vote
whose agreeing share of a stated base must reach an exact threshold — where a fallback
takes over once a proposal has been blocked often enough. ``decide`` applies a rule to
a tally; rules are data (``to_dict`` / ``rule_from_dict``) and read as plain sentences
(``describe``).

    >>> rule = TEMPLATES["occupy"]
    >>> rule.describe()[:48]
    'Full consensus; if a proposal is blocked twice, '
    >>> decide(rule, Tally(agree=41, disagree=3, stand_aside=2), blocks_so_far=2).summary
    'Passed: 41 agree, 3 disagree, 2 stand aside — 93% ≥ 90%'
"""

from moot.core.rules.decide import base_size, decide, judge, quorum_needed
from moot.core.rules.kinds import (
    Base,
    Body,
    Consensus,
    DecisionRule,
    Fallback,
    Majority,
    Quorum,
    QuorumCount,
    QuorumShare,
    RuleError,
    Stage,
    Unanimity,
    absolute_majority,
    simple_majority,
    supermajority,
)
from moot.core.rules.outcome import Decision, Headcount, Outcome
from moot.core.rules.serial import quorum_from_dict, rule_from_dict, stage_from_dict
from moot.core.rules.templates import TEMPLATES, template
from moot.core.rules.votes import InvalidVote, Position, Tally, Vote
from moot.core.rules.wording import Translate

__all__ = [
    "TEMPLATES",
    "Base",
    "Body",
    "Consensus",
    "Decision",
    "DecisionRule",
    "Fallback",
    "Headcount",
    "InvalidVote",
    "Majority",
    "Outcome",
    "Position",
    "Quorum",
    "QuorumCount",
    "QuorumShare",
    "RuleError",
    "Stage",
    "Tally",
    "Translate",
    "Unanimity",
    "Vote",
    "absolute_majority",
    "base_size",
    "decide",
    "judge",
    "quorum_from_dict",
    "quorum_needed",
    "rule_from_dict",
    "simple_majority",
    "stage_from_dict",
    "supermajority",
    "template",
]
