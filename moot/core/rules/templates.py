"""Decision rules a group can adopt by name and then amend as its own.

"occupy" is the general assembly's rule: full consensus; if a proposal is blocked
twice, a 90% vote of those agreeing or disagreeing decides.
"""

from __future__ import annotations

from fractions import Fraction

from moot.core.rules.kinds import (
    Consensus,
    DecisionRule,
    Fallback,
    RuleError,
    Unanimity,
    absolute_majority,
    simple_majority,
    supermajority,
)

TEMPLATES: dict[str, DecisionRule] = {
    "occupy": DecisionRule(Consensus(), fallbacks=(Fallback(2, supermajority(Fraction(9, 10))),)),
    "consensus": DecisionRule(Consensus()),
    "consensus-minus-one": DecisionRule(Consensus(blocks_to_stop=2)),
    "unanimity": DecisionRule(Unanimity()),
    "simple-majority": DecisionRule(simple_majority()),
    "absolute-majority": DecisionRule(absolute_majority()),
    "two-thirds": DecisionRule(supermajority(Fraction(2, 3))),
    "three-quarters": DecisionRule(supermajority(Fraction(3, 4))),
}


def template(name: str) -> DecisionRule:
    """The named template, or ``RuleError`` listing the names there are."""
    if name not in TEMPLATES:
        raise RuleError(f"no rule template called {name!r}; known: {', '.join(TEMPLATES)}")
    return TEMPLATES[name]
