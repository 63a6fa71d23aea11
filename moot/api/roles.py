"""API endpoints for accountable roles: roles, terms, report-backs and recall.

The same permissions as the pages (``moot.roles.rules``) and the same actions. A recall
is a proposal of the group: ``POST /terms/{id}/recall`` opens it, and the group decides
it through the decisions endpoints; ``GET /terms/{id}/recall-change`` gives the change a
hand-written proposal carries instead.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import BaseModel, Field

from moot.accounts.models import User
from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS, request_group
from moot.api.common import request_user as _user
from moot.decisions.models import Proposal
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.roles import actions, queries
from moot.roles.models import AccountableRole, EndReason, Term
from moot.validation import Day, Moment

router = Router(tags=["roles"])


class RoleIn(BaseModel):
    name: str = Field(max_length=100)
    duties: str = Field(default="", max_length=5000)
    seats: int = 1
    report_every_days: int | None = None


class TermIn(BaseModel):
    holder_id: int
    starts_on: Day
    ends_on: Day


class FillIn(BaseModel):
    holder_ids: list[int] = Field(default_factory=list, max_length=50)
    election_id: int | None = None
    term_days: int


class EndIn(BaseModel):
    reason: str = EndReason.RESIGNED


class ReportIn(BaseModel):
    text: str = Field(max_length=20000)


class RecallIn(BaseModel):
    reason: str = Field(default="", max_length=5000)
    closes_at: Moment | None = None


class ReportOut(BaseModel):
    id: int
    author: str | None
    text: str
    filed_at: datetime


class TermOut(BaseModel):
    id: int
    role_id: int
    holder_id: int
    holder: str
    starts_on: date
    ends_on: date
    ended_at: datetime | None
    end_reason: str
    current: bool
    overdue: bool
    report_due_on: date | None
    report_backs: list[ReportOut]


class RoleOut(BaseModel):
    id: int
    group_id: int
    name: str
    duties: str
    seats: int
    report_every_days: int | None
    holders: list[dict[str, Any]]


class CreatedOut(BaseModel):
    id: int


class ProposalRefOut(BaseModel):
    proposal_id: int
    change: dict[str, Any]


def _role(request: HttpRequest, role_id: int, perm: str = "roles.view_role") -> AccountableRole:
    role = AccountableRole.objects.select_related("group__parent").filter(pk=role_id).first()
    if role is None or not request.user.has_perm("roles.view_role", role):
        raise Http404
    if perm != "roles.view_role" and not request.user.has_perm(perm, role):
        raise ActionError(_("Only admins of the group name and change its roles."), 403)
    return role


def _term(request: HttpRequest, term_id: int, perm: str | None = None) -> Term:
    term = Term.objects.select_related("role__group__parent", "holder").filter(pk=term_id).first()
    if term is None or not request.user.has_perm("roles.view_role", term.role):
        raise Http404
    if perm is not None and not request.user.has_perm(perm, term):
        raise ActionError(_("You may not do this with this term."), 403)
    return term


def _role_out(role: AccountableRole) -> dict[str, Any]:
    board = next(b for b in queries.role_boards(role.group) if b.role.pk == role.pk)
    return {"id": role.pk, "group_id": role.group_id, **board.as_dict()}


def _term_out(status: queries.TermStatus) -> dict[str, Any]:
    term = status.term
    reports = [
        {
            "id": r.pk,
            "author": r.author.shown_name if r.author else None,
            "text": r.text,
            "filed_at": r.filed_at,
        }
        for r in term.report_backs.all()
    ]
    return {
        "id": term.pk,
        "role_id": term.role_id,
        "holder_id": term.holder_id,
        "holder": term.holder.shown_name,
        "starts_on": term.starts_on,
        "ends_on": term.ends_on,
        "ended_at": term.ended_at,
        "end_reason": term.end_reason,
        "current": term.ended_at is None and term.is_current(timezone.localdate()),
        "overdue": status.overdue,
        "report_due_on": status.due_on,
        "report_backs": reports,
    }


def _people(ids: list[int]) -> list[User]:
    found = {u.pk: u for u in User.objects.filter(pk__in=ids)}
    if len(found) != len(set(ids)):
        raise ActionError(_("Some holders are not people of moot."), 400)
    return [found[i] for i in ids]


def _group(request: HttpRequest, group_id: int, perm: str = "roles.view_roles") -> Group:
    return request_group(request, group_id, perm)


@router.get("/groups/{group_id}/roles", response={200: list[RoleOut], **ERRORS})
def list_roles(request: HttpRequest, group_id: int) -> list[dict[str, Any]]:
    """The group's roles with their current holders and overdue report-backs."""
    optional_user(request)
    group = _group(request, group_id)
    return [
        {"id": b.role.pk, "group_id": group.pk, **b.as_dict()} for b in queries.role_boards(group)
    ]


