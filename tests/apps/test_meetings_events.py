"""Every meeting event type has a schema, is published by some action, and carries the
meeting's id and a version that rises by one with each change."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group
from moot.meetings import actions
from moot.meetings.actions import ItemDraft
from moot.meetings.events import MEETING_EVENT_TYPES
from moot.meetings.models import ItemKind
from moot.realtime.events import EVENT_SCHEMAS, serialize_event
from tests.apps.test_meetings_agenda import Published, events, schedule


def test_every_meeting_event_type_has_a_schema_with_meeting_id_and_version() -> None:
    for event_type in MEETING_EVENT_TYPES:
        fields = EVENT_SCHEMAS[event_type].model_fields
        assert {"meeting_id", "version"} <= set(fields), event_type


def test_a_payload_that_does_not_fit_its_schema_is_refused() -> None:
    with pytest.raises(ValidationError):
        serialize_event("meeting.opened", {"meeting_id": 1, "version": 1})
    with pytest.raises(ValidationError):
        serialize_event(
            "meeting.rsvp_changed",
            {"meeting_id": 1, "version": 1, "coming": 1, "not_coming": 0, "maybe": 3},
        )


def test_a_whole_meeting_publishes_every_event_type_with_rising_versions(
    assembly: Group, admin: User, facilitator: User, member: User, published: Published
) -> None:
    outreach = group_actions.do_create_committee(admin, assembly, name="Outreach")
    meeting = schedule(assembly, facilitator, "Welcome", "Demands", "Spare")
    later = schedule(assembly, facilitator, title="Next", days=14)
    actions.do_update_meeting(meeting, title="GA", starts_at=meeting.starts_at)
    breakout_item = actions.do_add_item(meeting, ItemDraft(title="Split", kind=ItemKind.BREAKOUT))
    actions.do_update_item(breakout_item, title="Committees", kind=ItemKind.BREAKOUT)
    actions.do_move_item(breakout_item, 1)
    actions.do_remove_item(meeting.items.get(title="Spare"))
    actions.do_answer(member, meeting, "coming")
    actions.do_open_meeting(meeting)
    actions.do_check_in(member, meeting)
    actions.do_finish_item(actions.do_start_item(meeting.items.get(title="Welcome")))
    breakout = actions.do_open_breakout(breakout_item, minutes=15)
    actions.do_join_breakout(member, breakout, [outreach])
    actions.do_file_report_back(facilitator, breakout, outreach, "Flyers")
    actions.do_close_breakout(breakout)
    actions.do_table_item(meeting.items.get(title="Demands"))
    actions.do_end_meeting(meeting)
    actions.do_cancel_meeting(later)
    seen = events(published)
    assert {e["type"] for e in seen} == set(MEETING_EVENT_TYPES)
    versions = [e["data"]["version"] for e in seen if e["data"]["meeting_id"] == meeting.pk]
    assert versions == list(range(1, len(versions) + 1))
