"""A scripted client runs a live proposal: it puts the proposal on the item under way in
the room, then moves it, takes ballots and closes the round through the decisions API."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role
from moot.meetings.actions import do_start_item
from tests.apps.conftest import make_user
from tests.apps.test_rooms_world import live_meeting


def test_a_script_puts_a_proposal_on_the_item_and_runs_it_to_a_decision(
    assembly: Group, api_client: Callable[[User | None], Client]
) -> None:
    fay, ana = make_user("fay"), make_user("ana")
    group_actions.do_add_member(fay, assembly, Role.FACILITATOR)
    group_actions.do_add_member(ana, assembly)
    meeting = live_meeting(assembly)
    do_start_item(meeting.items.get(kind="proposal"))
    script, voter = api_client(fay), api_client(ana)

    def post(client: Client, path: str, body: dict[str, object]) -> dict[str, object]:
        response = client.post(path, body, content_type="application/json")
        assert response.status_code in (200, 201), response.content[:300]
        return response.json()  # type: ignore[no-any-return]

    untitled = script.post(f"/api/rooms/{meeting.pk}/proposal", {}, content_type="application/json")
    assert untitled.status_code == 400
    made = post(script, f"/api/rooms/{meeting.pk}/proposal", {"title": "We seek no permits"})
    proposal = f"/api/proposals/{made['proposal_id']}"
    post(script, proposal + "/phase", {"phase": "testing"})
    for client in (script, voter):
        post(client, proposal + "/ballots", {"choice": {"position": "agree"}})
    decided = post(script, proposal + "/rounds/close", {"present": 2})
    assert decided["outcome"] == "passed"
    meeting.refresh_from_db()
    assert meeting.current_item is not None
    assert meeting.current_item.proposal_id == made["proposal_id"]
