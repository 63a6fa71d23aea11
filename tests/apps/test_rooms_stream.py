"""The room's live streams over a real server: the whole room first, then each change
with the next version; facilitators alone may listen to who sent which signal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moot.groups import actions as group_actions
from moot.groups.models import Role
from moot.rooms import actions
from tests.apps.conftest import make_user
from tests.apps.test_live_stream import Listener, session_cookie
from tests.apps.test_rooms_world import live_meeting
from tests.liveserver import LiveServer


@pytest.fixture
def server(transactional_db: None) -> Iterator[LiveServer]:
    live = LiveServer()
    live.start()
    yield live
    live.stop()


def test_a_listener_gets_the_room_then_each_change_and_facilitators_get_names(
    server: LiveServer,
) -> None:
    admin = make_user("admin")
    group = group_actions.do_create_group(admin, name="Assembly", kind="assembly")
    ana, fay = make_user("ana"), make_user("fay")
    group_actions.do_add_member(ana, group)
    group_actions.do_add_member(fay, group, Role.FACILITATOR)
    meeting = live_meeting(group)
    actions.do_join_stack(ana, meeting)

    room = Listener(server, [f"meeting:{meeting.pk}"])
    snapshot = room.next_event()
    assert snapshot["type"] == "snapshot"
    state = snapshot["data"]
    assert [entry["name"] for entry in state["stack"]] == ["Ana"]  # type: ignore[index]
    assert state["current_item"]["title"] == "Check-in"  # type: ignore[index]
    version = state["version"]  # type: ignore[index]

    refused = Listener(server, [f"facilitation:{meeting.pk}"], session_cookie(ana))
    assert refused.response.status == 404
    desk = Listener(
        server, [f"meeting:{meeting.pk}", f"facilitation:{meeting.pk}"], session_cookie(fay)
    )
    assert desk.response.status == 200
    assert desk.next_event()["stream"] == f"meeting:{meeting.pk}"
    assert desk.next_event()["stream"] == f"facilitation:{meeting.pk}"

    actions.do_call_next(meeting)
    started = room.next_event()
    assert started["type"] == "speech.started"
    assert started["data"]["version"] == version + 1  # type: ignore[index]
    actions.do_send_signal(ana, meeting, "agree")
    assert room.next_event()["type"] == "signals.changed"
    seen = {desk.next_event()["type"] for _ in range(3)}
    assert "facilitation.signal" in seen
    for listener in (room, refused, desk):
        listener.close()
