"""Circles: the talking piece goes round the people present; only its holder takes the
turn; every holding is in the speaking record; the minutes read the speakers in order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings.models import Meeting
from moot.rooms import actions, queries
from moot.rooms.models import RoomCircle, SpeakingTurn, TurnOutcome, TurnSource
from tests.apps.test_rooms_world import act, arrive, events, live_meeting, three_members, types

Published = list[tuple[str, bytes]]


@pytest.fixture
def meeting(assembly: Group) -> Meeting:
    return live_meeting(assembly)


@pytest.fixture
def people(assembly: Group, meeting: Meeting) -> list[User]:
    """Ana, Ben and Cleo, present in that order of arrival."""
    found = three_members(assembly)
    arrive(meeting, *found)
    return found


def test_a_circle_goes_round_the_people_present_in_the_order_they_arrived(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana, ben, cleo = people
    room_circle = act(actions.do_start_circle, meeting)
    assert room_circle.item == meeting.current_item
    started = next(e for e in events(published) if e["type"] == "circle.started")
    seats = started["data"]["circle"]["seats"]
    assert [seat["name"] for seat in seats] == ["Ana", "Ben", "Cleo"]
    assert started["data"]["circle"]["holder_id"] == ana.pk
    assert types(published)[-1] == "speech.started"
    assert queries.current_turn(meeting).source == TurnSource.CIRCLE  # type: ignore[union-attr]

    act(actions.do_speak_in_circle, meeting, ana.pk)
    act(actions.do_pass_in_circle, meeting, ben.pk)
    moved = [e for e in events(published) if e["type"] == "circle.moved"]
    assert [(m["data"]["person_id"], m["data"]["turn"]) for m in moved] == [
        (ana.pk, "spoke"),
        (ben.pk, "passed"),
    ]
    assert moved[-1]["data"]["holder_id"] == cleo.pk
    act(actions.do_speak_in_circle, meeting, cleo.pk)
    last = [e for e in events(published) if e["type"] == "circle.moved"][-1]
    assert last["data"]["complete"] is True
    assert last["data"]["holder_id"] is None
    assert queries.open_circle(meeting) is None
    assert queries.current_turn(meeting) is None


def test_every_holding_is_in_the_speaking_record_and_a_pass_has_no_seconds(
    meeting: Meeting, people: list[User]
) -> None:
    ana, ben, cleo = people
    act(actions.do_start_circle, meeting)
    SpeakingTurn.objects.filter(user=ana).update(started_at=timezone.now() - timedelta(seconds=30))
    act(actions.do_speak_in_circle, meeting, ana.pk)
    act(actions.do_pass_in_circle, meeting, ben.pk)
    act(actions.do_speak_in_circle, meeting, cleo.pk)
    record = list(SpeakingTurn.objects.filter(meeting=meeting).order_by("id"))
    assert [(t.user, t.outcome) for t in record] == [
        (ana, TurnOutcome.SPOKE),
        (ben, TurnOutcome.PASSED),
        (cleo, TurnOutcome.SPOKE),
    ]
    assert record[0].seconds in (30, 31)
    assert record[1].seconds == 0
    assert {t.source for t in record} == {TurnSource.CIRCLE}


def test_only_the_holder_can_take_the_turn(meeting: Meeting, people: list[User]) -> None:
    act(actions.do_start_circle, meeting)
    before = RoomCircle.objects.get().state
    with pytest.raises(ActionError) as refused:
        actions.do_speak_in_circle(meeting, people[1].pk)
    assert refused.value.status == 400
    assert RoomCircle.objects.get().state == before


def test_the_stack_waits_while_a_circle_goes_round(meeting: Meeting, people: list[User]) -> None:
    act(actions.do_join_stack, people[0], meeting)
    act(actions.do_start_circle, meeting)
    with pytest.raises(ActionError) as refused:
        actions.do_call_next(meeting)
    assert refused.value.status == 409
    with pytest.raises(ActionError):
        actions.do_end_speech(meeting)


def test_starting_a_circle_ends_the_speech_under_way(meeting: Meeting, people: list[User]) -> None:
    act(actions.do_join_stack, people[1], meeting)
    speech = act(actions.do_call_next, meeting)
    act(actions.do_start_circle, meeting)
    speech.refresh_from_db()
    assert speech.outcome == TurnOutcome.SPOKE
    assert queries.current_turn(meeting).user == people[0]  # type: ignore[union-attr]


def test_the_facilitator_may_end_a_circle_early(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    room_circle = act(actions.do_start_circle, meeting)
    act(actions.do_end_circle, meeting)
    assert queries.open_circle(meeting) is None
    assert queries.current_turn(meeting) is None
    assert events(published)[-1]["type"] == "circle.ended"
    assert events(published)[-1]["data"]["circle_id"] == room_circle.pk


def test_a_second_circle_cannot_start_while_one_goes_round(
    meeting: Meeting, people: list[User]
) -> None:
    act(actions.do_start_circle, meeting)
    with pytest.raises(ActionError) as refused:
        actions.do_start_circle(meeting)
    assert refused.value.status == 409
    assert RoomCircle.objects.count() == 1


def test_a_circle_needs_someone_present(assembly: Group) -> None:
    meeting = live_meeting(assembly)
    with pytest.raises(ActionError) as refused:
        actions.do_start_circle(meeting)
    assert refused.value.status == 409
    assert not RoomCircle.objects.exists()


def test_the_minutes_read_the_speakers_in_the_order_they_first_spoke(
    meeting: Meeting, people: list[User]
) -> None:
    ana, ben, cleo = people
    act(actions.do_start_circle, meeting)
    act(actions.do_speak_in_circle, meeting, ana.pk)
    act(actions.do_pass_in_circle, meeting, ben.pk)
    act(actions.do_speak_in_circle, meeting, cleo.pk)
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_call_next, meeting)
    act(actions.do_end_speech, meeting)
    speakers = queries.speakers_in_order(meeting)
    assert [(s.name, s.turns) for s in speakers] == [("Ana", 2), ("Cleo", 1)]
    assert all(s.seconds >= 0 for s in speakers)
