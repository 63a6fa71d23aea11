"""The discussion around a proposal: contributions, friendly amendments, minority reports.

Contributions (clarifying questions, concerns, points of information, answers) are kept
per phase with their author and time. A friendly amendment is new text for the proposal;
only its proposer accepts or declines it, and only while no round is open, so nobody
votes on text that changes under them. An accepted amendment keeps the text it replaced.
A minority report is filed after the decision by someone who did not agree: on a named
ballot, someone who disagreed, stood aside or blocked in any round; on a secret ballot,
anyone who voted (moot cannot know how they voted, by design).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.core.rules import Position
from moot.decisions.actions.common import check_open, lock, open_round, publish
from moot.decisions.models import (
    Amendment,
    AmendmentStatus,
    Ballot,
    Contribution,
    ContributionKind,
    MinorityReport,
    Proposal,
    SecretParticipation,
    Status,
)
from moot.groups.errors import ActionError

TEXT_MAX = 5000
DISSENT = (Position.DISAGREE.value, Position.STAND_ASIDE.value, Position.BLOCK.value)


def _text(text: str, most: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Please write something."), 400)
    if len(text) > most:
        raise ActionError(_("A text can have at most %(max)d characters.") % {"max": most}, 400)
    return text


@transaction.atomic
def do_add_contribution(
    proposal: Proposal, author: User, kind: str, text: str, answer_to: int | None = None
) -> Contribution:
    lock(proposal)
    check_open(proposal)
    if kind not in ContributionKind.values:
        raise ActionError(_("Unknown kind of contribution."), 400)
    answered = None
    if answer_to is not None:
        answered = proposal.contributions.filter(pk=answer_to).first()
        if answered is None:
            raise ActionError(_("There is no such contribution to answer."), 404)
    contribution = Contribution.objects.create(
        proposal=proposal,
        phase=proposal.phase,
        kind=kind,
        author=author,
        text=_text(text, TEXT_MAX),
        answer_to=answered,
    )
    publish(
        proposal,
        "decision.contribution_added",
        {
            "contribution_id": contribution.pk,
            "phase": contribution.phase,
            "kind": kind,
            "author": author.shown_name,
            "text": contribution.text,
            "answer_to": answer_to,
        },
    )
    return contribution


def _check_no_round(proposal: Proposal) -> None:
    if open_round(proposal) is not None:
        raise ActionError(_("The text cannot change while a vote is open."), 409)


@transaction.atomic
def do_propose_amendment(
    proposal: Proposal, author: User, text: str, reason: str = ""
) -> Amendment:
    lock(proposal)
    check_open(proposal)
    _check_no_round(proposal)
    text = _text(text, 20000)
    if text == proposal.text:
        raise ActionError(_("The amendment is the same as the proposal's text."), 400)
    amendment = Amendment.objects.create(
        proposal=proposal, author=author, text=text, reason=(reason or "").strip()[:1000]
    )
    publish(
        proposal,
        "decision.amendment_proposed",
        {"amendment_id": amendment.pk, "author": author.shown_name, "text": text},
    )
    return amendment


@transaction.atomic
def do_accept_amendment(amendment: Amendment) -> Amendment:
    """The amended text becomes the proposal's text; the old text is kept."""
    proposal = _decidable(amendment)
    amendment.previous_text = proposal.text
    _decide(amendment, AmendmentStatus.ACCEPTED)
    proposal.text = amendment.text
    proposal.save(update_fields=["text"])
    publish(
        proposal,
        "decision.amendment_decided",
        {"amendment_id": amendment.pk, "accepted": True, "proposal_text": proposal.text},
    )
    return amendment


@transaction.atomic
def do_decline_amendment(amendment: Amendment) -> Amendment:
    proposal = _decidable(amendment)
    _decide(amendment, AmendmentStatus.DECLINED)
    publish(
        proposal,
        "decision.amendment_decided",
        {"amendment_id": amendment.pk, "accepted": False, "proposal_text": proposal.text},
    )
    return amendment


def _decidable(amendment: Amendment) -> Proposal:
    proposal = lock(amendment.proposal)
    check_open(proposal)
    _check_no_round(proposal)
    amendment.refresh_from_db()
    if amendment.status != AmendmentStatus.PROPOSED:
        raise ActionError(_("This amendment has already been decided."), 409)
    return proposal


def _decide(amendment: Amendment, status: str) -> None:
    amendment.status, amendment.decided_at = status, timezone.now()
    amendment.save(update_fields=["status", "decided_at", "previous_text"])


@transaction.atomic
def do_file_minority_report(proposal: Proposal, author: User, text: str) -> MinorityReport:
    lock(proposal)
    if proposal.status != Status.CLOSED:
        raise ActionError(_("A minority report is filed once the decision is made."), 409)
    if not may_file_minority_report(proposal, author):
        raise ActionError(_("A minority report is written by someone who did not agree."), 403)
    try:
        with transaction.atomic():
            report = MinorityReport.objects.create(
                proposal=proposal, author=author, text=_text(text, 20000)
            )
    except IntegrityError:
        raise ActionError(_("You have already filed a minority report."), 409) from None
    publish(
        proposal,
        "decision.minority_report_filed",
        {"report_id": report.pk, "author": author.shown_name},
    )
    return report


def may_file_minority_report(proposal: Proposal, user: User) -> bool:
    if proposal.secret:
        return SecretParticipation.objects.filter(round__proposal=proposal, voter=user).exists()
    ballots = Ballot.objects.filter(round__proposal=proposal, voter=user)
    if proposal.kind != "proposal":
        return ballots.exists()
    return ballots.filter(choice__position__in=DISSENT).exists()
