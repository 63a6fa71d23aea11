"""API endpoints for proposals, ballots, rounds, discussion and minority reports.

The same permissions as the pages (``moot.decisions.rules``) and the same actions, so a
scripted client can run a whole decision: open a proposal, discuss and amend it, open
rounds, cast ballots, close and read the outcome. A ballot's ``choice`` is described in
``moot.decisions.choices`` (``{"position": "agree"}``, ``{"ranking": [2, 0]}`` …; options
are numbered from 0).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import BaseModel, Field

from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS, request_group
from moot.api.common import request_user as _user
from moot.decisions import actions, queries
from moot.decisions.models import Amendment, Proposal
from moot.decisions.models import Status as ProposalStatus
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.validation import Moment

router = Router(tags=["decisions"])


class ProposalIn(BaseModel):
    title: str = Field(max_length=200)
    kind: str = "proposal"
    mode: str = "live"
    text: str = Field(default="", max_length=20000)
    secret: bool = False
    hide_results: bool = False
    visibility: str | None = None
    opens_at: Moment | None = None
    closes_at: Moment | None = None
    options: list[str] = Field(default_factory=list, max_length=50)
    method: str = ""
    seats: int = 1
    score_max: int = 5
    dots: int = 5
    max_per_option: int = 3
    quorum: int | None = None
    change: dict[str, Any] | None = None


class ProposalOut(BaseModel):
    id: int
    group_id: int
    title: str
    kind: str
    mode: str
    phase: str
    status: str
    closes_at: str | None
    text: str
    author: str | None
    secret: bool
    rule: str
    outcome: str
    summary: str
    blocks_so_far: int
    change: dict[str, Any] | None
    change_applied: bool
    options: list[str]
    rounds: list[dict[str, Any]]
    amendments: list[dict[str, Any]]
    contributions: list[dict[str, Any]]
    minority_reports: list[dict[str, Any]]


class BriefOut(BaseModel):
    id: int
    title: str
    kind: str
    mode: str
    phase: str
    status: str
    closes_at: str | None


class BallotIn(BaseModel):
    choice: dict[str, Any]


class ReceiptOut(BaseModel):
    round: int
    ballots: int
    changed: bool


class PresentIn(BaseModel):
    present: int | None = Field(default=None, ge=0)


class PhaseIn(BaseModel):
    phase: str


class ReasonIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class ContributionIn(BaseModel):
    kind: str
    text: str = Field(max_length=5000)
    answer_to: int | None = None


class AmendmentIn(BaseModel):
    text: str = Field(max_length=20000)
    reason: str = Field(default="", max_length=1000)


class TextIn(BaseModel):
    text: str = Field(max_length=20000)


class CreatedOut(BaseModel):
    id: int


def _proposal(
    request: HttpRequest, proposal_id: int, perm: str = "decisions.view_proposal"
) -> Proposal:
    proposal = Proposal.objects.select_related("group", "author").filter(pk=proposal_id).first()
    if proposal is None or not request.user.has_perm("decisions.view_proposal", proposal):
        raise Http404
    if perm != "decisions.view_proposal" and not request.user.has_perm(perm, proposal):
        raise ActionError(_("You may not do this on this proposal."), 403)
    return proposal


def _record(proposal: Proposal) -> dict[str, Any]:
    proposal.refresh_from_db()
    return queries.proposal_record(proposal)


def _group(request: HttpRequest, group_id: int, perm: str = "decisions.view_log") -> Group:
    return request_group(request, group_id, perm)


@router.get("/groups/{group_id}/proposals", response={200: list[BriefOut], **ERRORS})
def list_proposals(request: HttpRequest, group_id: int, status: str = "open") -> list[Any]:
    """The group's proposals you may see: ``status`` is open, closed or withdrawn."""
    optional_user(request)
    group = _group(request, group_id)
    if status not in ProposalStatus.values:
        raise ActionError(_("The status is open, closed or withdrawn."), 400)
    found = Proposal.objects.filter(group=group, status=status).order_by("-created_at", "-id")
    return [queries.proposal_brief(p) for p in queries.visible(request.user, found)]


