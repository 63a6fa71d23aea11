"""Making, moving, withdrawing and closing proposals.

A proposal is checked whole before anything is written: its title, its options, its
method and seats, its dates, and the change it would make to the group. A live proposal
of kind ``proposal`` starts with clarifying questions; every other proposal starts with
its vote open (between meetings: from ``opens_at`` until ``closes_at``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.core.rules import DecisionRule, Headcount, RuleError, Tally, decide, rule_from_dict
from moot.decisions.actions.common import check_open, lock, open_round, publish
from moot.decisions.actions.rounds import close_open_round, finish, start_round
from moot.decisions.changes import validate_change
from moot.decisions.choices import DEFAULT_METHOD, ELECTION_METHODS, RANKED_METHODS
from moot.decisions.models import (
    DISCUSSION_PHASES,
    VOTING_PHASES,
    Kind,
    Mode,
    Option,
    Outcome,
    Phase,
    Proposal,
    Status,
)
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.groups.trail import note_change

log = logging.getLogger(__name__)
MAX_OPTIONS = 50
LIMIT = 100  # highest score, dots per person


@dataclass
class Draft:
    """What a person asks for; ``do_open_proposal`` checks all of it."""

    title: str
    kind: str = Kind.PROPOSAL
    mode: str = Mode.LIVE
    text: str = ""
    secret: bool = False
    hide_results: bool = False
    visibility: str | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    options: list[str] = field(default_factory=list)
    method: str = ""
    seats: int = 1
    score_max: int = 5
    dots: int = 5
    max_per_option: int = 3
    quorum: int | None = None
    change: dict[str, Any] | None = None


def _bad(message: str) -> ActionError:
    return ActionError(message, 400)


@transaction.atomic
def do_open_proposal(
    author: User, group: Group, draft: Draft | None = None, **fields: Any
) -> Proposal:
    """A new proposal in ``group``, open from now (or from ``opens_at``).

    Give a ``Draft``, or its fields as keywords: ``do_open_proposal(me, group, title=…)``.
    """
    draft = draft or Draft(**fields)
    row = _checked_fields(group, draft)
    options = _checked_options(draft)
    row.update(_checked_counting(draft, len(options)))
    proposal = Proposal.objects.create(group=group, author=author, **row)
    Option.objects.bulk_create(
        Option(proposal=proposal, position=i, label=label, starts_at=starts)
        for i, (label, starts) in enumerate(options)
    )
    publish(
        proposal,
        "decision.proposal_opened",
        {
            "title": proposal.title,
            "kind": proposal.kind,
            "mode": proposal.mode,
            "phase": proposal.phase,
        },
    )
    note_change(
        group,
        author,
        "proposal.opened",
        proposal,
        _("Proposal “%(title)s” made.") % {"title": proposal.title},
    )
    if proposal.phase == Phase.VOTING:
        start_round(proposal)
    return proposal


def _checked_fields(group: Group, draft: Draft) -> dict[str, Any]:
    title = (draft.title or "").strip()
    if not title or len(title) > 200:
        raise _bad(_("Please give a title of at most 200 characters."))
    if draft.kind not in Kind.values or draft.mode not in Mode.values:
        raise _bad(_("Unknown kind of proposal."))
    if len(draft.text or "") > 20000:
        raise _bad(_("The text can have at most 20000 characters."))
    visibility = draft.visibility or group.default_visibility
    if visibility not in Visibility.values:
        raise _bad(_("Unknown visibility."))
    rule = _group_rule(group, draft.mode)
    opens_at, closes_at = _checked_dates(draft)
    live_discussion = draft.mode == Mode.LIVE and draft.kind == Kind.PROPOSAL
    return {
        "title": title,
        "text": (draft.text or "").strip(),
        "kind": draft.kind,
        "mode": draft.mode,
        "secret": bool(draft.secret),
        "hide_results": bool(draft.hide_results),
        "visibility": visibility,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "phase": Phase.CLARIFYING if live_discussion else Phase.VOTING,
        "rule": rule.to_dict(),
        "rule_text": rule.describe(),
        "change": _checked_change(group, draft),
    }


def _group_rule(group: Group, mode: str) -> DecisionRule:
    try:
        rule = rule_from_dict(group.decision_rule)
    except RuleError:
        raise ActionError(_("The group's decision rule cannot be read."), 409) from None
    if mode == Mode.ASYNC:
        _check_rule_needs_no_room(rule)
    return rule


def _check_rule_needs_no_room(rule: DecisionRule) -> None:
    """Between meetings nobody is present, so a rule that counts those present can't apply."""
    everyone = Headcount(members=1, electorate=1)
    for blocks in [0, *(f.after_blocks for f in rule.fallbacks)]:
        try:
            decide(rule, Tally(agree=1), blocks_so_far=blocks, headcount=everyone)
        except RuleError:
            raise _bad(
                _("This group's rule counts the people present, so it is decided in a meeting.")
            ) from None


def _checked_dates(draft: Draft) -> tuple[datetime, datetime | None]:
    now = timezone.now()
    opens_at = draft.opens_at or now
    if draft.mode == Mode.LIVE:
        return now, None
    if draft.closes_at is None:
        raise _bad(_("Say when the vote closes."))
    if draft.closes_at <= max(now, opens_at):
        raise _bad(_("The vote must close after it opens, and in the future."))
    return opens_at, draft.closes_at


def _checked_change(group: Group, draft: Draft) -> dict[str, Any] | None:
    if draft.change is None:
        return None
    if draft.kind not in (Kind.PROPOSAL, Kind.ELECTION):
        raise _bad(_("Only a proposal or an election can change the group."))
    return validate_change(group, draft.change)


