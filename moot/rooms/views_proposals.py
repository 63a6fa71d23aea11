"""The buttons of the proposal panel in the live room.

Like every room button (``moot.rooms.views.room_button``), each parses its input, checks
permission and calls one action, and answers the page's script with 204 or the error as
JSON. Facilitators run the proposal (put it on the item, move it on, close a round);
members of the group take part (ask, raise a concern, propose an amendment, vote); the
proposer accepts or declines an amendment, as decisions' own rules say. A meeting the
person may not see, or acting in a group one is not in, answers 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.rooms import queries
from moot.rooms.actions import proposals as actions
from moot.rooms.proposals import AmendmentForm, ContributionForm, PutProposalForm, VoteForm, parsed
from moot.rooms.views import _int_field, _user, get_meeting_or_404, room_button

DECISIONS = {"accept": True, "decline": False}


@room_button
def put_proposal(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    data = parsed(PutProposalForm, request.POST, meeting=meeting)
    if data.get("existing"):
        actions.do_bring_proposal(meeting, data["existing"])
        return
    actions.do_put_proposal(
        meeting, _user(request), title=data["title"], text=data["text"], secret=data["secret"]
    )


@room_button
def move_proposal(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    actions.do_move_proposal(meeting, request.POST.get("phase", "").strip())


@room_button
def close_round(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    actions.do_close_proposal_round(meeting)


@room_button
def contribute(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    data = parsed(ContributionForm, request.POST)
    actions.do_add_room_contribution(meeting, _user(request), data["kind"], data["text"])


@room_button
def amend(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    data = parsed(AmendmentForm, request.POST)
    actions.do_propose_room_amendment(meeting, _user(request), data["text"], data["reason"])


@room_button
def decide_amendment(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    decision = request.POST.get("decision", "")
    if decision not in DECISIONS:
        raise ActionError(_("Say whether you accept or decline the amendment."), 400)
    amendment_id = _int_field(request, "amendment")
    assert amendment_id is not None
    proposal = queries.room_proposal(meeting)
    if proposal is not None and not request.user.has_perm("decisions.decide_amendment", proposal):
        raise ActionError(_("Only the proposer accepts or declines an amendment."), 403)
    actions.do_decide_room_amendment(meeting, amendment_id, DECISIONS[decision])


@room_button
def vote(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    data = parsed(VoteForm, request.POST)
    actions.do_cast_room_ballot(meeting, _user(request), data["position"], data["reason"])
