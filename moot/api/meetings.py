"""API endpoints for meetings: scheduling (emergency calls too), the agenda, answers,
check-in, breakouts and report-backs.

The same permissions as the pages (``moot.meetings.rules``) and the same actions, so a
scripted client can run the agenda of a meeting: open it, start and finish items,
table one, break out into committees, file report-backs, end it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import BaseModel, Field

from moot.accounts.models import User
from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS
from moot.api.common import request_group as _group
from moot.api.common import request_user as _user
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings import actions, queries
from moot.meetings.actions import ItemDraft
from moot.meetings.models import AgendaItem, Breakout, Meeting
from moot.meetings.rules import may_report_back
from moot.validation import Moment

router = Router(tags=["meetings"])


class ItemIn(BaseModel):
    title: str = Field(max_length=200)
    kind: str = "discussion"
    description: str = Field(default="", max_length=10000)
    time_box_minutes: int | None = None
    committee_id: int | None = None
    position: int | None = Field(default=None, ge=0)


class MeetingIn(BaseModel):
    title: str = Field(max_length=200)
    starts_at: Moment
    location: str = Field(default="", max_length=300)
    visibility: str | None = None
    is_emergency: bool = False
    emergency_reason: str = Field(default="", max_length=5000)
    items: list[ItemIn] = Field(default_factory=list, max_length=100)


class MeetingOut(BaseModel):
    id: int
    group_id: int
    title: str
    starts_at: datetime
    location: str
    status: str
    is_emergency: bool
    emergency_reason: str
    visibility: str


class MoveIn(BaseModel):
    position: int = Field(ge=0)


class TableIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class TableOut(BaseModel):
    item: dict[str, Any]
    carried_to: dict[str, Any] | None


class AnswerIn(BaseModel):
    answer: str


class CheckInIn(BaseModel):
    presence: str = "room"
    user_id: int | None = None  # whoever runs the meeting may mark someone else present


class BreakoutIn(BaseModel):
    minutes: int
    committee_ids: list[int] = Field(default_factory=list)


class JoinIn(BaseModel):
    committee_ids: list[int]


class ReportBackIn(BaseModel):
    committee_id: int
    text: str = Field(max_length=20000)


class ReportBackOut(BaseModel):
    id: int
    committee_id: int
    text: str
    item_id: int | None


def _deny(request: HttpRequest, view_perm: str, perm: str, obj: Any) -> None:
    if not request.user.has_perm(view_perm, obj):
        raise Http404
    if perm != view_perm and not request.user.has_perm(perm, obj):
        raise ActionError(_("You may not do this in this meeting."), 403)


def _meeting(request: HttpRequest, meeting_id: int, perm: str = "meetings.view_meeting") -> Meeting:
    meeting = Meeting.objects.select_related("group__parent").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    _deny(request, "meetings.view_meeting", perm, meeting)
    return meeting


def _item(request: HttpRequest, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting__group__parent").filter(pk=item_id).first()
    if item is None:
        raise Http404
    _deny(request, "meetings.view_meeting", "meetings.run_meeting", item.meeting)
    return item


def _breakout(request: HttpRequest, breakout_id: int, perm: str) -> Breakout:
    breakout = (
        Breakout.objects.select_related("meeting__group__parent").filter(pk=breakout_id).first()
    )
    if breakout is None:
        raise Http404
    _deny(request, "meetings.view_breakout", perm, breakout)
    return breakout


def _committee(group: Group, committee_id: int | None) -> Group | None:
    if committee_id is None:
        return None
    committee = Group.objects.filter(pk=committee_id).first()
    if committee is None or committee.organisation_id != group.organisation_id:
        raise ActionError(
            _("There is no such committee in %(group)s.") % {"group": group.name}, 400
        )
    return committee


def _committees(group: Group, ids: list[int]) -> list[Group]:
    return [c for c in (_committee(group, pk) for pk in ids) if c is not None]


def _draft(group: Group, body: ItemIn) -> ItemDraft:
    return ItemDraft(
        title=body.title,
        kind=body.kind,
        description=body.description,
        time_box_minutes=body.time_box_minutes,
        committee=_committee(group, body.committee_id),
    )


def _out(meeting: Meeting) -> MeetingOut:
    return MeetingOut(
        id=meeting.pk,
        group_id=meeting.group_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        location=meeting.location,
        status=meeting.status,
        is_emergency=meeting.is_emergency,
        emergency_reason=meeting.emergency_reason,
        visibility=meeting.visibility,
    )


def _state(meeting: Meeting) -> dict[str, Any]:
    meeting.refresh_from_db()
    return queries.meeting_state(meeting)


@router.get("/groups/{group_id}/meetings", response={200: list[MeetingOut], **ERRORS})
def list_meetings(request: HttpRequest, group_id: int) -> list[MeetingOut]:
    """The group's meetings the caller may see, soonest first."""
    user = optional_user(request)
    group = _group(request, group_id, "meetings.view_meetings")
    return [_out(m) for m in queries.visible_meetings(user, group)]