def _checked_options(draft: Draft) -> list[tuple[str, datetime | None]]:
    labels = [str(label).strip() for label in draft.options if str(label).strip()]
    if draft.kind == Kind.PROPOSAL:
        if labels:
            raise _bad(_("A proposal is decided by positions; it has no options."))
        return []
    if not 2 <= len(labels) <= MAX_OPTIONS:
        raise _bad(_("Give from 2 to %(max)d options.") % {"max": MAX_OPTIONS})
    if len(set(labels)) != len(labels) or any(len(label) > 200 for label in labels):
        raise _bad(_("Each option must be different and at most 200 characters long."))
    if draft.kind != Kind.TIME_POLL:
        return [(label, None) for label in labels]
    return [(label, _meeting_time(label)) for label in labels]


def _meeting_time(label: str) -> datetime:
    try:
        parsed = parse_datetime(label)
    except ValueError:
        parsed = None
    if parsed is None:
        raise _bad(
            _("%(option)s is not a date and time like 2025-06-01 18:30.") % {"option": label}
        )
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _checked_counting(draft: Draft, options: int) -> dict[str, Any]:
    methods = {Kind.RANKED: RANKED_METHODS, Kind.ELECTION: ELECTION_METHODS}.get(
        Kind(draft.kind), ("",)
    )
    method = draft.method or DEFAULT_METHOD.get(Kind(draft.kind), "")
    if method not in methods:
        raise _bad(
            _("Choose a counting method from: %(methods)s.") % {"methods": ", ".join(methods)}
        )
    most_seats = options - 1 if draft.kind == Kind.ELECTION else 1
    if not 1 <= draft.seats <= max(most_seats, 1):
        raise _bad(_("An election needs fewer seats than candidates; other votes have one."))
    if not 1 <= draft.score_max <= LIMIT or not 1 <= draft.dots <= LIMIT:
        raise _bad(_("Scores and dots go from 1 to %(max)d.") % {"max": LIMIT})
    if not 1 <= draft.max_per_option <= draft.dots:
        raise _bad(_("The most dots on one option must be from 1 to the dots per person."))
    if draft.quorum is not None and not 1 <= draft.quorum <= 100000:
        raise _bad(_("A quorum is a number of people, at least 1."))
    return {
        "method": method,
        "seats": draft.seats,
        "score_max": draft.score_max,
        "dots": draft.dots,
        "max_per_option": draft.max_per_option,
        "quorum": draft.quorum,
    }


@transaction.atomic
def do_move_to_phase(proposal: Proposal, phase: str) -> Proposal:
    """Move a live proposal to a discussion phase, or open its next test or vote."""
    lock(proposal)
    check_open(proposal)
    if phase not in DISCUSSION_PHASES + VOTING_PHASES:
        raise _bad(_("Unknown phase."))
    if proposal.mode != Mode.LIVE or proposal.kind != Kind.PROPOSAL:
        raise ActionError(_("Only a proposal in a meeting moves through phases."), 409)
    if phase in VOTING_PHASES:
        start_round(proposal)
        return proposal
    if open_round(proposal) is not None:
        raise ActionError(_("Close the round that is open first."), 409)
    proposal.phase = phase
    proposal.save(update_fields=["phase"])
    publish(proposal, "decision.phase_changed", {"phase": phase})
    return proposal


@transaction.atomic
def do_withdraw(proposal: Proposal, reason: str = "") -> Proposal:
    """The proposer (or a facilitator) takes the proposal back; nothing is decided."""
    lock(proposal)
    check_open(proposal)
    proposal.rounds.filter(closed_at__isnull=True).update(
        closed_at=timezone.now(), outcome=Outcome.WITHDRAWN
    )
    proposal.status, proposal.phase = Status.WITHDRAWN, Phase.CLOSED
    proposal.outcome, proposal.closed_at = Outcome.WITHDRAWN, timezone.now()
    proposal.withdrawn_reason = (reason or "").strip()[:500]
    proposal.save(update_fields=["status", "phase", "outcome", "closed_at", "withdrawn_reason"])
    publish(proposal, "decision.proposal_withdrawn", {"reason": proposal.withdrawn_reason})
    return proposal


@transaction.atomic
def do_close_proposal(proposal: Proposal, *, present: int | None = None) -> Proposal:
    """Count the open round, if any, and end the proposal with what was decided last."""
    lock(proposal)
    check_open(proposal)
    if open_round(proposal) is not None:
        close_open_round(proposal, present, final=True)
    if proposal.is_open:
        last = proposal.rounds.exclude(outcome="").order_by("-number").first()
        if last is None:
            finish(proposal, Outcome.FAILED, _("Closed before anyone voted."))
        else:
            finish(proposal, Outcome(last.outcome), last.summary)
    return proposal


def do_close_due_proposals(now: datetime | None = None) -> list[Proposal]:
    """Close every proposal between meetings whose deadline has passed, each on its own."""
    now = now or timezone.now()
    due = Proposal.objects.filter(status=Status.OPEN, mode=Mode.ASYNC, closes_at__lte=now)
    closed = []
    for proposal in due.order_by("closes_at", "id"):
        try:
            with transaction.atomic():
                lock(proposal)
                if proposal.is_open:
                    closed.append(do_close_proposal(proposal))
        except ActionError as error:  # one proposal that cannot close must not stop the rest
            log.warning("proposal %s could not close: %s", proposal.pk, error.message)
    return closed
