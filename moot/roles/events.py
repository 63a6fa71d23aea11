"""The live events of accountable roles: one schema per event type.

Every event of a group's roles goes to ``roles:<group_id>``; roles, their holders and
report-backs are as open as the group itself (secrecy about who holds power is what
accountable roles are meant to end), so one stream per group is enough.
"""

from __future__ import annotations

from moot.realtime.events import EventSchema, event_schema


def roles_stream(group_id: int) -> str:
    return f"roles:{group_id}"


class RoleEvent(EventSchema):
    group_id: int
    role_id: int


@event_schema("role.created")
class RoleCreated(RoleEvent):
    name: str
    seats: int


@event_schema("role.updated")
class RoleUpdated(RoleEvent):
    name: str
    seats: int
    report_every_days: int | None


@event_schema("role.term_started")
class TermStarted(RoleEvent):
    term_id: int
    holder: str
    starts_on: str
    ends_on: str


@event_schema("role.term_ended")
class TermEnded(RoleEvent):
    term_id: int
    holder: str
    reason: str


@event_schema("role.report_back_filed")
class ReportBackFiled(RoleEvent):
    term_id: int
    report_id: int
    author: str
