"""Hand signals: counted by kind for everyone, named for the facilitators, rate-limited,
and "wrap up" reaching the speaker once enough people have sent it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings.models import Meeting
from moot.rooms import actions, queries
from moot.rooms.models import Signal
from tests.apps.conftest import make_user
from tests.apps.test_rooms_world import act, events, live_meeting, three_members

Published = list[tuple[str, bytes]]


@pytest.fixture
def meeting(assembly: Group) -> Meeting:
    return live_meeting(assembly, wrap_up_threshold=2)


@pytest.fixture
def people(assembly: Group) -> list[User]:
    return three_members(assembly)


def age_signals(meeting: Meeting, seconds: int) -> None:
    """Move every signal of the meeting ``seconds`` into the past."""
    for signal in Signal.objects.filter(meeting=meeting):
        signal.sent_at -= timedelta(seconds=seconds)
        signal.save(update_fields=["sent_at"])


def test_a_signal_reaches_the_room_as_a_count_and_the_facilitators_with_a_name(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    signal = act(actions.do_send_signal, people[0], meeting, "agree")
    [counted] = events(published, f"meeting:{meeting.pk}")
    assert counted["type"] == "signals.changed"
    assert counted["data"]["key"] == "agree"
    assert len(counted["data"]["expiries"]) == 1
    assert "person_id" not in counted["data"]
    [named] = events(published, f"facilitation:{meeting.pk}")
    assert named["type"] == "facilitation.signal"
    assert named["data"]["name"] == "Ana"
    assert named["data"]["label"] == "Agree (twinkles)"
    assert named["data"]["signal_id"] == signal.pk


def test_the_count_is_of_distinct_people_and_fades_after_twenty_seconds(
    meeting: Meeting, people: list[User]
) -> None:
    ana, ben, _ = people
    act(actions.do_send_signal, ana, meeting, "agree")
    age_signals(meeting, 6)
    act(actions.do_send_signal, ana, meeting, "agree")
    act(actions.do_send_signal, ben, meeting, "agree")
    assert len(queries.signal_expiries(meeting)["agree"]) == 2
    age_signals(meeting, 21)
    assert queries.signal_expiries(meeting) == {}


def test_a_signal_the_group_does_not_use_is_refused(meeting: Meeting, people: list[User]) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_send_signal(people[0], meeting, "applause")
    assert refused.value.status == 400
    assert not Signal.objects.exists()


def test_a_group_with_its_own_signals_uses_its_own_labels(
    assembly: Group, people: list[User], published: Published
) -> None:
    assembly.hand_signals = [{"key": "wrap_up"}, {"key": "louder", "label": "Louder, please"}]
    assembly.save(update_fields=["hand_signals"])
    meeting = live_meeting(assembly)
    assert queries.signal_labels(meeting) == {"wrap_up": "Wrap up", "louder": "Louder, please"}
    act(actions.do_send_signal, people[0], meeting, "louder")
    assert events(published, f"facilitation:{meeting.pk}")[0]["data"]["label"] == "Louder, please"


def test_the_same_signal_twice_within_five_seconds_is_refused_with_429(
    meeting: Meeting, people: list[User]
) -> None:
    actions.do_send_signal(people[0], meeting, "agree")
    with pytest.raises(ActionError) as refused:
        actions.do_send_signal(people[0], meeting, "agree")
    assert refused.value.status == 429
    assert "wait" in refused.value.message
    assert Signal.objects.count() == 1
    age_signals(meeting, 6)
    actions.do_send_signal(people[0], meeting, "agree")
    assert Signal.objects.count() == 2


def test_more_than_ten_signals_a_minute_are_refused_with_429(
    meeting: Meeting, people: list[User]
) -> None:
    keys = ["agree", "disagree", "point_of_information", "clarifying_question", "wrap_up"]
    for key in keys:
        actions.do_send_signal(people[0], meeting, key)
    age_signals(meeting, 6)
    for key in keys:
        actions.do_send_signal(people[0], meeting, key)
    with pytest.raises(ActionError) as refused:
        actions.do_send_signal(people[0], meeting, "block")
    assert refused.value.status == 429
    assert Signal.objects.count() == 10


def test_wrap_up_reaches_the_speaker_when_enough_people_send_it(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana, ben, cleo = people
    act(actions.do_join_stack, ana, meeting)
    turn = act(actions.do_call_next, meeting)
    act(actions.do_send_signal, ana, meeting, "wrap_up")  # the speaker does not count
    act(actions.do_send_signal, ben, meeting, "wrap_up")
    assert "speech.wrap_up" not in [e["type"] for e in events(published)]
    age_signals(meeting, 6)
    act(actions.do_send_signal, ben, meeting, "wrap_up")  # nor does a second from Ben
    assert "speech.wrap_up" not in [e["type"] for e in events(published)]
    act(actions.do_send_signal, cleo, meeting, "wrap_up")
    wrap = [e for e in events(published) if e["type"] == "speech.wrap_up"]
    assert len(wrap) == 1
    assert wrap[0]["data"]["person_id"] == ana.pk
    assert wrap[0]["data"]["turn_id"] == turn.pk
    assert wrap[0]["data"]["count"] == 2
    turn.refresh_from_db()
    assert turn.wrap_up_at is not None
    assert queries.room_state(meeting)["speaker"]["wrap_up"] is True


def test_wrap_up_reaches_the_speaker_only_once_per_speech(
    meeting: Meeting, people: list[User], assembly: Group, published: Published
) -> None:
    ana, ben, cleo = people
    dee = make_user("dee")
    from moot.groups import actions as group_actions

    group_actions.do_add_member(dee, assembly)
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_call_next, meeting)
    for person in (ben, cleo, dee):
        act(actions.do_send_signal, person, meeting, "wrap_up")
    assert [e["type"] for e in events(published)].count("speech.wrap_up") == 1


def test_wrap_up_signals_of_an_earlier_speech_do_not_count(
    meeting: Meeting, people: list[User], published: Published
) -> None:
    ana, ben, cleo = people
    act(actions.do_join_stack, ana, meeting)
    act(actions.do_join_stack, ben, meeting)
    act(actions.do_call_next, meeting)
    act(actions.do_send_signal, cleo, meeting, "wrap_up")
    act(actions.do_call_next, meeting)
    age_signals(meeting, 6)
    act(actions.do_send_signal, ana, meeting, "wrap_up")
    assert "speech.wrap_up" not in [e["type"] for e in events(published)]


def test_signals_count_only_while_the_meeting_is_in_session(
    meeting: Meeting, people: list[User]
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status="ended", closed_at=timezone.now())
    with pytest.raises(ActionError) as refused:
        actions.do_send_signal(people[0], meeting, "agree")
    assert refused.value.status == 409