@router.post(
    "/groups/{group_id}/proposals", auth=TokenAuth(), response={201: ProposalOut, **ERRORS}
)
def create_proposal(
    request: HttpRequest, group_id: int, body: ProposalIn
) -> Status[dict[str, Any]]:
    group = _group(request, group_id)
    if not request.user.has_perm("decisions.create_proposal", group):
        raise ActionError(_("Only members of this group make proposals here."), 403)
    draft = actions.Draft(**body.model_dump())
    return Status(201, _record(actions.do_open_proposal(_user(request), group, draft)))


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS})
def get_proposal(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    """The proposal's whole record; results once each round has closed."""
    optional_user(request)
    return queries.proposal_record(_proposal(request, proposal_id))


@router.post(
    "/proposals/{proposal_id}/ballots", auth=TokenAuth(), response={200: ReceiptOut, **ERRORS}
)
def cast_ballot(request: HttpRequest, proposal_id: int, body: BallotIn) -> ReceiptOut:
    """Cast (or, on a named ballot, change) your ballot in the open round."""
    proposal = _proposal(request, proposal_id, "decisions.vote")
    receipt = actions.do_cast_ballot(proposal, _user(request), body.choice)
    return ReceiptOut(round=receipt.round, ballots=receipt.ballots, changed=receipt.changed)


@router.post(
    "/proposals/{proposal_id}/phase", auth=TokenAuth(), response={200: ProposalOut, **ERRORS}
)
def move_to_phase(request: HttpRequest, proposal_id: int, body: PhaseIn) -> dict[str, Any]:
    """Move to clarifying, concerns or amendments; testing opens the next round."""
    proposal = _proposal(request, proposal_id, "decisions.facilitate")
    return _record(actions.do_move_to_phase(proposal, body.phase))


@router.post(
    "/proposals/{proposal_id}/rounds", auth=TokenAuth(), response={201: ProposalOut, **ERRORS}
)
def open_round(request: HttpRequest, proposal_id: int) -> Status[dict[str, Any]]:
    proposal = _proposal(request, proposal_id, "decisions.facilitate")
    actions.do_open_round(proposal)
    return Status(201, _record(proposal))


@router.post(
    "/proposals/{proposal_id}/rounds/close", auth=TokenAuth(), response={200: ProposalOut, **ERRORS}
)
def close_round(request: HttpRequest, proposal_id: int, body: PresentIn) -> dict[str, Any]:
    proposal = _proposal(request, proposal_id, "decisions.facilitate")
    actions.do_close_round(proposal, present=body.present)
    return _record(proposal)


@router.post(
    "/proposals/{proposal_id}/close", auth=TokenAuth(), response={200: ProposalOut, **ERRORS}
)
def close_proposal(request: HttpRequest, proposal_id: int, body: PresentIn) -> dict[str, Any]:
    """Count the open round, if any, and end the proposal."""
    proposal = _proposal(request, proposal_id, "decisions.close_proposal")
    return _record(actions.do_close_proposal(proposal, present=body.present))


@router.post(
    "/proposals/{proposal_id}/withdraw", auth=TokenAuth(), response={200: ProposalOut, **ERRORS}
)
def withdraw(request: HttpRequest, proposal_id: int, body: ReasonIn) -> dict[str, Any]:
    proposal = _proposal(request, proposal_id, "decisions.close_proposal")
    return _record(actions.do_withdraw(proposal, body.reason))


@router.post(
    "/proposals/{proposal_id}/contributions", auth=TokenAuth(), response={201: CreatedOut, **ERRORS}
)
def add_contribution(
    request: HttpRequest, proposal_id: int, body: ContributionIn
) -> Status[CreatedOut]:
    proposal = _proposal(request, proposal_id, "decisions.contribute")
    made = actions.do_add_contribution(
        proposal, _user(request), body.kind, body.text, body.answer_to
    )
    return Status(201, CreatedOut(id=made.pk))


@router.post(
    "/proposals/{proposal_id}/amendments", auth=TokenAuth(), response={201: CreatedOut, **ERRORS}
)
def propose_amendment(
    request: HttpRequest, proposal_id: int, body: AmendmentIn
) -> Status[CreatedOut]:
    proposal = _proposal(request, proposal_id, "decisions.contribute")
    made = actions.do_propose_amendment(proposal, _user(request), body.text, body.reason)
    return Status(201, CreatedOut(id=made.pk))


def _amendment(request: HttpRequest, amendment_id: int) -> Amendment:
    amendment = Amendment.objects.filter(pk=amendment_id).first()
    if amendment is None:
        raise Http404
    _proposal(request, amendment.proposal_id, "decisions.decide_amendment")
    return amendment


@router.post(
    "/amendments/{amendment_id}/accept", auth=TokenAuth(), response={200: ProposalOut, **ERRORS}
)
def accept_amendment(request: HttpRequest, amendment_id: int) -> dict[str, Any]:
    """The proposer accepts: the amended text becomes the proposal's text."""
    amendment = actions.do_accept_amendment(_amendment(request, amendment_id))
    return _record(amendment.proposal)


@router.post(
    "/amendments/{amendment_id}/decline", auth=TokenAuth(), response={200: ProposalOut, **ERRORS}
)
def decline_amendment(request: HttpRequest, amendment_id: int) -> dict[str, Any]:
    amendment = actions.do_decline_amendment(_amendment(request, amendment_id))
    return _record(amendment.proposal)


@router.post(
    "/proposals/{proposal_id}/minority-reports",
    auth=TokenAuth(),
    response={201: CreatedOut, **ERRORS},
)
def file_minority_report(
    request: HttpRequest, proposal_id: int, body: TextIn
) -> Status[CreatedOut]:
    proposal = _proposal(request, proposal_id, "decisions.file_minority_report")
    report = actions.do_file_minority_report(proposal, _user(request), body.text)
    return Status(201, CreatedOut(id=report.pk))
