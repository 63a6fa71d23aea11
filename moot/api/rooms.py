"""API endpoints for the live room: the stack, speeches, hand signals and circles.

A scripted client can run the live part of a meeting with these. The same permissions
as the pages (``moot.rooms.rules``) and the same actions: a meeting one may not see,
or acting in a group one is not in, answers 404; a member using a facilitator's
endpoint answers 403.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import BaseModel, Field

from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS
from moot.api.common import request_user as _user
from moot.groups.errors import ActionError
from moot.meetings.models import Meeting
from moot.rooms import actions, queries
from moot.rooms.actions import proposals as room_proposals
from moot.rooms.events import CircleData, EntryData, ProposalData, TurnData
from moot.rooms.models import RequestKind, RoomCircle, SpeakingTurn

router = Router(tags=["rooms"])


class RoomOut(BaseModel):
    """The whole room, as the live stream's snapshot has it."""

    meeting_id: int
    version: int
    server_now: datetime
    current_item: dict[str, Any] | None
    speaker_seconds: int
    stack: list[EntryData]
    speaker: dict[str, Any] | None
    signals: dict[str, list[datetime]]
    signal_labels: dict[str, str]
    circle: CircleData | None
    proposal: ProposalData | None = None  # the proposal the item under way decides


class StackIn(BaseModel):
    kind: RequestKind = RequestKind.SPEAK


class LeaveStackIn(BaseModel):
    kind: RequestKind | None = None


class CallIn(BaseModel):
    entry_id: int | None = Field(default=None, description="Call this entry instead of the next.")


class TurnOut(TurnData):
    ended_at: datetime | None
    seconds: int
    outcome: str


class SignalIn(BaseModel):
    key: str = Field(min_length=1, max_length=50)


class SignalOut(BaseModel):
    id: int
    key: str
    sent_at: datetime


class CircleTurnIn(BaseModel):
    person_id: int | None = Field(
        default=None, description="The holder, when a facilitator takes the turn for them."
    )


def _meeting(request: HttpRequest, meeting_id: int, perm: str) -> Meeting:
    meeting = Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    user = request.user
    if meeting is None or not user.has_perm("rooms.view_room", meeting):
        raise Http404
    if perm == "rooms.view_room" or user.has_perm(perm, meeting):
        return meeting
    if not user.has_perm("rooms.take_part", meeting):
        raise Http404
    raise ActionError(_("Only the facilitators may do this."), 403)


def _turn_out(turn: SpeakingTurn) -> TurnOut:
    return TurnOut(
        **queries.turn_data(turn),
        ended_at=turn.ended_at,
        seconds=turn.seconds,
        outcome=turn.outcome,
    )


def _circle_out(room_circle: RoomCircle) -> CircleData:
    return CircleData(**queries.circle_data(room_circle))


