"""Opening and closing rounds: each test for consensus or vote is a numbered round.

A proposal decided by positions is tallied under the rule copied onto it, by the stage
its blocks so far call for (``moot.core.rules.decide``): passed or failed ends it; a
block counts towards the fallback and, in a meeting, sends the proposal back to
discussion for the next round. Polls and elections are counted once by their method.
A secret ballot with fewer than three voters decides nothing and shows nothing: its
result would tell how each of them voted.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.core.results import ElectionResult
from moot.core.rules import Decision, Position, RuleError, decide
from moot.core.rules import Outcome as CoreOutcome
from moot.decisions.actions.common import check_open, headcount, lock, open_round, publish, rule_of
from moot.decisions.changes import ChangeError, apply_change
from moot.decisions.choices import Weighted, count_choices, tally_positions
from moot.decisions.models import Kind, Mode, Outcome, Phase, Proposal, Round, Status
from moot.groups.errors import ActionError
from moot.groups.trail import note_change

SECRET_MINIMUM = 3
CORE_OUTCOMES = {
    CoreOutcome.PASSED: Outcome.PASSED,
    CoreOutcome.FAILED: Outcome.FAILED,
    CoreOutcome.BLOCKED: Outcome.BLOCKED,
    CoreOutcome.NO_QUORUM: Outcome.NO_QUORUM,
}
Counted = Decision | ElectionResult | None


@transaction.atomic
def do_open_round(proposal: Proposal) -> Round:
    """Open the next test for consensus (or the fallback vote, when the rule says so)."""
    lock(proposal)
    check_open(proposal)
    return start_round(proposal)


def start_round(proposal: Proposal) -> Round:
    if open_round(proposal) is not None:
        raise ActionError(_("A round is already open."), 409)
    stage = 0
    if proposal.kind == Kind.PROPOSAL:
        stage = rule_of(proposal).stage_for(proposal.blocks_so_far)
    last = proposal.rounds.aggregate(last=Max("number"))["last"] or 0
    created = Round.objects.create(proposal=proposal, number=last + 1, stage=stage)
    proposal.phase = _voting_phase(proposal, stage)
    proposal.save(update_fields=["phase"])
    publish(
        proposal,
        "decision.round_opened",
        {"round": created.number, "stage": stage, "phase": proposal.phase},
    )
    return created


def _voting_phase(proposal: Proposal, stage: int) -> Phase:
    if proposal.kind != Kind.PROPOSAL or proposal.mode == Mode.ASYNC:
        return Phase.VOTING
    return Phase.TESTING if stage == 0 else Phase.FALLBACK


@transaction.atomic
def do_close_round(proposal: Proposal, *, present: int | None = None) -> Counted:
    """Tally the open round and record its outcome.

    Returns the core ``Decision`` (positions) or ``ElectionResult`` (polls, elections),
    or None when a secret result is withheld or nobody voted in a poll. ``present`` is
    the number of people in the meeting, for rules that count them.
    """
    lock(proposal)
    check_open(proposal)
    if open_round(proposal) is None:
        raise ActionError(_("No round is open."), 409)
    return close_open_round(proposal, present, final=proposal.mode == Mode.ASYNC)


def close_open_round(proposal: Proposal, present: int | None, *, final: bool) -> Counted:
    current = open_round(proposal)
    assert current is not None
    weighted = list(_weighted(proposal, current))
    if proposal.secret and 0 < current.ballots < SECRET_MINIMUM:
        _record(current, Outcome.WITHHELD, _withheld_text(), None)
        _after_round(proposal, current, final=final)
        return None
    if proposal.kind == Kind.PROPOSAL:
        return _close_positions(proposal, current, weighted, present, final=final)
    return _close_choices(proposal, current, weighted)


def _weighted(proposal: Proposal, current: Round) -> Weighted:
    if proposal.secret:
        return [(c.choice, c.count) for c in current.secret_counts.all()]
    return [(b.choice, 1) for b in current.named_ballots.all()]


def _withheld_text() -> str:
    return _(
        "Withheld: fewer than %(n)d people voted by secret ballot, so the result "
        "would show how they voted."
    ) % {"n": SECRET_MINIMUM}


def _close_positions(
    proposal: Proposal, current: Round, weighted: Weighted, present: int | None, *, final: bool
) -> Decision:
    tally = tally_positions(weighted)
    count = headcount(proposal, present)
    try:
        decision = decide(
            rule_of(proposal),
            tally,
            blocks_so_far=proposal.blocks_so_far,
            headcount=count,
            gettext=_,
        )
    except RuleError:
        raise ActionError(_("This rule needs the number of people present."), 400) from None
    result = {
        "kind": "positions",
        "decision": decision.to_dict(),
        "counts": {p.value: tally.count(p) for p in Position},
        "members": count.members,
        "present": present,
        "blocks_so_far": proposal.blocks_so_far,
        **_reasons(proposal, current),
    }
    outcome = CORE_OUTCOMES[decision.outcome]
    _record(current, outcome, decision.summary, result)
    if outcome == Outcome.BLOCKED:
        proposal.blocks_so_far += 1
        proposal.save(update_fields=["blocks_so_far"])
    _after_round(proposal, current, final=final, fallback=decision.moves_to_fallback)
    return decision


def _reasons(proposal: Proposal, current: Round) -> dict[str, list[dict[str, Any]]]:
    """Blocks and stand-asides with their reasons; names only on a named ballot."""
    found: dict[str, list[dict[str, Any]]] = {"blocks": [], "stand_asides": []}
    wanted = {Position.BLOCK.value: "blocks", Position.STAND_ASIDE.value: "stand_asides"}
    if proposal.secret:
        for count in current.secret_counts.all():
            if count.choice["position"] in wanted:
                entry = {"name": None, "reason": count.choice.get("reason", "")}
                found[wanted[count.choice["position"]]].extend([entry] * count.count)
        return found
    for ballot in current.named_ballots.select_related("voter").order_by("cast_at", "id"):
        if ballot.choice["position"] in wanted:
            entry = {"name": ballot.voter.shown_name, "reason": ballot.choice.get("reason", "")}
            found[wanted[ballot.choice["position"]]].append(entry)
    return found


def _close_choices(proposal: Proposal, current: Round, weighted: Weighted) -> Counted:
    labels = list(proposal.options.values_list("label", flat=True))
    if current.ballots == 0:
        _record(current, Outcome.FAILED, _("Nobody voted."), None)
        _after_round(proposal, current, final=True)
        return None
    if proposal.quorum and current.ballots < proposal.quorum:
        text = _("No quorum: %(count)d voted, %(needed)d needed.") % {
            "count": current.ballots,
            "needed": proposal.quorum,
        }
        _record(current, Outcome.NO_QUORUM, text, None)
        _after_round(proposal, current, final=True)
        return None
    counted = count_choices(proposal, labels, weighted)
    result = {"kind": "choices", "voters": current.ballots, "election": counted.to_dict()}
    _record(current, Outcome.DECIDED, counted.summary, result)
    _after_round(proposal, current, final=True)
    return counted


def _record(current: Round, outcome: Outcome, summary: str, result: dict[str, Any] | None) -> None:
    current.closed_at, current.outcome = timezone.now(), outcome
    current.summary, current.result = summary, result
    current.save(update_fields=["closed_at", "outcome", "summary", "result"])


def _after_round(
    proposal: Proposal, current: Round, *, final: bool, fallback: bool = False
) -> None:
    publish(
        proposal,
        "decision.round_closed",
        {
            "round": current.number,
            "outcome": current.outcome,
            "summary": current.summary,
            "moves_to_fallback": fallback,
            "result": current.result,
        },
    )
    ends = final or current.outcome in (Outcome.PASSED, Outcome.FAILED, Outcome.DECIDED)
    if ends:
        finish(proposal, Outcome(current.outcome), current.summary)
        return
    proposal.phase = Phase.CONCERNS  # back to discussion before the next round
    proposal.save(update_fields=["phase"])
    publish(proposal, "decision.phase_changed", {"phase": proposal.phase})


def finish(proposal: Proposal, outcome: Outcome, summary: str) -> None:
    """End the proposal with its outcome; a passed change to the group is applied now."""
    proposal.status, proposal.phase = Status.CLOSED, Phase.CLOSED
    proposal.outcome, proposal.summary, proposal.closed_at = outcome, summary, timezone.now()
    # Saved before the change is made: a change may read the decided proposal afresh.
    proposal.save(update_fields=["status", "phase", "outcome", "summary", "closed_at"])
    if proposal.change and (outcome == Outcome.PASSED or _elected(proposal, outcome)):
        _apply(proposal)
        proposal.save(update_fields=["summary", "change_applied"])
    note_change(
        proposal.group, None, "proposal.closed", proposal, f"“{proposal.title}”: {proposal.summary}"
    )
    publish(
        proposal,
        "decision.proposal_closed",
        {
            "outcome": outcome,
            "summary": proposal.summary,
            "change_applied": proposal.change_applied,
        },
    )


def _elected(proposal: Proposal, outcome: Outcome) -> bool:
    """An election that counted its winners makes its change (e.g. they take the role)."""
    return proposal.kind == Kind.ELECTION and outcome == Outcome.DECIDED


def _apply(proposal: Proposal) -> None:
    """Make the change the proposal names. If it can no longer be made (what it changes
    has changed since), the decision still stands and its summary says why not."""
    assert proposal.change is not None
    try:
        with transaction.atomic():
            apply_change(proposal.group, {**proposal.change, "proposal_id": proposal.pk})
    except (ActionError, ChangeError) as error:
        text = error.message if isinstance(error, ActionError) else str(error)
        proposal.summary += " " + _("The change could not be made: %(why)s") % {"why": text}
        return
    proposal.change_applied = True
