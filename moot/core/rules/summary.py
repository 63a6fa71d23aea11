"""The sentence a facilitator reads out when a decision is made.

It names the outcome, the counts of every position taken, and why: the exact
comparison for a vote ("93% ≥ 90%"), the blocks and their reasons, the quorum that was
missed, and which rule decides the next attempt when a block moves it to a fallback.
"""

from __future__ import annotations

from moot.core.rules.kinds import Base, Consensus, DecisionRule, Majority, Unanimity
from moot.core.rules.outcome import Decision, Outcome
from moot.core.rules.votes import Position, Tally
from moot.core.rules.wording import (
    Translate,
    is_whole_percent,
    percent_text,
    ratio_percent_text,
    times_text,
)


def _external_bases(_: Translate) -> dict[Base, str]:
    # Written out so the translation tools find each word.
    return {
        Base.PRESENT: _("present"),
        Base.MEMBERS: _("members"),
        Base.ELECTORATE: _("electorate"),
    }


def summarize(decision: Decision, rule: DecisionRule, needed: int | None, _: Translate) -> str:
    """One plain sentence (or two) saying what was decided and why."""
    if decision.outcome is Outcome.NO_QUORUM:
        text = _("No quorum: {count} took part, {needed} needed.")
        return text.format(count=decision.tally.taking_part, needed=needed)
    if decision.outcome is Outcome.BLOCKED:
        return _summarize_block(decision, _) + _what_comes_next(decision, rule, _)
    stage = decision.rule
    if isinstance(stage, Majority):
        return _summarize_vote(decision, stage, _)
    if isinstance(stage, Unanimity):
        return _summarize_unanimity(decision, _)
    return _summarize_consensus(decision, stage, _)


def counts_text(tally: Tally, _: Translate) -> str:
    """ "41 agree, 3 disagree, 2 stand aside": every position someone took."""
    words = {
        Position.AGREE: _("{count} agree"),
        Position.DISAGREE: _("{count} disagree"),
        Position.ABSTAIN: _("{count} abstain"),
        Position.STAND_ASIDE: _("{count} stand aside"),
        Position.BLOCK: _("{count} block") if tally.blocks == 1 else _("{count} blocks"),
    }
    parts = [words[p].format(count=tally.count(p)) for p in Position if tally.count(p)]
    return ", ".join(parts) if parts else _("nobody took part")


def _summarize_block(decision: Decision, _: Translate) -> str:
    reasons = "; ".join(f"“{r}”" for r in decision.tally.block_reasons)
    label = _("Block") if decision.tally.blocks == 1 else _("Blocks")
    return _("Blocked: {counts}. {label}: {reasons}.").format(
        counts=counts_text(decision.tally, _), label=label, reasons=reasons
    )


def _what_comes_next(decision: Decision, rule: DecisionRule, _: Translate) -> str:
    """ "Next time, a 90% vote … decides." or "If it is blocked once more, …"."""
    if decision.moves_to_fallback:
        next_rule = rule.stages[decision.next_stage]
        return " " + _("Next time, {rule} decides.").format(rule=next_rule.phrase(_))
    later = [f for f in rule.fallbacks if f.after_blocks > decision.blocks]
    if not later:
        return ""
    more = times_text(later[0].after_blocks - decision.blocks, _)
    text = _("If it is blocked {times} more, {rule} decides.")
    return " " + text.format(times=more, rule=later[0].rule.phrase(_))


def _summarize_consensus(decision: Decision, rule: Consensus, _: Translate) -> str:
    counts = counts_text(decision.tally, _)
    if not decision.passed:
        return _("Failed: {counts} — nobody agrees.").format(counts=counts)
    if not decision.tally.blocks:
        return _("Passed by consensus: {counts} — no block.").format(counts=counts)
    text = _("Passed by consensus: {counts} — {needed} blocks needed to stop it.")
    return text.format(counts=counts, needed=rule.blocks_to_stop)


def _summarize_unanimity(decision: Decision, _: Translate) -> str:
    counts = counts_text(decision.tally, _)
    if decision.passed:
        return _("Passed unanimously: {counts}.").format(counts=counts)
    return _("Failed: {counts} — not unanimous.").format(counts=counts)


def _summarize_vote(decision: Decision, rule: Majority, _: Translate) -> str:
    label = _("Passed") if decision.passed else _("Failed")
    counts = counts_text(decision.tally, _)
    bodies = _external_bases(_)
    if rule.base in bodies:
        of = _("of {count} {body}").format(count=decision.base, body=bodies[rule.base])
        counts = f"{counts} ({of})"
    if decision.ratio is None:
        return _("{label}: {counts} — no votes to count.").format(label=label, counts=counts)
    comparison = comparison_text(decision, rule)
    return f"{label}: {counts} — {comparison}"


def comparison_text(decision: Decision, rule: Majority) -> str:
    """ "93% ≥ 90%", "89.99% < 90%", "20/30 ≥ 2/3": exact, never rounded across the line."""
    ratio, threshold = decision.ratio, rule.threshold
    assert ratio is not None
    sign = {(True, True): ">", (True, False): "≥", (False, True): "≤", (False, False): "<"}
    op = sign[(decision.passed, rule.strict)]
    if is_whole_percent(threshold):
        return f"{ratio_percent_text(ratio, threshold)} {op} {percent_text(threshold)}"
    fraction = f"{threshold.numerator}/{threshold.denominator}"
    return f"{decision.tally.agree}/{decision.base} {op} {fraction}"