@router.get("/rooms/{meeting_id}", response={200: RoomOut, **ERRORS})
def get_room(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    optional_user(request)
    return queries.room_state(_meeting(request, meeting_id, "rooms.view_room"))


@router.post("/rooms/{meeting_id}/stack", auth=TokenAuth(), response={201: EntryData, **ERRORS})
def join_stack(request: HttpRequest, meeting_id: int, body: StackIn) -> Status[EntryData]:
    """Join the stack to speak, or ask to jump it with a point or a response."""
    meeting = _meeting(request, meeting_id, "rooms.take_part")
    entry = actions.do_join_stack(_user(request), meeting, body.kind)
    return Status(201, EntryData(**queries.entry_data(entry)))


@router.post("/rooms/{meeting_id}/stack/leave", auth=TokenAuth(), response={204: None, **ERRORS})
def leave_stack(request: HttpRequest, meeting_id: int, body: LeaveStackIn) -> Status[None]:
    meeting = _meeting(request, meeting_id, "rooms.take_part")
    actions.do_leave_stack(_user(request), meeting, body.kind)
    return Status(204, None)


@router.post(
    "/rooms/{meeting_id}/stack/{entry_id}/approve",
    auth=TokenAuth(),
    response={200: EntryData, **ERRORS},
)
def approve_jump(request: HttpRequest, meeting_id: int, entry_id: int) -> EntryData:
    meeting = _meeting(request, meeting_id, "rooms.facilitate")
    return EntryData(**queries.entry_data(actions.do_approve_jump(meeting, entry_id)))


@router.post("/rooms/{meeting_id}/speech/next", auth=TokenAuth(), response={201: TurnOut, **ERRORS})
def call_next(request: HttpRequest, meeting_id: int, body: CallIn) -> Status[TurnOut]:
    """End the speech under way and call the next speaker (or the entry named)."""
    meeting = _meeting(request, meeting_id, "rooms.facilitate")
    return Status(201, _turn_out(actions.do_call_next(meeting, body.entry_id)))


@router.post("/rooms/{meeting_id}/speech/end", auth=TokenAuth(), response={200: TurnOut, **ERRORS})
def end_speech(request: HttpRequest, meeting_id: int) -> TurnOut:
    meeting = _meeting(request, meeting_id, "rooms.end_speech")
    return _turn_out(actions.do_end_speech(meeting))


@router.post("/rooms/{meeting_id}/signals", auth=TokenAuth(), response={201: SignalOut, **ERRORS})
def send_signal(request: HttpRequest, meeting_id: int, body: SignalIn) -> Status[SignalOut]:
    meeting = _meeting(request, meeting_id, "rooms.take_part")
    signal = actions.do_send_signal(_user(request), meeting, body.key)
    return Status(201, SignalOut(id=signal.pk, key=signal.key, sent_at=signal.sent_at))


@router.post("/rooms/{meeting_id}/circle", auth=TokenAuth(), response={201: CircleData, **ERRORS})
def start_circle(request: HttpRequest, meeting_id: int) -> Status[CircleData]:
    """Start a circle over the people present, in the order they arrived."""
    meeting = _meeting(request, meeting_id, "rooms.facilitate")
    return Status(201, _circle_out(actions.do_start_circle(meeting)))


@router.post(
    "/rooms/{meeting_id}/circle/speak", auth=TokenAuth(), response={200: CircleData, **ERRORS}
)
def speak_in_circle(request: HttpRequest, meeting_id: int, body: CircleTurnIn) -> CircleData:
    """The holder has spoken; the talking piece moves on."""
    meeting = _meeting(request, meeting_id, "rooms.take_part")
    person = _circle_person(request, meeting, body)
    return _circle_out(actions.do_speak_in_circle(meeting, person))


@router.post(
    "/rooms/{meeting_id}/circle/pass", auth=TokenAuth(), response={200: CircleData, **ERRORS}
)
def pass_in_circle(request: HttpRequest, meeting_id: int, body: CircleTurnIn) -> CircleData:
    meeting = _meeting(request, meeting_id, "rooms.take_part")
    person = _circle_person(request, meeting, body)
    return _circle_out(actions.do_pass_in_circle(meeting, person))


@router.post(
    "/rooms/{meeting_id}/circle/end", auth=TokenAuth(), response={200: CircleData, **ERRORS}
)
def end_circle(request: HttpRequest, meeting_id: int) -> CircleData:
    meeting = _meeting(request, meeting_id, "rooms.facilitate")
    return _circle_out(actions.do_end_circle(meeting))


def _circle_person(request: HttpRequest, meeting: Meeting, body: CircleTurnIn) -> int:
    """A facilitator may name the holder; anyone else takes their own turn."""
    me = _user(request)
    if body.person_id is None or body.person_id == me.pk:
        return me.pk
    if not me.has_perm("rooms.facilitate", meeting):
        raise ActionError(_("Only the facilitators may take a turn for someone else."), 403)
    return body.person_id


class PutProposalIn(BaseModel):
    """A new proposal (title, text, secret), or ``existing``: one made beforehand."""

    title: str = Field(default="", max_length=200)
    text: str = Field(default="", max_length=20000)
    secret: bool = False
    existing: int | None = None


class ProposalRefOut(BaseModel):
    proposal_id: int


@router.post(
    "/rooms/{meeting_id}/proposal", auth=TokenAuth(), response={201: ProposalRefOut, **ERRORS}
)
def put_proposal(
    request: HttpRequest, meeting_id: int, body: PutProposalIn
) -> Status[ProposalRefOut]:
    """Put a proposal on the proposal item under way; it then runs through the decisions
    endpoints (`/api/proposals/{id}/phase`, `/rounds`, `/ballots`, `/rounds/close`)."""
    meeting = _meeting(request, meeting_id, "rooms.facilitate")
    if body.existing is not None:
        proposal = room_proposals.do_bring_proposal(meeting, body.existing)
    elif body.title.strip():
        proposal = room_proposals.do_put_proposal(
            meeting, _user(request), title=body.title, text=body.text, secret=body.secret
        )
    else:
        raise ActionError(_("Give the proposal a title, or choose one."), 400)
    return Status(201, ProposalRefOut(proposal_id=proposal.pk))