@router.post("/groups/{group_id}/meetings", auth=TokenAuth(), response={201: MeetingOut, **ERRORS})
def schedule_meeting(request: HttpRequest, group_id: int, body: MeetingIn) -> Status[MeetingOut]:
    """Schedule a meeting; an emergency call needs a reason and at least one item."""
    group = _group(request, group_id, "meetings.schedule_meeting")
    meeting = actions.do_schedule_meeting(
        _user(request),
        group,
        title=body.title,
        starts_at=body.starts_at,
        location=body.location,
        visibility=body.visibility,
        is_emergency=body.is_emergency,
        emergency_reason=body.emergency_reason,
        items=[_draft(group, item) for item in body.items],
    )
    return Status(201, _out(meeting))


@router.get("/meetings/{meeting_id}", response={200: dict[str, Any], **ERRORS})
def get_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    """The whole meeting: agenda, current item, answers, attendance, open breakout."""
    optional_user(request)
    return queries.meeting_state(_meeting(request, meeting_id))


@router.post(
    "/meetings/{meeting_id}/open", auth=TokenAuth(), response={200: dict[str, Any], **ERRORS}
)
def open_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting = _meeting(request, meeting_id, "meetings.run_meeting")
    return _state(actions.do_open_meeting(meeting))


@router.post(
    "/meetings/{meeting_id}/end", auth=TokenAuth(), response={200: dict[str, Any], **ERRORS}
)
def end_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting = _meeting(request, meeting_id, "meetings.run_meeting")
    return _state(actions.do_end_meeting(meeting))


@router.post(
    "/meetings/{meeting_id}/items", auth=TokenAuth(), response={201: dict[str, Any], **ERRORS}
)
def add_item(request: HttpRequest, meeting_id: int, body: ItemIn) -> Status[dict[str, Any]]:
    meeting = _meeting(request, meeting_id, "meetings.run_meeting")
    item = actions.do_add_item(meeting, _draft(meeting.group, body), body.position)
    item.refresh_from_db()
    return Status(201, queries.item_data(item))


@router.post("/items/{item_id}/move", auth=TokenAuth(), response={200: dict[str, Any], **ERRORS})
def move_item(request: HttpRequest, item_id: int, body: MoveIn) -> dict[str, Any]:
    return queries.item_data(actions.do_move_item(_item(request, item_id), body.position))


@router.delete("/items/{item_id}", auth=TokenAuth(), response={204: None, **ERRORS})
def remove_item(request: HttpRequest, item_id: int) -> Status[None]:
    actions.do_remove_item(_item(request, item_id))
    return Status(204, None)


@router.post("/items/{item_id}/start", auth=TokenAuth(), response={200: dict[str, Any], **ERRORS})
def start_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return queries.item_data(actions.do_start_item(_item(request, item_id)))


@router.post("/items/{item_id}/finish", auth=TokenAuth(), response={200: dict[str, Any], **ERRORS})
def finish_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return queries.item_data(actions.do_finish_item(_item(request, item_id)))


