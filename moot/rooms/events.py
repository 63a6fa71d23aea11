"""The live events of the room: one schema per event type.

Events on the meeting's stream (``meeting:<id>``) carry the meeting's id and version;
a client that sees a version jump has missed one and reconnects for a fresh snapshot.
They stay small: a stack change carries the changed entry and the new call order (entry
ids), not the whole room. Hand signals reach everyone only as anonymous counts (the
expiry times of the recent distinct senders of one kind); who sent which signal goes
only to the facilitators' stream (``facilitation:<id>``).

The proposal on the item under way is run from the room, and the room says so on the
meeting's stream too (``proposal.*``), with the meeting's version, rather than asking
the page to follow the group's decision stream as well: one stream, one order, and a
missed event is noticed like any other. Each carries only what changed — a new phase,
a closed round with its outcome sentence, one contribution — and the whole proposal
travels only when it is put on the item. While a round is open only the number of
ballots travels: a count that moves as each person votes would tell how they voted.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from moot.realtime.events import EventSchema, event_schema


class EntryData(BaseModel):
    id: int
    person_id: int
    name: str
    kind: str
    kind_label: str
    approved: bool


class TurnData(BaseModel):
    id: int
    person_id: int
    name: str
    source: str
    kind: str
    kind_label: str
    started_at: datetime
    ends_at: datetime


class CircleSeat(BaseModel):
    person_id: int
    name: str
    turn: str  # "", "spoke" or "passed"
    away: bool


class CircleData(BaseModel):
    id: int
    round: int
    holder_id: int | None
    seats: list[CircleSeat]
    complete: bool


class MeetingEvent(EventSchema):
    meeting_id: int
    version: int


@event_schema("stack.joined")
class StackJoined(MeetingEvent):
    entry: EntryData
    order: list[int]


@event_schema("stack.left")
class StackLeft(MeetingEvent):
    entry_id: int
    order: list[int]


@event_schema("stack.approved")
class StackApproved(MeetingEvent):
    entry: EntryData
    order: list[int]


@event_schema("speech.started")
class SpeechStarted(MeetingEvent):
    turn: TurnData
    entry_id: int | None
    order: list[int]


@event_schema("speech.ended")
class SpeechEnded(MeetingEvent):
    turn_id: int
    person_id: int
    seconds: int
    outcome: str


@event_schema("speech.wrap_up")
class SpeechWrapUp(MeetingEvent):
    turn_id: int
    person_id: int
    count: int


@event_schema("signals.changed")
class SignalsChanged(MeetingEvent):
    key: str
    expiries: list[datetime]


@event_schema("circle.started")
class CircleStarted(MeetingEvent):
    circle: CircleData


@event_schema("circle.moved")
class CircleMoved(MeetingEvent):
    circle_id: int
    person_id: int
    turn: str
    holder_id: int | None
    complete: bool


@event_schema("circle.ended")
class CircleEnded(MeetingEvent):
    circle_id: int


@event_schema("facilitation.signal")
class FacilitationSignal(EventSchema):
    meeting_id: int
    signal_id: int
    person_id: int
    name: str
    key: str
    label: str
    sent_at: datetime


# --- the proposal on the item under way -----------------------------------------------


class OpenRoundData(BaseModel):
    number: int
    stage: int
    ballots: int


class ReasonData(BaseModel):
    name: str | None  # None on a secret ballot
    reason: str


class ClosedRoundData(BaseModel):
    number: int
    stage: int
    outcome: str
    summary: str
    counts: dict[str, int] | None  # None when a secret result is withheld
    blocks: list[ReasonData]
    stand_asides: list[ReasonData]


class ContributionData(BaseModel):
    id: int
    phase: str
    kind: str
    author: str | None
    text: str


class AmendmentData(BaseModel):
    id: int
    author: str | None
    text: str
    reason: str
    status: str


class NextStage(BaseModel):
    """What decides the proposal's next (or open) round: the first stage of its rule, or
    a fallback once it has been blocked often enough."""

    stage: int
    fallback: bool
    rule: str


class ProposalData(BaseModel):
    id: int
    item_id: int
    title: str
    text: str
    author_id: int | None
    secret: bool
    rule: str
    phase: str
    status: str
    outcome: str
    summary: str
    blocks_so_far: int
    next: NextStage
    round: OpenRoundData | None
    rounds: list[ClosedRoundData]
    contributions: list[ContributionData]
    amendments: list[AmendmentData]


class ProposalEvent(MeetingEvent):
    proposal_id: int


@event_schema("proposal.attached")
class ProposalAttached(MeetingEvent):
    proposal: ProposalData


@event_schema("proposal.phase_changed")
class ProposalPhaseChanged(ProposalEvent):
    phase: str
    round: OpenRoundData | None
    next: NextStage


@event_schema("proposal.ballot_cast")
class ProposalBallotCast(ProposalEvent):
    round: int
    ballots: int


@event_schema("proposal.round_closed")
class ProposalRoundClosed(ProposalEvent):
    round: ClosedRoundData
    phase: str
    status: str
    outcome: str
    summary: str
    blocks_so_far: int
    next: NextStage


@event_schema("proposal.contribution_added")
class ProposalContributionAdded(ProposalEvent):
    contribution: ContributionData


@event_schema("proposal.amendment_proposed")
class ProposalAmendmentProposed(ProposalEvent):
    amendment: AmendmentData


@event_schema("proposal.amendment_decided")
class ProposalAmendmentDecided(ProposalEvent):
    amendment_id: int
    status: str
    text: str
