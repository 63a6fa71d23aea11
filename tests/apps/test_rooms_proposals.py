"""The proposal in the live room: a facilitator puts it on the proposal item under way
and runs it; members ask, amend and vote from their phones; every change reaches the
room on the meeting's stream, and a reconnecting page gets the whole proposal back.

Also the meetings action the room builds on: ``do_attach_proposal``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pydantic import ValidationError

from moot.accounts.models import User
from moot.core.rules import TEMPLATES
from moot.decisions import actions as decisions
from moot.decisions.models import Ballot, Contribution, Proposal
from moot.groups import actions as group_actions
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.meetings import actions as meeting_actions
from moot.meetings.actions.agenda import do_attach_proposal
from moot.meetings.models import AgendaItem, Meeting
from moot.realtime.events import EVENT_SCHEMAS
from moot.rooms import queries
from moot.rooms.actions import proposals as room
from moot.rooms.streams import meeting_snapshot
from tests.apps.conftest import client_for
from tests.apps.test_rooms_permissions import (
    LOGIN,
    ROLES,
    Expect,
    Setup,
    World,
    _assert_status,
    facilitators,
    members,
    module_world,
    nobody,
    world,
)
from tests.apps.test_rooms_world import act, arrive, events, live_meeting, three_members

__all__ = ["module_world", "world"]  # the shared world of the room's permission table

PROPOSAL_EVENTS = {
    "proposal.attached",
    "proposal.phase_changed",
    "proposal.ballot_cast",
    "proposal.round_closed",
    "proposal.contribution_added",
    "proposal.amendment_proposed",
    "proposal.amendment_decided",
}
JSON = {"HTTP_ACCEPT": "application/json"}


def occupy(group: Group) -> Group:
    return group_actions.do_update_group(group, decision_rule=TEMPLATES["occupy"].to_dict())


def permits_item(meeting: Meeting) -> AgendaItem:
    return meeting.items.get(title="Permits")


def at_permits(meeting: Meeting) -> Meeting:
    """Start the meeting's proposal item."""
    meeting_actions.do_start_item(permits_item(meeting))
    meeting.refresh_from_db()
    return meeting


def put(meeting: Meeting, author: User, **fields: Any) -> Proposal:
    fields.setdefault("title", "No permits")
    fields.setdefault("text", "We do not seek legal permits for the camp.")
    return room.do_put_proposal(meeting, author, **fields)


def post(client: Client, name: str, meeting: Meeting, **data: Any) -> Any:
    return client.post(reverse(f"room_proposal:{name}", args=[meeting.pk]), data, **JSON)


def vote_all(meeting: Meeting, votes: dict[User, tuple[str, str]]) -> None:
    for person, (position, reason) in votes.items():
        room.do_cast_room_ballot(meeting, person, position, reason)


# --- do_attach_proposal (meetings) -------------------------------------------------------


@pytest.fixture
def meeting(assembly: Group) -> Meeting:
    return live_meeting(assembly)


def open_proposal(group: Group, author: User, **fields: Any) -> Proposal:
    return decisions.do_open_proposal(author, group, title="No permits", mode="live", **fields)


def test_attaching_a_proposal_names_it_on_the_item_and_says_so(
    meeting: Meeting, admin: User, published: list[tuple[str, bytes]]
) -> None:
    proposal = open_proposal(meeting.group, admin)
    item = act(do_attach_proposal, permits_item(meeting), proposal)
    assert AgendaItem.objects.get(pk=item.pk).proposal_id == proposal.pk
    (event,) = list(events(published, f"meeting:{meeting.pk}"))
    assert event["type"] == "agenda.item_updated"
    assert event["data"]["item"]["proposal_id"] == proposal.pk


def test_only_a_proposal_item_without_a_proposal_takes_one(meeting: Meeting, admin: User) -> None:
    proposal = open_proposal(meeting.group, admin)
    check_in = meeting.items.get(title="Check-in")
    with pytest.raises(ActionError) as refused:
        do_attach_proposal(check_in, proposal)
    assert refused.value.status == 409
    do_attach_proposal(permits_item(meeting), proposal)
    with pytest.raises(ActionError) as again:
        do_attach_proposal(permits_item(meeting), open_proposal(meeting.group, admin))
    assert again.value.status == 409
    assert permits_item(meeting).proposal_id == proposal.pk