@router.post("/items/{item_id}/table", auth=TokenAuth(), response={200: TableOut, **ERRORS})
def table_item(request: HttpRequest, item_id: int, body: TableIn) -> TableOut:
    """Table an item; ``carried_to`` is its copy on the next meeting, if one exists yet."""
    item = _item(request, item_id)
    carried = actions.do_table_item(item, body.reason)
    item.refresh_from_db()
    return TableOut(
        item=queries.item_data(item), carried_to=queries.item_data(carried) if carried else None
    )


@router.put(
    "/meetings/{meeting_id}/answer", auth=TokenAuth(), response={200: dict[str, int], **ERRORS}
)
def answer(request: HttpRequest, meeting_id: int, body: AnswerIn) -> dict[str, int]:
    """Answer coming / not coming; returns the counts."""
    meeting = _meeting(request, meeting_id, "meetings.take_part")
    actions.do_answer(_user(request), meeting, body.answer)
    return queries.rsvp_counts(meeting)


@router.post(
    "/meetings/{meeting_id}/check-in", auth=TokenAuth(), response={200: dict[str, int], **ERRORS}
)
def check_in(request: HttpRequest, meeting_id: int, body: CheckInIn) -> dict[str, int]:
    """Check in yourself, or (whoever runs the meeting) mark ``user_id`` present."""
    if body.user_id is None:
        meeting = _meeting(request, meeting_id, "meetings.take_part")
        actions.do_check_in(_user(request), meeting, body.presence)
        return queries.attendance_counts(meeting)
    meeting = _meeting(request, meeting_id, "meetings.run_meeting")
    person = User.objects.filter(pk=body.user_id).first()
    if person is None:
        raise ActionError(_("There is no such person."), 400)
    actions.do_mark_present(meeting, person, body.presence)
    return queries.attendance_counts(meeting)


@router.post(
    "/items/{item_id}/breakout", auth=TokenAuth(), response={201: dict[str, Any], **ERRORS}
)
def open_breakout(request: HttpRequest, item_id: int, body: BreakoutIn) -> Status[dict[str, Any]]:
    """Open a breakout from a breakout item (no committees named: all that everyone sees)."""
    item = _item(request, item_id)
    committees = _committees(item.meeting.group, body.committee_ids)
    breakout = actions.do_open_breakout(item, minutes=body.minutes, committees=committees)
    return Status(201, queries.breakout_data(breakout))


@router.post(
    "/breakouts/{breakout_id}/join", auth=TokenAuth(), response={200: dict[str, Any], **ERRORS}
)
def join_breakout(request: HttpRequest, breakout_id: int, body: JoinIn) -> dict[str, Any]:
    breakout = _breakout(request, breakout_id, "meetings.join_breakout")
    committees = _committees(breakout.meeting.group, body.committee_ids)
    actions.do_join_breakout(_user(request), breakout, committees)
    return queries.breakout_data(breakout)


@router.post(
    "/breakouts/{breakout_id}/report-backs",
    auth=TokenAuth(),
    response={201: ReportBackOut, **ERRORS},
)
def file_report_back(
    request: HttpRequest, breakout_id: int, body: ReportBackIn
) -> Status[ReportBackOut]:
    breakout = _breakout(request, breakout_id, "meetings.view_breakout")
    committee = _committee(breakout.meeting.group, body.committee_id)
    assert committee is not None
    if not may_report_back(request.user, breakout, committee):
        raise ActionError(_("Only the committee's note-taker files its report-back."), 403)
    report = actions.do_file_report_back(_user(request), breakout, committee, body.text)
    return Status(
        201,
        ReportBackOut(
            id=report.pk, committee_id=report.committee_id, text=report.text, item_id=report.item_id
        ),
    )


@router.post(
    "/breakouts/{breakout_id}/close",
    auth=TokenAuth(),
    response={200: list[dict[str, Any]], **ERRORS},
)
def close_breakout(request: HttpRequest, breakout_id: int) -> list[dict[str, Any]]:
    """End the breakout; returns the report-back items it put on the agenda."""
    breakout = _breakout(request, breakout_id, "meetings.run_breakout")
    return [queries.item_data(item) for item in actions.do_close_breakout(breakout)]
