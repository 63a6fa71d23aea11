"""Every live event of the room has one schema, and a meeting run through the actions
publishes each of them, small and on the right stream."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from moot.accounts.models import User
from moot.groups.models import Group
from moot.realtime.events import EVENT_SCHEMAS
from moot.rooms import actions
from moot.rooms.models import RequestKind
from tests.apps.test_rooms_world import act, arrive, events, live_meeting, three_members

ROOM_EVENTS = {
    "stack.joined",
    "stack.left",
    "stack.approved",
    "speech.started",
    "speech.ended",
    "speech.wrap_up",
    "signals.changed",
    "circle.started",
    "circle.moved",
    "circle.ended",
}
FACILITATION_EVENTS = {"facilitation.signal"}


def test_every_room_event_type_has_a_schema_with_the_meeting_and_its_version() -> None:
    for event_type in ROOM_EVENTS:
        fields = EVENT_SCHEMAS[event_type].model_fields
        assert {"meeting_id", "version"} <= set(fields), event_type
    assert "meeting_id" in EVENT_SCHEMAS["facilitation.signal"].model_fields


def test_a_payload_that_does_not_fit_its_schema_is_refused() -> None:
    schema = EVENT_SCHEMAS["stack.left"]
    schema.model_validate({"meeting_id": 1, "version": 2, "entry_id": 3, "order": []})
    with pytest.raises(ValidationError):
        schema.model_validate({"meeting_id": 1, "entry_id": 3, "order": []})
    with pytest.raises(ValidationError):
        schema.model_validate(
            {"meeting_id": 1, "version": 2, "entry_id": 3, "order": [], "whole_room": {}}
        )


def test_a_meeting_run_through_the_actions_publishes_every_room_event(
    assembly: Group, facilitator: User, published: list[tuple[str, bytes]]
) -> None:
    meeting = live_meeting(assembly, wrap_up_threshold=1)
    ana, ben, cleo = three_members(assembly)
    arrive(meeting, ana, ben, cleo)
    act(actions.do_join_stack, ana, meeting)
    point = act(actions.do_join_stack, ben, meeting, RequestKind.POINT_OF_PROCESS)
    act(actions.do_join_stack, cleo, meeting)
    act(actions.do_leave_stack, cleo, meeting)
    act(actions.do_approve_jump, meeting, point.pk)
    act(actions.do_call_next, meeting)
    act(actions.do_send_signal, cleo, meeting, "wrap_up")
    act(actions.do_end_speech, meeting)
    act(actions.do_start_circle, meeting)
    act(actions.do_pass_in_circle, meeting, ana.pk)
    act(actions.do_end_circle, meeting)
    on_meeting = {e["type"] for e in events(published, f"meeting:{meeting.pk}")}
    on_facilitation = {e["type"] for e in events(published, f"facilitation:{meeting.pk}")}
    assert on_meeting == ROOM_EVENTS
    assert on_facilitation == FACILITATION_EVENTS


def test_a_stack_change_carries_the_entry_and_the_order_not_the_whole_room(
    assembly: Group, published: list[tuple[str, bytes]]
) -> None:
    meeting = live_meeting(assembly)
    people = three_members(assembly)
    for person in people:
        act(actions.do_join_stack, person, meeting)
    last = events(published)[-1]["data"]
    assert set(last) == {"meeting_id", "version", "entry", "order"}
    assert len(last["order"]) == 3
    assert max(len(message) for _, message in published) < 400
    assert all(json.loads(m)["data"]["meeting_id"] == meeting.pk for _, m in published)