def test_a_proposal_of_another_group_or_a_closed_one_is_refused(
    meeting: Meeting, admin: User, private_group: Group
) -> None:
    owner = private_group.memberships.first().user  # type: ignore[union-attr]
    elsewhere = open_proposal(private_group, owner)
    withdrawn = decisions.do_withdraw(open_proposal(meeting.group, admin))
    for proposal in (elsewhere, withdrawn):
        with pytest.raises(ActionError) as refused:
            do_attach_proposal(permits_item(meeting), proposal)
        assert refused.value.status == 400
    assert permits_item(meeting).proposal_id is None


def test_nothing_is_attached_in_an_ended_meeting(meeting: Meeting, admin: User) -> None:
    proposal = open_proposal(meeting.group, admin)
    meeting_actions.do_end_meeting(meeting)
    with pytest.raises(ActionError) as refused:
        do_attach_proposal(permits_item(meeting), proposal)
    assert refused.value.status == 409
    assert permits_item(meeting).proposal_id is None


# --- running the proposal from the room ---------------------------------------------------


def test_a_proposal_under_the_occupy_rule_is_blocked_twice_then_passes_the_fallback_vote(
    assembly: Group, facilitator: User, published: list[tuple[str, bytes]]
) -> None:
    occupy(assembly)
    meeting = at_permits(live_meeting(assembly))
    ana, ben, cleo = three_members(assembly)
    arrive(meeting, ana, ben, cleo)
    proposal = act(put, meeting, facilitator)
    assert proposal.mode == "live"
    assert proposal.rule == TEMPLATES["occupy"].to_dict()
    assert permits_item(meeting).proposal_id == proposal.pk
    block = {
        ana: ("agree", ""),
        ben: ("block", "The camp needs a permit for water."),
        cleo: ("agree", ""),
    }
    for _ in range(2):
        act(room.do_move_proposal, meeting, "testing")
        act(vote_all, meeting, block)
        closed = act(room.do_close_proposal_round, meeting)
        assert closed.is_open
        assert closed.phase == "concerns"
    state = queries.room_state(meeting)["proposal"]
    assert state["blocks_so_far"] == 2
    assert state["next"] == {
        "stage": 1,
        "fallback": True,
        "rule": "a 90% vote of those agreeing or disagreeing",
    }
    assert state["rounds"][0]["blocks"] == [
        {"name": "Ben", "reason": "The camp needs a permit for water."}
    ]
    act(room.do_move_proposal, meeting, "testing")
    assert Proposal.objects.get(pk=proposal.pk).phase == "fallback"
    act(vote_all, meeting, {ana: ("agree", ""), ben: ("agree", ""), cleo: ("agree", "")})
    decided = act(room.do_close_proposal_round, meeting)
    assert decided.outcome == "passed"
    assert decided.summary == "Passed: 3 agree — 100% ≥ 90%"
    closing = [e for e in events(published) if e["type"] == "proposal.round_closed"][-1]
    assert closing["data"]["summary"] == decided.summary
    assert closing["data"]["status"] == "closed"


