"""Bad input in the live room answers a clear message and a 4xx — from the page's
buttons and from the API — never a 500, and changes nothing: no entry, speech, signal
or circle is written and the meeting's version stays where it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moot.accounts import actions as account_actions
from moot.accounts.models import User
from moot.groups.models import Group
from moot.meetings.models import Meeting, MeetingStatus
from moot.rooms import actions
from moot.rooms.models import RequestKind, RoomCircle, Signal, SpeakingTurn, StackEntry
from tests.apps.conftest import client_for
from tests.apps.test_rooms_world import arrive, live_meeting, three_members

UNKNOWN = 987_654


@dataclass
class Scene:
    meeting: Meeting
    ana: User
    ben: User
    facilitator: User
    outsider: User


@pytest.fixture
def scene(assembly: Group, facilitator: User, outsider: User) -> Scene:
    meeting = live_meeting(assembly)
    ana, ben, _ = three_members(assembly)
    return Scene(meeting, ana, ben, facilitator, outsider)


def fingerprint(meeting: Meeting) -> tuple[Any, ...]:
    """Everything the room holds, to compare before and after a refused request."""
    return (
        list(StackEntry.objects.values_list("id", "closed_at", "approved")),
        list(SpeakingTurn.objects.values_list("id", "ended_at", "outcome")),
        Signal.objects.count(),
        list(RoomCircle.objects.values_list("id", "state", "ended_at")),
        Meeting.objects.get(pk=meeting.pk).version,
    )


# Each case: (what is wrong, who, button, form data, set-up, status, words in the message)
Prepare = Callable[[Scene], dict[str, Any]]


def none(scene: Scene) -> dict[str, Any]:
    return {}


def ana_waits(scene: Scene) -> dict[str, Any]:
    entry = actions.do_join_stack(scene.ana, scene.meeting)
    return {"entry": entry.pk}


def ana_asks(scene: Scene) -> dict[str, Any]:
    entry = actions.do_join_stack(scene.ana, scene.meeting, RequestKind.DIRECT_RESPONSE)
    actions.do_approve_jump(scene.meeting, entry.pk)
    return {"entry": entry.pk}


def meeting_ended(scene: Scene) -> dict[str, Any]:
    Meeting.objects.filter(pk=scene.meeting.pk).update(
        status=MeetingStatus.ENDED, closed_at=timezone.now()
    )
    return {}


def meeting_not_opened(scene: Scene) -> dict[str, Any]:
    Meeting.objects.filter(pk=scene.meeting.pk).update(status=MeetingStatus.SCHEDULED)
    return {}


def ana_signalled(scene: Scene) -> dict[str, Any]:
    actions.do_send_signal(scene.ana, scene.meeting, "agree")
    return {}


def circle_with_ana_first(scene: Scene) -> dict[str, Any]:
    arrive(scene.meeting, scene.ana, scene.ben)
    actions.do_start_circle(scene.meeting)
    return {}


def circle_then_call(scene: Scene) -> dict[str, Any]:
    ana_waits(scene)
    return circle_with_ana_first(scene)


CASES = [
    ("joining the stack twice", "ana", "join_stack", {}, ana_waits, 409, "already"),
    ("an unknown kind of request", "ana", "join_stack", {"kind": "shout"}, none, 400, "Unknown"),
    (
        "joining in a meeting that has ended",
        "ana",
        "join_stack",
        {},
        meeting_ended,
        409,
        "not in session",
    ),
    (
        "joining before the meeting opens",
        "ana",
        "join_stack",
        {},
        meeting_not_opened,
        409,
        "not in session",
    ),
    ("a non-member joining", "outsider", "join_stack", {}, none, 404, "nothing here"),
    ("leaving a stack one is not on", "ana", "leave_stack", {}, none, 400, "not on the stack"),
    (
        "calling someone not on the stack",
        "facilitator",
        "call_next",
        {"entry": UNKNOWN},
        ana_waits,
        404,
        "not waiting",
    ),
    (
        "calling an entry by a word",
        "facilitator",
        "call_next",
        {"entry": "Ana"},
        ana_waits,
        400,
        "number",
    ),
    ("calling next on an empty stack", "facilitator", "call_next", {}, none, 409, "Nobody"),
    (
        "calling next while a circle goes round",
        "facilitator",
        "call_next",
        {},
        circle_then_call,
        409,
        "circle",
    ),
    (
        "ending a speech when nobody speaks",
        "facilitator",
        "end_speech",
        {},
        none,
        409,
        "Nobody is speaking",
    ),
    (
        "an unknown hand signal",
        "ana",
        "send_signal",
        {"key": "applause"},
        none,
        400,
        "no such hand signal",
    ),
    ("a signal with no key", "ana", "send_signal", {}, none, 400, "no such hand signal"),
    (
        "the same signal again at once",
        "ana",
        "send_signal",
        {"key": "agree"},
        ana_signalled,
        429,
        "wait",
    ),
    ("a circle with nobody present", "facilitator", "start_circle", {}, none, 409, "present"),
    ("a second circle", "facilitator", "start_circle", {}, circle_with_ana_first, 409, "already"),
    (
        "someone other than the holder saying done",
        "ben",
        "circle_done",
        {},
        circle_with_ana_first,
        400,
        "holder",
    ),
    (
        "someone other than the holder passing",
        "ben",
        "circle_pass",
        {},
        circle_with_ana_first,
        400,
        "holder",
    ),
    (
        "a facilitator passing for someone not holding the piece",
        "facilitator",
        "circle_pass",
        {"person": "BEN"},
        circle_with_ana_first,
        400,
        "holder",
    ),
    (
        "ending a circle when none goes round",
        "facilitator",
        "end_circle",
        {},
        none,
        409,
        "No circle",
    ),
]


@pytest.mark.parametrize(
    ("who", "button", "data", "prepare", "status", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_on_a_button_is_a_clear_4xx_and_changes_nothing(
    scene: Scene,
    who: str,
    button: str,
    data: dict[str, Any],
    prepare: Prepare,
    status: int,
    words: str,
) -> None:
    prepare(scene)
    if data.get("person") == "BEN":
        data = {"person": scene.ben.pk}
    before = fingerprint(scene.meeting)
    client = client_for(getattr(scene, who))
    response = client.post(
        reverse(f"rooms:{button}", args=[scene.meeting.pk]), data, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert fingerprint(scene.meeting) == before


def test_approving_a_plain_place_on_the_stack_is_refused(scene: Scene) -> None:
    entry = ana_waits(scene)["entry"]
    before = fingerprint(scene.meeting)
    response = client_for(scene.facilitator).post(
        reverse("rooms:approve", args=[scene.meeting.pk, entry]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert "Only a point of process" in response.json()["detail"]
    assert fingerprint(scene.meeting) == before


def test_approving_twice_is_refused(scene: Scene) -> None:
    entry = ana_asks(scene)["entry"]
    before = fingerprint(scene.meeting)
    response = client_for(scene.facilitator).post(
        reverse("rooms:approve", args=[scene.meeting.pk, entry]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409
    assert fingerprint(scene.meeting) == before


def test_a_meeting_that_does_not_exist_answers_404(scene: Scene) -> None:
    client = client_for(scene.ana)
    assert client.get(reverse("rooms:participant", args=[UNKNOWN])).status_code == 404
    response = client.post(
        reverse("rooms:join_stack", args=[UNKNOWN]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 404


def test_a_refused_button_without_the_script_shows_the_message_on_an_error_page(
    scene: Scene,
) -> None:
    ana_waits(scene)
    response = client_for(scene.ana).post(reverse("rooms:join_stack", args=[scene.meeting.pk]))
    assert response.status_code == 409
    assert "You are already on the stack." in response.content.decode()


def test_a_button_answers_only_post(scene: Scene) -> None:
    response = client_for(scene.ana).get(reverse("rooms:join_stack", args=[scene.meeting.pk]))
    assert response.status_code == 405


# --- the API -------------------------------------------------------------------------------


def _api(user: User) -> Client:
    raw = account_actions.do_create_api_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


API_CASES = [
    ("an unknown kind of request", "ana", "stack", {"kind": "shout"}, none, 422),
    ("joining twice", "ana", "stack", {}, ana_waits, 409),
    ("a signal the group lacks", "ana", "signals", {"key": "applause"}, none, 400),
    ("an empty signal", "ana", "signals", {"key": ""}, none, 422),
    (
        "calling someone not on the stack",
        "facilitator",
        "speech/next",
        {"entry_id": UNKNOWN},
        ana_waits,
        404,
    ),
    (
        "an entry that is not a number",
        "facilitator",
        "speech/next",
        {"entry_id": "Ana"},
        ana_waits,
        422,
    ),
    (
        "a member taking a turn for the holder",
        "ben",
        "circle/speak",
        {"person_id": "ANA"},
        circle_with_ana_first,
        403,
    ),
    ("a non-member joining", "outsider", "stack", {}, none, 404),
]


@pytest.mark.parametrize(
    ("who", "path", "body", "prepare", "status"),
    [pytest.param(*case[1:], id=case[0]) for case in API_CASES],
)
def test_bad_input_in_the_api_is_a_clear_4xx_and_changes_nothing(
    scene: Scene, who: str, path: str, body: dict[str, Any], prepare: Prepare, status: int
) -> None:
    prepare(scene)
    if body.get("person_id") == "ANA":
        body = {"person_id": scene.ana.pk}
    before = fingerprint(scene.meeting)
    response = _api(getattr(scene, who)).post(
        f"/api/rooms/{scene.meeting.pk}/{path}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert fingerprint(scene.meeting) == before
