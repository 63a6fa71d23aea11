"""Running the proposal of the item under way from the live room.

A facilitator puts a proposal on a proposal item under way: it is made under the
group's stored rule, to be decided in this meeting, seen by whoever may see the meeting,
and named by the item. From then on the room runs that proposal and no other: clarifying
questions, concerns, friendly amendments, a test for consensus (or, once it has been
blocked often enough, the rule's fallback vote), and the close of each round, counted
with the number of people present.

Each action locks the meeting, which must be in session, finds the proposal the item
under way decides, calls the one decisions action that changes it (which checks the
proposal's own rules and refuses before writing), and says what changed on the
meeting's stream with the meeting's next version (``proposal.*``, see ``events.py``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.models import Amendment, Contribution, ContributionKind, Mode, Proposal
from moot.groups.errors import ActionError
from moot.meetings import queries as meeting_queries
from moot.meetings.actions.agenda import do_attach_proposal
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import AgendaItem, ItemKind, Meeting
from moot.rooms import queries
from moot.rooms.actions.common import lock_live_meeting

ROOM_CONTRIBUTIONS = (
    ContributionKind.CLARIFYING_QUESTION,
    ContributionKind.CONCERN,
    ContributionKind.POINT_OF_INFORMATION,
)


def _room_proposal(meeting: Meeting) -> Proposal:
    proposal = queries.room_proposal(meeting)
    if proposal is None:
        raise ActionError(_("No proposal is on the item under way."), 409)
    return proposal


@transaction.atomic
def do_put_proposal(
    meeting: Meeting, author: User, *, title: str, text: str = "", secret: bool = False
) -> Proposal:
    """Make a proposal under the group's rule and put it on the proposal item under way."""
    meeting = lock_live_meeting(meeting)
    item = _item_awaiting_proposal(meeting)
    draft = decisions.Draft(
        title=title, text=text, mode=Mode.LIVE, secret=secret, visibility=meeting.visibility
    )
    proposal = decisions.do_open_proposal(author, meeting.group, draft)
    do_attach_proposal(item, proposal)
    publish_meeting_event(
        meeting, "proposal.attached", {"proposal": queries.proposal_data(proposal, item.pk)}
    )
    return proposal


@transaction.atomic
def do_bring_proposal(meeting: Meeting, proposal_id: int) -> Proposal:
    """Put a proposal already made for this meeting on the proposal item under way."""
    meeting = lock_live_meeting(meeting)
    item = _item_awaiting_proposal(meeting)
    proposal = next(
        (p for p in queries.waiting_proposals(meeting.group_id) if p.pk == proposal_id), None
    )
    if proposal is None:
        raise ActionError(_("That proposal is not waiting for this meeting."), 404)
    do_attach_proposal(item, proposal)
    publish_meeting_event(
        meeting, "proposal.attached", {"proposal": queries.proposal_data(proposal, item.pk)}
    )
    return proposal


def _item_awaiting_proposal(meeting: Meeting) -> AgendaItem:
    item = meeting.current_item
    if item is None or item.kind != ItemKind.PROPOSAL:
        raise ActionError(_("Start a proposal item first: the proposal goes on it."), 409)
    if item.proposal_id is not None:
        raise ActionError(_("This item already has its proposal."), 409)
    return item


@transaction.atomic
def do_move_proposal(meeting: Meeting, phase: str) -> Proposal:
    """Move to a discussion phase, or open the next round (a test or the fallback vote)."""
    meeting = lock_live_meeting(meeting)
    proposal = decisions.do_move_to_phase(_room_proposal(meeting), phase)
    current = proposal.rounds.filter(closed_at__isnull=True).first()
    publish_meeting_event(
        meeting,
        "proposal.phase_changed",
        {
            "proposal_id": proposal.pk,
            "phase": proposal.phase,
            "round": None if current is None else queries.open_round_data(current),
            "next": queries.next_stage(proposal, current),
        },
    )
    return proposal


@transaction.atomic
def do_close_proposal_round(meeting: Meeting) -> Proposal:
    """Count the open round under the proposal's rule, with the people present now."""
    meeting = lock_live_meeting(meeting)
    proposal = _room_proposal(meeting)
    decisions.do_close_round(proposal, present=meeting_queries.present_count(meeting))
    proposal.refresh_from_db()
    closed = proposal.rounds.order_by("-number").first()
    assert closed is not None
    publish_meeting_event(
        meeting,
        "proposal.round_closed",
        {
            "proposal_id": proposal.pk,
            "round": queries.closed_round_data(closed),
            "phase": proposal.phase,
            "status": proposal.status,
            "outcome": proposal.outcome,
            "summary": proposal.summary,
            "blocks_so_far": proposal.blocks_so_far,
            "next": queries.next_stage(proposal),
        },
    )
    return proposal


@transaction.atomic
def do_add_room_contribution(meeting: Meeting, author: User, kind: str, text: str) -> Contribution:
    """A clarifying question, a concern or a point of information on the proposal."""
    meeting = lock_live_meeting(meeting)
    proposal = _room_proposal(meeting)
    if kind not in ROOM_CONTRIBUTIONS:
        raise ActionError(_("Unknown kind of contribution."), 400)
    contribution = decisions.do_add_contribution(proposal, author, kind, text)
    publish_meeting_event(
        meeting,
        "proposal.contribution_added",
        {"proposal_id": proposal.pk, "contribution": queries.contribution_data(contribution)},
    )
    return contribution


@transaction.atomic
def do_propose_room_amendment(
    meeting: Meeting, author: User, text: str, reason: str = ""
) -> Amendment:
    meeting = lock_live_meeting(meeting)
    proposal = _room_proposal(meeting)
    amendment = decisions.do_propose_amendment(proposal, author, text, reason)
    publish_meeting_event(
        meeting,
        "proposal.amendment_proposed",
        {"proposal_id": proposal.pk, "amendment": queries.amendment_data(amendment)},
    )
    return amendment


@transaction.atomic
def do_decide_room_amendment(meeting: Meeting, amendment_id: int, accept: bool) -> Amendment:
    """Accept (the text changes, the old text is kept) or decline a friendly amendment."""
    meeting = lock_live_meeting(meeting)
    proposal = _room_proposal(meeting)
    amendment = proposal.amendments.filter(pk=amendment_id).first()
    if amendment is None:
        raise ActionError(_("There is no such amendment to this proposal."), 404)
    decide = decisions.do_accept_amendment if accept else decisions.do_decline_amendment
    decide(amendment)
    proposal.refresh_from_db(fields=["text"])
    publish_meeting_event(
        meeting,
        "proposal.amendment_decided",
        {
            "proposal_id": proposal.pk,
            "amendment_id": amendment.pk,
            "status": amendment.status,
            "text": proposal.text,
        },
    )
    return amendment


@transaction.atomic
def do_cast_room_ballot(
    meeting: Meeting, voter: User, position: str, reason: str = ""
) -> decisions.Receipt:
    """A position in the open round; a block must give its reason."""
    meeting = lock_live_meeting(meeting)
    proposal = _room_proposal(meeting)
    receipt = decisions.do_cast_ballot(proposal, voter, {"position": position, "reason": reason})
    publish_meeting_event(
        meeting,
        "proposal.ballot_cast",
        {"proposal_id": proposal.pk, "round": receipt.round, "ballots": receipt.ballots},
    )
    return receipt