def test_a_run_publishes_every_proposal_event_on_the_meeting_stream_in_version_order(
    assembly: Group, facilitator: User, published: list[tuple[str, bytes]]
) -> None:
    meeting = at_permits(live_meeting(assembly))
    ana, ben, cleo = three_members(assembly)
    arrive(meeting, ana, ben, cleo)
    published.clear()
    act(put, meeting, facilitator)
    act(room.do_add_room_contribution, meeting, ana, "clarifying_question", "Which permits?")
    act(room.do_move_proposal, meeting, "amendments")
    amendment = act(room.do_propose_room_amendment, meeting, ben, "No permits, ever.")
    act(room.do_decide_room_amendment, meeting, amendment.pk, True)
    act(room.do_move_proposal, meeting, "testing")
    act(room.do_cast_room_ballot, meeting, cleo, "stand_aside", "Not my call.")
    act(room.do_close_proposal_round, meeting)
    on_meeting = events(published, f"meeting:{meeting.pk}")
    assert {e["type"] for e in on_meeting} >= PROPOSAL_EVENTS
    versions = [e["data"]["version"] for e in on_meeting]
    assert versions == list(range(versions[0], versions[0] + len(versions)))
    decided = next(e for e in on_meeting if e["type"] == "proposal.amendment_decided")
    assert decided["data"]["text"] == "No permits, ever."
    cast = next(e for e in on_meeting if e["type"] == "proposal.ballot_cast")
    assert set(cast["data"]) == {"meeting_id", "version", "proposal_id", "round", "ballots"}


def test_every_proposal_event_type_has_a_schema_with_the_meeting_and_its_version() -> None:
    for event_type in PROPOSAL_EVENTS:
        assert {"meeting_id", "version"} <= set(EVENT_SCHEMAS[event_type].model_fields)
    with pytest.raises(ValidationError):
        EVENT_SCHEMAS["proposal.ballot_cast"].model_validate(
            {"meeting_id": 1, "version": 2, "proposal_id": 3, "round": 1, "ballots": 1, "who": 4}
        )


def test_a_reconnecting_page_gets_the_phase_the_round_and_the_summary_in_the_snapshot(
    assembly: Group, facilitator: User, admin: User
) -> None:
    meeting = at_permits(live_meeting(assembly))
    ana, ben, cleo = three_members(assembly)
    put(meeting, facilitator, secret=True)
    room.do_move_proposal(meeting, "testing")
    room.do_cast_room_ballot(meeting, ana, "agree")
    snapshot = meeting_snapshot(admin, str(meeting.pk))["proposal"]
    assert snapshot["phase"] == "testing"
    assert snapshot["secret"] is True
    assert snapshot["round"] == {"number": 1, "stage": 0, "ballots": 1}
    vote_all(meeting, {ben: ("agree", ""), cleo: ("disagree", "")})
    room.do_close_proposal_round(meeting)
    snapshot = meeting_snapshot(admin, str(meeting.pk))["proposal"]
    assert snapshot["status"] == "closed"
    assert snapshot["round"] is None
    assert snapshot["summary"].startswith("Passed")
    assert snapshot["rounds"][0]["counts"]["agree"] == 2


def test_the_room_does_not_show_a_proposal_more_closed_than_the_meeting(
    assembly: Group, facilitator: User, admin: User
) -> None:
    meeting = at_permits(live_meeting(assembly))
    hidden = decisions.do_open_proposal(
        admin, assembly, title="Members only", mode="live", visibility=Visibility.MEMBERS
    )
    do_attach_proposal(permits_item(meeting), hidden)
    assert queries.room_state(meeting)["proposal"] is None


def test_the_room_api_gives_the_proposal_as_the_snapshot_does(
    assembly: Group, facilitator: User, member: User, api_client: Any
) -> None:
    meeting = at_permits(live_meeting(assembly))
    put(meeting, facilitator)
    response = api_client(member).get(f"/api/rooms/{meeting.pk}")
    assert response.status_code == 200
    proposal = response.json()["proposal"]
    assert proposal["title"] == "No permits"
    assert proposal["phase"] == "clarifying"


# --- refusals: a clear 4xx, and nothing changed -------------------------------------------


@pytest.fixture
def running(assembly: Group, facilitator: User) -> Meeting:
    """The proposal item under way with its proposal, a test for consensus open."""
    meeting = at_permits(live_meeting(assembly))
    put(meeting, facilitator)
    room.do_move_proposal(meeting, "testing")
    return meeting


def test_a_block_without_a_reason_is_refused_with_a_clear_message_and_not_counted(
    running: Meeting, member: User
) -> None:
    response = post(client_for(member), "vote", running, **{"vote-position": "block"})
    assert response.status_code == 400
    assert response.json()["detail"] == "A block must give its reason."
    assert not Ballot.objects.exists()
    answered = post(
        client_for(member), "vote", running, **{"vote-position": "block", "vote-reason": "Unsafe"}
    )
    assert answered.status_code == 204
    assert Ballot.objects.get().choice == {"position": "block", "reason": "Unsafe"}


