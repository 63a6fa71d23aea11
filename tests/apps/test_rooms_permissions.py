"""Who may do what in the live room, as one table: each page, button and API operation
× role × meeting.

Each person holds their role in the assembly A (public) and nothing in the branch B
(members only). ``A`` is a live meeting of the assembly, ``B`` a live meeting of the
branch. Before each request the room is set up so that the action would succeed for
whoever is allowed (someone waits on the stack, speaks, holds the talking piece …), so
the status says only who may act. ``LOGIN`` is a redirect to the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from moot.accounts import actions as account_actions
from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Role, Visibility
from moot.meetings.models import Meeting
from moot.rooms import actions
from moot.rooms.models import RequestKind, StackEntry
from tests.apps.conftest import client_for, make_user
from tests.apps.test_rooms_world import arrive, live_meeting

LOGIN = "login"
ROLES = ("anonymous", "outsider", "member", "facilitator", "note_taker", "admin")
Expect = tuple[Any, Any, Any, Any, Any, Any]


def everyone(status: Any) -> Expect:
    return (status,) * 6


def members(status: Any, anonymous: Any = LOGIN) -> Expect:
    return (anonymous, 404, status, status, status, status)


def facilitators(status: Any, anonymous: Any = LOGIN) -> Expect:
    return (anonymous, 404, 403, status, 403, status)


def nobody(anonymous: Any = LOGIN) -> Expect:
    return (anonymous, 404, 404, 404, 404, 404)


@dataclass
class World:
    people: dict[str, User | None]
    meetings: dict[str, Meeting]
    bystander: User


def _build_world() -> World:
    admin, member, facilitator, note_taker, outsider, owner, bystander = (
        make_user(name)
        for name in ("admin", "member", "facilitator", "notetaker", "outsider", "owner", "by")
    )
    assembly = group_actions.do_create_group(admin, name="Assembly", kind="assembly")
    group_actions.do_add_member(member, assembly)
    group_actions.do_add_member(facilitator, assembly, Role.FACILITATOR)
    group_actions.do_add_member(note_taker, assembly, Role.NOTE_TAKER)
    branch = group_actions.do_create_group(
        owner, name="Branch", kind="branch", visibility=Visibility.MEMBERS
    )
    for group in (assembly, branch):
        group_actions.do_add_member(bystander, group)
    for user in (admin, member, facilitator, note_taker, outsider):
        account_actions.do_create_api_token(user, "tests")
    people: dict[str, User | None] = {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "facilitator": facilitator,
        "note_taker": note_taker,
        "admin": admin,
    }
    meetings = {"A": live_meeting(assembly), "B": live_meeting(branch)}
    return World(people, meetings, bystander)


@pytest.fixture(scope="module")
def module_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once per module; each test's changes are rolled back."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast:
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world: World, db: None) -> World:
    return module_world


# --- what the room holds before each request ---------------------------------------------

Setup = Callable[[World, Meeting, User | None], dict[str, Any]]


def nothing(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    return {}


def actor_waits(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    if actor is not None and actor.has_perm("rooms.take_part", meeting):
        actions.do_join_stack(actor, meeting)
    return {}


def bystander_asks(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    entry = actions.do_join_stack(world.bystander, meeting, RequestKind.POINT_OF_PROCESS)
    return {"entry_id": entry.pk}


def bystander_speaks(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    actions.do_join_stack(world.bystander, meeting)
    actions.do_call_next(meeting)
    return {}


def circle_ready(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    arrive(meeting, world.bystander)
    return {}


def permits_under_way(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    """The proposal item is under way, with no proposal on it yet."""
    from moot.meetings.actions import do_start_item

    do_start_item(meeting.items.get(kind="proposal"))
    return {}


def actor_holds_piece(world: World, meeting: Meeting, actor: User | None) -> dict[str, Any]:
    """The actor (if they take part) holds the talking piece; else the bystander."""
    if actor is not None and actor.has_perm("rooms.take_part", meeting):
        arrive(meeting, actor)
    arrive(meeting, world.bystander)
    actions.do_start_circle(meeting)
    return {}


PAGES: dict[tuple[str, str, str], tuple[Setup, Expect]] = {
    ("participant", "GET", "A"): (nothing, everyone(200)),
    ("participant", "GET", "B"): (nothing, everyone(404)),
    ("projector", "GET", "A"): (nothing, everyone(200)),
    ("projector", "GET", "B"): (nothing, everyone(404)),
    ("facilitate", "GET", "A"): (nothing, facilitators(200)),
    ("facilitate", "GET", "B"): (nothing, nobody()),
    ("join_stack", "POST", "A"): (nothing, members(204)),
    ("join_stack", "POST", "B"): (nothing, nobody()),
    ("leave_stack", "POST", "A"): (actor_waits, members(204)),
    ("leave_stack", "POST", "B"): (actor_waits, nobody()),
    ("approve", "POST", "A"): (bystander_asks, facilitators(204)),
    ("approve", "POST", "B"): (bystander_asks, nobody()),
    ("call_next", "POST", "A"): (actor_waits, facilitators(204)),
    ("call_next", "POST", "B"): (bystander_asks, nobody()),
    ("end_speech", "POST", "A"): (bystander_speaks, facilitators(204)),
    ("end_speech", "POST", "B"): (bystander_speaks, nobody()),
    ("send_signal", "POST", "A"): (nothing, members(204)),
    ("send_signal", "POST", "B"): (nothing, nobody()),
    ("start_circle", "POST", "A"): (circle_ready, facilitators(204)),
    ("start_circle", "POST", "B"): (circle_ready, nobody()),
    ("circle_done", "POST", "A"): (actor_holds_piece, members(204)),
    ("circle_done", "POST", "B"): (actor_holds_piece, nobody()),
    ("circle_pass", "POST", "A"): (actor_holds_piece, members(204)),
    ("circle_pass", "POST", "B"): (actor_holds_piece, nobody()),
    ("end_circle", "POST", "A"): (actor_holds_piece, facilitators(204)),
    ("end_circle", "POST", "B"): (actor_holds_piece, nobody()),
}

PAGE_DATA = {"join_stack": {"kind": "speak"}, "send_signal": {"key": "agree"}}


def _cases(table: dict[tuple[str, str, str], tuple[Setup, Expect]]) -> list[Any]:
    return [
        pytest.param(
            route,
            method,
            target,
            role,
            setup,
            expect[i],
            id=f"{method} {route} [{target}] as {role} -> {expect[i]}",
        )
        for (route, method, target), (setup, expect) in table.items()
        for i, role in enumerate(ROLES)
    ]


def _assert_status(response: Any, expected: Any) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:300]


@pytest.mark.parametrize(("route", "method", "target", "role", "setup", "expected"), _cases(PAGES))
def test_each_room_page_and_button_answers_each_role_as_the_table_says(
    world: World, route: str, method: str, target: str, role: str, setup: Setup, expected: Any
) -> None:
    meeting, user = world.meetings[target], world.people[role]
    ids = setup(world, meeting, user)
    args = [meeting.pk] + ([ids["entry_id"]] if route == "approve" else [])
    client = client_for(user)
    url = reverse(f"rooms:{route}", args=args)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, PAGE_DATA.get(route, {}), HTTP_ACCEPT="application/json")
    _assert_status(response, expected)
    if isinstance(expected, int) and expected >= 400 and method == "POST":
        assert response.json()["detail"], "an error answer says what went wrong"


def test_a_button_without_the_script_comes_back_to_the_page(world: World) -> None:
    meeting = world.meetings["A"]
    client = client_for(world.people["member"])
    response = client.post(
        reverse("rooms:join_stack", args=[meeting.pk]),
        {"next": reverse("rooms:participant", args=[meeting.pk])},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("rooms:participant", args=[meeting.pk])
    assert StackEntry.objects.filter(meeting=meeting).count() == 1


def test_the_speaker_may_end_their_own_speech_but_not_someone_elses(world: World) -> None:
    meeting = world.meetings["A"]
    bystander_speaks(world, meeting, None)
    url = reverse("rooms:end_speech", args=[meeting.pk])
    other = client_for(world.people["member"]).post(url, HTTP_ACCEPT="application/json")
    assert other.status_code == 403
    own = client_for(world.bystander).post(url, HTTP_ACCEPT="application/json")
    assert own.status_code == 204


# --- API ---------------------------------------------------------------------------------

API: dict[tuple[str, str, str], tuple[Setup, Expect]] = {
    ("/api/rooms/{meeting_id}", "GET", "A"): (nothing, everyone(200)),
    ("/api/rooms/{meeting_id}", "GET", "B"): (nothing, everyone(404)),
    ("/api/rooms/{meeting_id}/stack", "POST", "A"): (nothing, members(201, 401)),
    ("/api/rooms/{meeting_id}/stack", "POST", "B"): (nothing, nobody(401)),
    ("/api/rooms/{meeting_id}/stack/leave", "POST", "A"): (actor_waits, members(204, 401)),
    ("/api/rooms/{meeting_id}/stack/leave", "POST", "B"): (actor_waits, nobody(401)),
    ("/api/rooms/{meeting_id}/stack/{entry_id}/approve", "POST", "A"): (
        bystander_asks,
        facilitators(200, 401),
    ),
    ("/api/rooms/{meeting_id}/stack/{entry_id}/approve", "POST", "B"): (
        bystander_asks,
        nobody(401),
    ),
    ("/api/rooms/{meeting_id}/speech/next", "POST", "A"): (actor_waits, facilitators(201, 401)),
    ("/api/rooms/{meeting_id}/speech/next", "POST", "B"): (bystander_asks, nobody(401)),
    ("/api/rooms/{meeting_id}/speech/end", "POST", "A"): (bystander_speaks, facilitators(200, 401)),
    ("/api/rooms/{meeting_id}/speech/end", "POST", "B"): (bystander_speaks, nobody(401)),
    ("/api/rooms/{meeting_id}/signals", "POST", "A"): (nothing, members(201, 401)),
    ("/api/rooms/{meeting_id}/signals", "POST", "B"): (nothing, nobody(401)),
    ("/api/rooms/{meeting_id}/circle", "POST", "A"): (circle_ready, facilitators(201, 401)),
    ("/api/rooms/{meeting_id}/circle", "POST", "B"): (circle_ready, nobody(401)),
    ("/api/rooms/{meeting_id}/circle/speak", "POST", "A"): (actor_holds_piece, members(200, 401)),
    ("/api/rooms/{meeting_id}/circle/speak", "POST", "B"): (actor_holds_piece, nobody(401)),
    ("/api/rooms/{meeting_id}/circle/pass", "POST", "A"): (actor_holds_piece, members(200, 401)),
    ("/api/rooms/{meeting_id}/circle/pass", "POST", "B"): (actor_holds_piece, nobody(401)),
    ("/api/rooms/{meeting_id}/circle/end", "POST", "A"): (
        actor_holds_piece,
        facilitators(200, 401),
    ),
    ("/api/rooms/{meeting_id}/circle/end", "POST", "B"): (actor_holds_piece, nobody(401)),
    ("/api/rooms/{meeting_id}/proposal", "POST", "A"): (
        permits_under_way,
        facilitators(201, 401),
    ),
    ("/api/rooms/{meeting_id}/proposal", "POST", "B"): (permits_under_way, nobody(401)),
}

API_BODIES = {
    "/api/rooms/{meeting_id}/stack": {"kind": "speak"},
    "/api/rooms/{meeting_id}/proposal": {"title": "We seek no permits"},
    "/api/rooms/{meeting_id}/signals": {"key": "agree"},
}


@pytest.mark.parametrize(("path", "method", "target", "role", "setup", "expected"), _cases(API))
def test_each_room_api_operation_answers_each_role_as_the_table_says(
    world: World,
    api_client: Callable[[User | None], Client],
    path: str,
    method: str,
    target: str,
    role: str,
    setup: Setup,
    expected: int,
) -> None:
    meeting, user = world.meetings[target], world.people[role]
    ids = setup(world, meeting, user)
    client = api_client(user)
    url = path.format(meeting_id=meeting.pk, entry_id=ids.get("entry_id", 0))
    body = API_BODIES.get(path, {})
    response = client.generic(
        method, url, "" if method == "GET" else _json(body), content_type="application/json"
    )
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert response.json()["detail"], "an error answer says what went wrong"


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)


def test_the_table_covers_every_room_route_and_api_operation() -> None:
    from moot.api.urls import api
    from moot.rooms.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {route for route, _, _ in PAGES}
    operations = {
        (path, method.upper())
        for path, item in api.get_openapi_schema()["paths"].items()
        for method in item
        if path.startswith("/api/rooms/")
    }
    assert operations == {(path, method) for path, method, _ in API}
