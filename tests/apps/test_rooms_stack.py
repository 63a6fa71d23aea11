"""The speaking stack through its actions: each change, its event, and the call order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings.models import Meeting
from moot.rooms import actions, queries
from moot.rooms.models import EntryOutcome, RequestKind, SpeakingTurn, StackEntry, TurnOutcome
from tests.apps.test_rooms_world import act, events, live_meeting, three_members, types

Published = list[tuple[str, bytes]]


@pytest.fixture
def meeting(assembly: Group) -> Meeting:
    return live_meeting(assembly)


@pytest.fixture
def people(assembly: Group) -> list[User]:
    return three_members(assembly)


def names_in_order(meeting: Meeting) -> list[str]:
    return [entry.user.display_name for entry in queries.stack_in_order(meeting)]


def test_joining_the_stack_adds_an_entry_and_tells_the_room(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana = people[0]
    entry = act(actions.do_join_stack, ana, meeting)
    assert entry.is_waiting
    assert entry.kind == RequestKind.SPEAK
    [event] = events(published, f"meeting:{meeting.pk}")
    assert event["type"] == "stack.joined"
    assert event["data"]["entry"] == {
        "id": entry.pk,
        "person_id": ana.pk,
        "name": "Ana",
        "kind": "speak",
        "kind_label": "To speak",
        "approved": False,
    }
    assert event["data"]["order"] == [entry.pk]
    assert event["data"]["version"] == Meeting.objects.get(pk=meeting.pk).version


def test_leaving_the_stack_closes_the_entry_and_sends_the_new_order(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana, ben, _ = people
    first = act(actions.do_join_stack, ana, meeting)
    second = act(actions.do_join_stack, ben, meeting)
    act(actions.do_leave_stack, ana, meeting)
    first.refresh_from_db()
    assert first.outcome == EntryOutcome.LEFT
    assert not first.is_waiting
    last = events(published)[-1]
    assert last["type"] == "stack.left"
    assert last["data"]["entry_id"] == first.pk
    assert last["data"]["order"] == [second.pk]


def test_a_plain_stack_calls_people_in_the_order_they_joined(
    meeting: Meeting, people: list[User]
) -> None:
    for person in reversed(people):
        act(actions.do_join_stack, person, meeting)
    called = [act(actions.do_call_next, meeting).user.display_name for _ in people]
    assert called == ["Cleo", "Ben", "Ana"]


def test_an_approved_point_of_process_jumps_ahead_and_an_unapproved_one_waits(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana, ben, cleo = people
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_join_stack, ben, meeting)
    point = act(actions.do_join_stack, cleo, meeting, RequestKind.POINT_OF_PROCESS)
    assert names_in_order(meeting) == ["Ana", "Ben", "Cleo"]
    act(actions.do_approve_jump, meeting, point.pk)
    assert names_in_order(meeting) == ["Cleo", "Ana", "Ben"]
    approved = events(published)[-1]
    assert approved["type"] == "stack.approved"
    assert approved["data"]["entry"]["approved"] is True
    assert approved["data"]["order"][0] == point.pk
    assert act(actions.do_call_next, meeting).kind == RequestKind.POINT_OF_PROCESS


def test_a_point_of_process_goes_before_an_approved_direct_response(
    meeting: Meeting, people: list[User]
) -> None:
    ana, ben, cleo = people
    act(actions.do_join_stack, ana, meeting)
    response = act(actions.do_join_stack, ben, meeting, RequestKind.DIRECT_RESPONSE)
    point = act(actions.do_join_stack, cleo, meeting, RequestKind.POINT_OF_PROCESS)
    act(actions.do_approve_jump, meeting, response.pk)
    act(actions.do_approve_jump, meeting, point.pk)
    assert names_in_order(meeting) == ["Cleo", "Ben", "Ana"]


def test_a_progressive_stack_puts_those_who_spoke_least_first(
    meeting: Meeting, people: list[User]
) -> None:
    ana, ben, cleo = people
    Meeting.objects.filter(pk=meeting.pk).update(progressive_stack=True)
    meeting.refresh_from_db()
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_call_next, meeting)  # Ana speaks once
    for person in (ana, ben, cleo):
        act(actions.do_join_stack, person, meeting)
    assert names_in_order(meeting) == ["Ben", "Cleo", "Ana"]
    act(actions.do_call_next, meeting)  # ends Ana's speech, Ben speaks
    assert names_in_order(meeting) == ["Cleo", "Ana"]


def test_a_progressive_stack_weighs_seconds_when_turns_are_equal(
    meeting: Meeting, people: list[User]
) -> None:
    ana, ben, _ = people
    Meeting.objects.filter(pk=meeting.pk).update(progressive_stack=True)
    meeting.refresh_from_db()
    long_ago = timezone.now() - timedelta(minutes=5)
    for person, seconds in ((ana, 200), (ben, 30)):
        SpeakingTurn.objects.create(
            meeting=meeting,
            user=person,
            started_at=long_ago,
            ends_at=long_ago,
            ended_at=long_ago,
            seconds=seconds,
            outcome=TurnOutcome.SPOKE,
        )
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_join_stack, ben, meeting)
    assert names_in_order(meeting) == ["Ben", "Ana"]


def test_calling_next_starts_a_speech_with_its_countdown_end_in_the_event(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    entry = act(actions.do_join_stack, people[0], meeting)
    turn = act(actions.do_call_next, meeting)
    assert (turn.ends_at - turn.started_at).total_seconds() == meeting.speaker_seconds
    entry.refresh_from_db()
    assert entry.outcome == EntryOutcome.CALLED
    started = events(published)[-1]
    assert started["type"] == "speech.started"
    assert started["data"]["turn"]["person_id"] == people[0].pk
    assert started["data"]["turn"]["ends_at"] == turn.ends_at.isoformat().replace("+00:00", "Z")
    assert started["data"]["entry_id"] == entry.pk
    assert started["data"]["order"] == []


def test_calling_a_chosen_entry_skips_the_order(meeting: Meeting, people: list[User]) -> None:
    act(actions.do_join_stack, people[0], meeting)
    chosen = act(actions.do_join_stack, people[2], meeting)
    assert act(actions.do_call_next, meeting, chosen.pk).user == people[2]


def test_calling_the_next_speaker_ends_the_speech_under_way(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana, ben, _ = people
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_join_stack, ben, meeting)
    first = act(actions.do_call_next, meeting)
    act(actions.do_call_next, meeting)
    first.refresh_from_db()
    assert first.outcome == TurnOutcome.SPOKE
    assert first.ended_at is not None
    assert types(published)[-2:] == ["speech.ended", "speech.started"]
    assert queries.current_turn(meeting).user == ben  # type: ignore[union-attr]


def test_ending_a_speech_keeps_the_seconds_spoken(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    act(actions.do_join_stack, people[0], meeting)
    turn = act(actions.do_call_next, meeting)
    SpeakingTurn.objects.filter(pk=turn.pk).update(
        started_at=timezone.now() - timedelta(seconds=42)
    )
    ended = act(actions.do_end_speech, meeting)
    assert ended.seconds in (42, 43)
    assert queries.current_turn(meeting) is None
    last = events(published)[-1]
    assert last["type"] == "speech.ended"
    assert last["data"] == {
        "meeting_id": meeting.pk,
        "version": last["data"]["version"],
        "turn_id": turn.pk,
        "person_id": people[0].pk,
        "seconds": ended.seconds,
        "outcome": "spoke",
    }


def test_each_event_raises_the_version_by_one(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    for person in people:
        act(actions.do_join_stack, person, meeting)
    act(actions.do_call_next, meeting)
    act(actions.do_call_next, meeting)
    versions = [event["data"]["version"] for event in events(published)]
    first = versions[0]
    assert versions == list(range(first, first + len(versions)))


def test_someone_may_wait_to_speak_and_hold_a_point_at_once(
    meeting: Meeting, people: list[User]
) -> None:
    act(actions.do_join_stack, people[0], meeting)
    act(actions.do_join_stack, people[0], meeting, RequestKind.CLARIFYING_QUESTION)
    assert StackEntry.objects.filter(meeting=meeting, closed_at__isnull=True).count() == 2
    act(actions.do_leave_stack, people[0], meeting)
    assert StackEntry.objects.filter(meeting=meeting, closed_at__isnull=True).count() == 0


def test_joining_the_stack_twice_is_refused(meeting: Meeting, people: list[User]) -> None:
    actions.do_join_stack(people[0], meeting)
    with pytest.raises(ActionError) as refused:
        actions.do_join_stack(people[0], meeting)
    assert refused.value.status == 409
    assert refused.value.message == "You are already on the stack."