@router.post("/groups/{group_id}/roles", auth=TokenAuth(), response={201: RoleOut, **ERRORS})
def create_role(request: HttpRequest, group_id: int, body: RoleIn) -> Status[dict[str, Any]]:
    group = _group(request, group_id, "roles.manage_roles")
    role = actions.do_create_role(_user(request), group, **body.model_dump())
    return Status(201, _role_out(role))


@router.get("/roles/{role_id}", response={200: RoleOut, **ERRORS})
def get_role(request: HttpRequest, role_id: int) -> dict[str, Any]:
    optional_user(request)
    return _role_out(_role(request, role_id))


@router.put("/roles/{role_id}", auth=TokenAuth(), response={200: RoleOut, **ERRORS})
def update_role(request: HttpRequest, role_id: int, body: RoleIn) -> dict[str, Any]:
    role = _role(request, role_id, "roles.manage_role")
    return _role_out(actions.do_update_role(_user(request), role, **body.model_dump()))


@router.get("/roles/{role_id}/terms", response={200: list[TermOut], **ERRORS})
def list_terms(request: HttpRequest, role_id: int) -> list[dict[str, Any]]:
    """Every term of the role, newest first, with its report-backs."""
    optional_user(request)
    return [_term_out(s) for s in queries.role_history(_role(request, role_id))]


@router.post("/roles/{role_id}/terms", auth=TokenAuth(), response={201: CreatedOut, **ERRORS})
def start_term(request: HttpRequest, role_id: int, body: TermIn) -> Status[CreatedOut]:
    role = _role(request, role_id, "roles.manage_role")
    holder = _people([body.holder_id])[0]
    term = actions.do_start_term(
        _user(request), role, holder, starts_on=body.starts_on, ends_on=body.ends_on
    )
    return Status(201, CreatedOut(id=term.pk))


@router.post("/roles/{role_id}/fill", auth=TokenAuth(), response={201: list[CreatedOut], **ERRORS})
def fill_role(request: HttpRequest, role_id: int, body: FillIn) -> Status[list[CreatedOut]]:
    """New holders take the role from today: named people, or a decided election's winners."""
    role = _role(request, role_id, "roles.manage_role")
    if (body.election_id is None) == (not body.holder_ids):
        raise ActionError(_("Say who takes the role: holders, or an election."), 400)
    if body.election_id is not None:
        election = Proposal.objects.filter(pk=body.election_id, group=role.group).first()
        if election is None:
            raise ActionError(_("This group has no such election."), 400)
        terms = actions.do_fill_role_from_election(
            _user(request), role, election, term_days=body.term_days
        )
    else:
        holders = _people(body.holder_ids)
        terms = actions.do_fill_role(_user(request), role, holders, term_days=body.term_days)
    return Status(201, [CreatedOut(id=t.pk) for t in terms])


@router.post("/terms/{term_id}/end", auth=TokenAuth(), response={200: CreatedOut, **ERRORS})
def end_term(request: HttpRequest, term_id: int, body: EndIn) -> CreatedOut:
    """The holder steps down, or an admin ends the term; recall goes through a decision."""
    term = _term(request, term_id, "roles.end_term")
    if body.reason == EndReason.RECALLED:
        raise ActionError(_("A recall is decided by the group: propose it."), 400)
    return CreatedOut(id=actions.do_end_term(_user(request), term, reason=body.reason).pk)


@router.post(
    "/terms/{term_id}/report-backs", auth=TokenAuth(), response={201: CreatedOut, **ERRORS}
)
def file_report_back(request: HttpRequest, term_id: int, body: ReportIn) -> Status[CreatedOut]:
    term = _term(request, term_id, "roles.file_report_back")
    return Status(
        201, CreatedOut(id=actions.do_file_report_back(_user(request), term, body.text).pk)
    )


@router.get("/terms/{term_id}/recall-change", response={200: dict[str, Any], **ERRORS})
def recall_change(request: HttpRequest, term_id: int) -> dict[str, Any]:
    """The change a proposal carries to recall this term's holder."""
    optional_user(request)
    return {"kind": "role.recall", "term_id": _term(request, term_id).pk}


@router.post("/terms/{term_id}/recall", auth=TokenAuth(), response={201: ProposalRefOut, **ERRORS})
def propose_recall(request: HttpRequest, term_id: int, body: RecallIn) -> Status[ProposalRefOut]:
    """Open a proposal of the group to recall the holder; the group decides it."""
    term = _term(request, term_id, "roles.propose_recall")
    proposal = actions.do_propose_recall(
        _user(request), term, reason=body.reason, closes_at=body.closes_at
    )
    return Status(201, ProposalRefOut(proposal_id=proposal.pk, change=proposal.change or {}))
