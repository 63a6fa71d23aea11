"""The live events of the room: one schema per event type.

Events on the meeting's stream (``meeting:<id>``) carry the meeting's id and version;
a client that sees a version jump has missed one and reconnects for a fresh snapshot.
They stay small: a stack change carries the changed entry and the new call order (entry
ids), not the whole room. Hand signals reach everyone only as anonymous counts (the
expiry times of the recent distinct senders of one kind); who sent which signal goes
only to the facilitators' stream (``facilitation:<id>``).
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