def test_the_plain_form_shows_the_refused_block_on_a_400_page(
    running: Meeting, member: User
) -> None:
    url = reverse("room_proposal:vote", args=[running.pk])
    response = client_for(member).post(url, {"vote-position": "block"})
    assert response.status_code == 400
    assert "A block must give its reason." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_ballot_changed_is_counted_once(running: Meeting, member: User) -> None:
    client = client_for(member)
    for position in ("agree", "agree", "disagree"):
        assert post(client, "vote", running, **{"vote-position": position}).status_code == 204
    assert Ballot.objects.get().choice == {"position": "disagree"}
    assert queries.room_state(running)["proposal"]["round"]["ballots"] == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("put", {"put-title": "Another"}),
        ("move", {"phase": "concerns"}),
        ("close_round", {}),
        ("contribute", {"ask-kind": "concern", "ask-text": "Too late?"}),
        ("amend", {"amend-text": "Other text"}),
        ("vote", {"vote-position": "agree"}),
    ],
)
def test_nothing_changes_in_a_meeting_that_has_ended(
    running: Meeting, facilitator: User, name: str, data: dict[str, str]
) -> None:
    proposal = Proposal.objects.get()
    before = queries.proposal_data(proposal, 0)
    meeting_actions.do_end_meeting(running)
    response = post(client_for(facilitator), name, running, **data)
    assert response.status_code == 409
    assert response.json()["detail"] == "This meeting is not in session."
    assert queries.proposal_data(Proposal.objects.get(), 0) == before
    assert Proposal.objects.count() == 1
    assert not Ballot.objects.exists()


def test_bad_input_is_refused_with_a_clear_message_and_nothing_created(
    assembly: Group, facilitator: User, member: User
) -> None:
    meeting = live_meeting(assembly)
    boss, person = client_for(facilitator), client_for(member)
    early = post(boss, "put", meeting, **{"put-title": "Too soon"})
    assert early.status_code == 409
    assert "proposal item" in early.json()["detail"]
    at_permits(meeting)
    untitled = post(boss, "put", meeting, **{"put-title": "  "})
    assert untitled.status_code == 400
    assert "title" in untitled.json()["detail"]
    no_proposal = post(person, "vote", meeting, **{"vote-position": "agree"})
    assert no_proposal.json()["detail"] == "No proposal is on the item under way."
    assert not Proposal.objects.exists()
    assert post(boss, "put", meeting, **{"put-title": "Permits"}).status_code == 204
    again = post(boss, "put", meeting, **{"put-title": "Permits again"})
    assert again.status_code == 409
    assert Proposal.objects.count() == 1
    wrong_kind = post(person, "contribute", meeting, **{"ask-kind": "answer", "ask-text": "x"})
    assert wrong_kind.status_code == 400
    unknown = post(boss, "move", meeting, phase="nowhere")
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == "Unknown phase."
    no_round = post(person, "vote", meeting, **{"vote-position": "agree"})
    assert no_round.status_code == 409
    nothing_open = post(boss, "close_round", meeting)
    assert nothing_open.status_code == 409
    assert not Contribution.objects.exists()
    assert not Ballot.objects.exists()


def test_an_amendment_is_decided_by_the_proposer_only(
    assembly: Group, facilitator: User, member: User, admin: User
) -> None:
    meeting = at_permits(live_meeting(assembly))
    put(meeting, facilitator)
    amendment = room.do_propose_room_amendment(meeting, member, "Permits only for water.")
    data = {"amendment": str(amendment.pk), "decision": "accept"}
    refused = post(client_for(admin), "decide_amendment", meeting, **data)
    assert refused.status_code == 403
    unclear = post(client_for(facilitator), "decide_amendment", meeting, amendment=amendment.pk)
    assert unclear.status_code == 400
    done = post(client_for(facilitator), "decide_amendment", meeting, **data)
    assert done.status_code == 204
    assert Proposal.objects.get().text == "Permits only for water."


