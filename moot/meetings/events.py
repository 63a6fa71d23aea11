"""The live events of meetings: one schema per event type.

Each is published to the meeting's stream (``meeting:<id>``) through
``moot.meetings.live.publish_meeting_event``, which fills in ``meeting_id`` and the
meeting's new ``version``. Item events carry the whole item, so a listener can redraw
it without asking again.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from moot.realtime.events import EventSchema, event_schema


class MeetingEvent(EventSchema):
    meeting_id: int
    version: int


class ItemData(BaseModel):
    id: int
    position: int
    kind: str
    title: str
    description: str
    time_box_minutes: int | None
    status: str
    started_at: datetime | None
    ended_at: datetime | None
    tabled_reason: str
    committee_id: int | None
    carried_from_id: int | None
    proposal_id: int | None


class CommitteeData(BaseModel):
    id: int
    name: str


class SeatCount(BaseModel):
    committee_id: int
    seated: int


@event_schema("meeting.updated")
class MeetingUpdated(MeetingEvent):
    title: str
    starts_at: datetime
    location: str
    emergency_reason: str
    speaker_seconds: int
    progressive_stack: bool
    wrap_up_threshold: int


@event_schema("meeting.opened")
class MeetingOpened(MeetingEvent):
    opened_at: datetime


@event_schema("meeting.ended")
class MeetingEnded(MeetingEvent):
    closed_at: datetime


@event_schema("meeting.cancelled")
class MeetingCancelled(MeetingEvent):
    pass


@event_schema("agenda.item_added")
class ItemAdded(MeetingEvent):
    item: ItemData


@event_schema("agenda.item_updated")
class ItemUpdated(MeetingEvent):
    item: ItemData


@event_schema("agenda.item_moved")
class ItemMoved(MeetingEvent):
    item_id: int
    order: list[int]


@event_schema("agenda.item_removed")
class ItemRemoved(MeetingEvent):
    item_id: int
    order: list[int]


@event_schema("agenda.item_started")
class ItemStarted(MeetingEvent):
    item: ItemData


@event_schema("agenda.item_finished")
class ItemFinished(MeetingEvent):
    item: ItemData


@event_schema("agenda.item_tabled")
class ItemTabled(MeetingEvent):
    item: ItemData
    carried_to_meeting_id: int | None


@event_schema("meeting.rsvp_changed")
class RsvpChanged(MeetingEvent):
    coming: int
    not_coming: int


@event_schema("meeting.attendance_changed")
class AttendanceChanged(MeetingEvent):
    user_id: int
    name: str
    presence: str
    present: bool
    present_count: int
    in_room: int
    remote: int


@event_schema("breakout.opened")
class BreakoutOpened(MeetingEvent):
    breakout_id: int
    item_id: int
    ends_at: datetime
    committees: list[CommitteeData]


@event_schema("breakout.joined")
class BreakoutJoined(MeetingEvent):
    breakout_id: int
    user_id: int
    committee_ids: list[int]
    seats: list[SeatCount]


@event_schema("breakout.report_back_filed")
class ReportBackFiled(MeetingEvent):
    breakout_id: int
    report_back_id: int
    committee_id: int
    item_id: int | None


@event_schema("breakout.closed")
class BreakoutClosed(MeetingEvent):
    breakout_id: int
    closed_at: datetime
    report_back_item_ids: list[int]


MEETING_EVENT_TYPES = (
    "meeting.updated",
    "meeting.opened",
    "meeting.ended",
    "meeting.cancelled",
    "agenda.item_added",
    "agenda.item_updated",
    "agenda.item_moved",
    "agenda.item_removed",
    "agenda.item_started",
    "agenda.item_finished",
    "agenda.item_tabled",
    "meeting.rsvp_changed",
    "meeting.attendance_changed",
    "breakout.opened",
    "breakout.joined",
    "breakout.report_back_filed",
    "breakout.closed",
)
