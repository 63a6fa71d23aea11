"""The live events of groups: their schemas, one per event type."""

from __future__ import annotations

from moot.realtime.events import EventSchema, event_schema


def group_stream(group_id: int) -> str:
    return f"group:{group_id}"


@event_schema("membership.joined")
class MembershipJoined(EventSchema):
    group_id: int
    user_id: int
    name: str
    role: str


@event_schema("membership.left")
class MembershipLeft(EventSchema):
    group_id: int
    user_id: int


@event_schema("membership.role_changed")
class MembershipRoleChanged(EventSchema):
    group_id: int
    user_id: int
    role: str


@event_schema("group.committee_created")
class CommitteeCreated(EventSchema):
    group_id: int
    committee_id: int
    name: str