def test_the_pages_show_the_panel_with_its_forms_to_those_who_use_them(
    running: Meeting, facilitator: User, member: User
) -> None:
    pages = {
        "facilitate": client_for(facilitator),
        "participant": client_for(member),
        "projector": Client(),
    }
    html = {
        name: client.get(reverse(f"rooms:{name}", args=[running.pk])).content.decode()
        for name, client in pages.items()
    }
    assert all("No permits" in page for page in html.values())
    assert "Close the round and count" in html["facilitate"]
    assert 'name="vote-position"' in html["participant"]
    assert 'name="vote-position"' not in html["projector"]
    words = (
        html["participant"]
        .split('id="proposal-words" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert json.loads(words)["phase_fallback"] == "Fallback vote"


# --- who may do what: each proposal button × role × meeting --------------------------------
# Meeting A is the public assembly's, B the members-only branch's (see
# test_rooms_permissions). The proposal in A is put on by A's facilitator, in B by a
# member of both; before each request the room is set so the action would succeed.


def _proposer(world: World, meeting: Meeting) -> User:
    facilitator = world.people["facilitator"]
    assert facilitator is not None
    return facilitator if meeting == world.meetings["A"] else world.bystander


def item_ready(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    at_permits(meeting)
    return {}


def proposal_on(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    put(at_permits(meeting), _proposer(world, meeting))
    return {}


def round_open(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    proposal_on(world, meeting, actor)
    room.do_move_proposal(meeting, "testing")
    return {}


def amendment_waits(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    proposal_on(world, meeting, actor)
    amendment = room.do_propose_room_amendment(meeting, world.bystander, "Other words.")
    return {"amendment": str(amendment.pk), "decision": "accept"}


PROPOSER = (LOGIN, 404, 403, 204, 403, 403)  # decisions: only the proposer decides
BUTTONS: dict[tuple[str, str], tuple[Setup, Expect, dict[str, str]]] = {
    ("put", "A"): (item_ready, facilitators(204), {"put-title": "No permits"}),
    ("move", "A"): (proposal_on, facilitators(204), {"phase": "concerns"}),
    ("close_round", "A"): (round_open, facilitators(204), {}),
    ("contribute", "A"): (proposal_on, members(204), {"ask-kind": "concern", "ask-text": "?"}),
    ("amend", "A"): (proposal_on, members(204), {"amend-text": "Better words."}),
    ("decide_amendment", "A"): (amendment_waits, PROPOSER, {}),
    ("vote", "A"): (round_open, members(204), {"vote-position": "agree"}),
}
BUTTONS.update(
    {(name, "B"): (setup, nobody(), data) for (name, _), (setup, _, data) in BUTTONS.items()}
)


@pytest.mark.parametrize(
    ("name", "target", "role", "setup", "expected", "data"),
    [
        pytest.param(name, target, role, setup, expect[i], data, id=f"{name} [{target}] {role}")
        for (name, target), (setup, expect, data) in BUTTONS.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_each_proposal_button_answers_each_role_as_the_table_says(
    world: World,
    name: str,
    target: str,
    role: str,
    setup: Setup,
    expected: Any,
    data: dict[str, str],
) -> None:
    meeting, user = world.meetings[target], world.people[role]
    data = {**data, **setup(world, meeting, user)}
    before = queries.room_state(meeting)["version"]
    url = reverse(f"room_proposal:{name}", args=[meeting.pk])
    response = client_for(user).post(url, data, **JSON)
    _assert_status(response, expected)
    if expected != 204:
        assert queries.room_state(meeting)["version"] == before, "a refusal changes nothing"
    if isinstance(expected, int) and expected >= 400:
        assert response.json()["detail"], "an error answer says what went wrong"


def test_the_table_covers_every_proposal_button() -> None:
    from moot.rooms.urls_proposals import urlpatterns

    assert {p.name for p in urlpatterns} == {name for name, _ in BUTTONS}
