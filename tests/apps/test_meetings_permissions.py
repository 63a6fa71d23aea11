"""Who may do what with meetings, as one table: every page and API operation of the
meetings app × role × target.

Roles hold their place in organisation A (a public assembly): *member*, *facilitator*,
*note_taker* (note-taker of A and of its Outreach committee) and *admin*; *outsider*
belongs nowhere. Organisation B is members-only and nobody here belongs to it. Targets:

- ``A``  a public meeting of A;   ``Am`` a members-only meeting of A;   ``B`` a meeting of B.
  For group pages (list, schedule) ``A`` and ``B`` are the organisations themselves.

Each kind of target comes as a *scheduled* meeting (open, cancel, answer), a *live* one
with a pending discussion item and a pending breakout item (everyone in A checked in),
and a live one with an open breakout. Something a person may not see answers 404;
something they see but may not do answers 403; ``LOGIN`` is a redirect to sign in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import get_resolver, reverse
from django.utils import timezone

from moot.accounts import actions as account_actions
from moot.accounts.models import User
from moot.api.urls import api
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role, Visibility
from moot.meetings import actions
from moot.meetings.actions import ItemDraft
from moot.meetings.models import Breakout, ItemKind, Meeting
from tests.apps.conftest import client_for, make_user

LOGIN = "login"
ROLES = ("anonymous", "outsider", "member", "facilitator", "note_taker", "admin")
MEETINGS = ("A", "Am", "B")
GROUPS = ("A", "B")
Expect = tuple[Any, ...]


def runner(ok: Any, target: str, anonymous: Any = LOGIN) -> Expect:
    """Only whoever runs meetings (facilitator, admin)."""
    if target == "B":
        return (anonymous, 404, 404, 404, 404, 404)
    outsider = 404 if target == "Am" else 403
    return (anonymous, outsider, 403, ok, 403, ok)


def participant(ok: Any, target: str, anonymous: Any = LOGIN) -> Expect:
    """Every member of the meeting's group."""
    if target == "B":
        return (anonymous, 404, 404, 404, 404, 404)
    return (anonymous, 404 if target == "Am" else 403, ok, ok, ok, ok)


def reporter(ok: Any, target: str, anonymous: Any = LOGIN) -> Expect:
    """Outreach's note-taker, and whoever runs the meeting."""
    if target == "B":
        return (anonymous, 404, 404, 404, 404, 404)
    return (anonymous, 404 if target == "Am" else 403, 403, ok, ok, ok)


def seeing(target: str) -> Expect:
    return {"A": (200,) * 6, "Am": (404, 404, 200, 200, 200, 200), "B": (404,) * 6}[target]


# (route, method, object kind) → rule giving the statuses for a target.
PAGES: dict[tuple[str, str, str], Callable[[str], Expect]] = {
    ("meetings:list", "GET", "group"): lambda t: (200,) * 6 if t == "A" else (404,) * 6,
    ("meetings:schedule", "GET", "group"): lambda t: runner(200, t),
    ("meetings:schedule", "POST", "group"): lambda t: runner(302, t),
    ("meetings:detail", "GET", "live"): seeing,
    ("meetings:edit", "GET", "live"): lambda t: runner(200, t),
    ("meetings:edit", "POST", "live"): lambda t: runner(302, t),
    ("meetings:open", "POST", "scheduled"): lambda t: runner(302, t),
    ("meetings:cancel", "POST", "scheduled"): lambda t: runner(302, t),
    ("meetings:end", "POST", "live"): lambda t: runner(302, t),
    ("meetings:answer", "POST", "scheduled"): lambda t: participant(302, t),
    ("meetings:check_in", "POST", "live"): lambda t: participant(302, t),
    ("meetings:check_out", "POST", "live"): lambda t: participant(302, t),
    ("meetings:mark_present", "POST", "live"): lambda t: runner(302, t),
    ("meetings:add_item", "POST", "live"): lambda t: runner(302, t),
    ("meetings:edit_item", "GET", "talk"): lambda t: runner(200, t),
    ("meetings:edit_item", "POST", "talk"): lambda t: runner(302, t),
    ("meetings:move_item", "POST", "talk"): lambda t: runner(302, t),
    ("meetings:remove_item", "POST", "talk"): lambda t: runner(302, t),
    ("meetings:start_item", "POST", "talk"): lambda t: runner(302, t),
    ("meetings:finish_item", "POST", "active"): lambda t: runner(302, t),
    ("meetings:table_item", "POST", "talk"): lambda t: runner(302, t),
    ("meetings:open_breakout", "GET", "break"): lambda t: runner(200, t),
    ("meetings:open_breakout", "POST", "break"): lambda t: runner(302, t),
    ("meetings:breakout", "GET", "breakout"): seeing,
    ("meetings:join_breakout", "POST", "breakout"): lambda t: participant(302, t),
    ("meetings:file_report_back", "POST", "breakout"): lambda t: reporter(302, t),
    ("meetings:close_breakout", "POST", "breakout"): lambda t: runner(302, t),
}

API: dict[tuple[str, str, str], Callable[[str], Expect]] = {
    ("/api/groups/{group_id}/meetings", "GET", "group"): lambda t: (
        (200,) * 6 if t == "A" else (404,) * 6
    ),
    ("/api/groups/{group_id}/meetings", "POST", "group"): lambda t: runner(201, t, 401),
    ("/api/meetings/{meeting_id}", "GET", "live"): seeing,
    ("/api/meetings/{meeting_id}/open", "POST", "scheduled"): lambda t: runner(200, t, 401),
    ("/api/meetings/{meeting_id}/end", "POST", "live"): lambda t: runner(200, t, 401),
    ("/api/meetings/{meeting_id}/items", "POST", "live"): lambda t: runner(201, t, 401),
    ("/api/items/{item_id}/move", "POST", "talk"): lambda t: runner(200, t, 401),
    ("/api/items/{item_id}", "DELETE", "talk"): lambda t: runner(204, t, 401),
    ("/api/items/{item_id}/start", "POST", "talk"): lambda t: runner(200, t, 401),
    ("/api/items/{item_id}/finish", "POST", "active"): lambda t: runner(200, t, 401),
    ("/api/items/{item_id}/table", "POST", "talk"): lambda t: runner(200, t, 401),
    ("/api/meetings/{meeting_id}/answer", "PUT", "scheduled"): lambda t: participant(200, t, 401),
    ("/api/meetings/{meeting_id}/check-in", "POST", "live"): lambda t: participant(200, t, 401),
    ("/api/items/{item_id}/breakout", "POST", "break"): lambda t: runner(201, t, 401),
    ("/api/breakouts/{breakout_id}/join", "POST", "breakout"): lambda t: participant(200, t, 401),
    ("/api/breakouts/{breakout_id}/report-backs", "POST", "breakout"): lambda t: reporter(
        201, t, 401
    ),
    ("/api/breakouts/{breakout_id}/close", "POST", "breakout"): lambda t: runner(200, t, 401),
}


def _cases(table: dict[tuple[str, str, str], Callable[[str], Expect]]) -> list[Any]:
    cases = []
    for (route, method, kind), rule in table.items():
        for target in GROUPS if kind == "group" else MEETINGS:
            for role, expected in zip(ROLES, rule(target), strict=True):
                cases.append(
                    pytest.param(
                        route,
                        method,
                        kind,
                        target,
                        role,
                        expected,
                        id=f"{method} {route} [{target}] as {role}",
                    )
                )
    return cases


@dataclass
class World:
    people: dict[str, User | None]
    groups: dict[str, Group]
    outreach: dict[str, Group]
    meetings: dict[tuple[str, str], Meeting]  # (kind, target) → meeting

    def meeting(self, kind: str, target: str) -> Meeting:
        meeting_kind = kind if kind in ("scheduled", "breakout") else "live"
        return self.meetings[(meeting_kind, target)]

    def object_id(self, kind: str, target: str) -> int:
        if kind == "group":
            return self.groups[target].pk
        meeting = self.meeting(kind, target)
        if kind == "breakout":
            return Breakout.objects.get(meeting=meeting).pk
        if kind == "active":
            return meeting.items.get(status="active").pk
        if kind in ("talk", "break"):
            return meeting.items.get(title={"talk": "Talk", "break": "Break"}[kind]).pk
        return meeting.pk


def _meetings_of(
    group: Group, by: User, key: str, visibility: str
) -> dict[tuple[str, str], Meeting]:
    soon = timezone.now() + timedelta(days=1)
    made = {}
    for kind in ("scheduled", "live", "breakout"):
        made[(kind, key)] = actions.do_schedule_meeting(
            by,
            group,
            title=f"{kind} {key}",
            starts_at=soon,
            visibility=visibility,
            items=[
                ItemDraft(title="Talk"),
                ItemDraft(title="Break", kind=ItemKind.BREAKOUT),
                ItemDraft(title="Now"),
            ],
        )
    for kind in ("live", "breakout"):
        meeting = made[(kind, key)]
        actions.do_open_meeting(meeting)
        actions.do_start_item(meeting.items.get(title="Now"))
    breakout_meeting = made[("breakout", key)]
    actions.do_open_breakout(breakout_meeting.items.get(title="Break"), minutes=30)
    return made


def _build_world() -> World:
    admin, member, facilitator, note_taker, outsider, owner = (
        make_user(n) for n in ("admin", "member", "facilitator", "notes", "outsider", "owner")
    )
    assembly = group_actions.do_create_group(admin, name="Assembly", kind="assembly")
    for person, role in (
        (member, Role.MEMBER),
        (facilitator, Role.FACILITATOR),
        (note_taker, Role.NOTE_TAKER),
    ):
        group_actions.do_add_member(person, assembly, role)
    outreach = group_actions.do_create_committee(admin, assembly, name="Outreach")
    group_actions.do_add_member(note_taker, outreach, Role.NOTE_TAKER)
    branch = group_actions.do_create_group(
        owner, name="Branch", kind="branch", visibility=Visibility.MEMBERS
    )
    branch_outreach = group_actions.do_create_committee(owner, branch, name="Outreach")
    meetings = {
        **_meetings_of(assembly, admin, "A", Visibility.PUBLIC),
        **_meetings_of(assembly, admin, "Am", Visibility.MEMBERS),
        **_meetings_of(branch, owner, "B", Visibility.PUBLIC),
    }
    for key in ("A", "Am"):
        for person in (admin, member, facilitator, note_taker):
            actions.do_check_in(person, meetings[("live", key)])
    for user in (admin, member, facilitator, note_taker, outsider):
        account_actions.do_create_api_token(user, "matrix")
    people: dict[str, User | None] = {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "facilitator": facilitator,
        "note_taker": note_taker,
        "admin": admin,
    }
    return World(
        people,
        {"A": assembly, "B": branch},
        {"A": outreach, "Am": outreach, "B": branch_outreach},
        meetings,
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The world is built once per module; each test's changes are rolled back."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast:
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world: World, db: None) -> World:
    return module_world


def _form(world: World, route: str, target: str) -> dict[str, Any]:
    outreach = world.outreach[target].pk
    member = world.people["member"]
    assert member is not None
    return {
        "meetings:schedule": {
            "title": "Next GA",
            "starts_at": "2031-05-01T18:00",
            "visibility": "public",
            "agenda": "Welcome",
        },
        "meetings:edit": {
            "title": "Renamed",
            "starts_at": "2031-05-01T18:00",
            "visibility": "public",
        },
        "meetings:answer": {"answer": "coming"},
        "meetings:check_in": {"presence": "remote"},
        "meetings:mark_present": {"person": member.pk, "presence": "room"},
        "meetings:add_item": {"title": "Late item", "kind": "discussion"},
        "meetings:edit_item": {"title": "Talk more", "kind": "discussion"},
        "meetings:move_item": {"position": 2},
        "meetings:table_item": {"reason": "later"},
        "meetings:open_breakout": {"minutes": 10},
        "meetings:join_breakout": {"committees": [outreach]},
        "meetings:file_report_back": {"committee": outreach, "text": "We met."},
    }.get(route, {})


def _api_body(world: World, path: str, target: str) -> dict[str, Any] | None:
    outreach = world.outreach[target].pk
    return {
        "/api/groups/{group_id}/meetings": {
            "title": "Next GA",
            "starts_at": "2031-05-01T18:00:00Z",
        },
        "/api/meetings/{meeting_id}/items": {"title": "Late item"},
        "/api/items/{item_id}/move": {"position": 2},
        "/api/items/{item_id}/table": {"reason": "later"},
        "/api/meetings/{meeting_id}/answer": {"answer": "coming"},
        "/api/meetings/{meeting_id}/check-in": {"presence": "remote"},
        "/api/items/{item_id}/breakout": {"minutes": 10},
        "/api/breakouts/{breakout_id}/join": {"committee_ids": [outreach]},
        "/api/breakouts/{breakout_id}/report-backs": {"committee_id": outreach, "text": "We met."},
    }.get(path)


def _assert_status(response: Any, expected: Any) -> None:
    location = response.headers.get("Location", "")
    login = reverse("accounts:login")
    if expected == LOGIN:
        assert response.status_code == 302 and location.startswith(login), location  # noqa: PT018
    elif expected == 302:
        assert response.status_code == 302 and not location.startswith(login), location  # noqa: PT018
    else:
        assert response.status_code == expected, response.content[:300]


@pytest.mark.parametrize(("route", "method", "kind", "target", "role", "expected"), _cases(PAGES))
def test_each_meeting_page_answers_each_role_as_the_table_says(
    world: World, route: str, method: str, kind: str, target: str, role: str, expected: Any
) -> None:
    client = client_for(world.people[role])
    url = reverse(route, args=[world.object_id(kind, target)])
    response = client.get(url) if method == "GET" else client.post(url, _form(world, route, target))
    _assert_status(response, expected)


@pytest.mark.parametrize(("path", "method", "kind", "target", "role", "expected"), _cases(API))
def test_each_meeting_api_operation_answers_each_role_as_the_table_says(
    world: World,
    api_client: Callable[[User | None], Client],
    path: str,
    method: str,
    kind: str,
    target: str,
    role: str,
    expected: int,
) -> None:
    client = api_client(world.people[role])
    object_id = world.object_id(kind, target)
    url = path.format(
        group_id=object_id, meeting_id=object_id, item_id=object_id, breakout_id=object_id
    )
    body = _api_body(world, path, target)
    response = client.generic(
        method, url, "" if body is None else json.dumps(body), content_type="application/json"
    )
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert response.json()["detail"], "an error answer says what went wrong"


def test_every_meetings_page_and_api_operation_is_in_the_table() -> None:
    resolver = get_resolver()
    names = {
        f"meetings:{name}"
        for name in resolver.namespace_dict["meetings"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == {route for route, _, _ in PAGES}
    operations = {
        (path, method.upper())
        for path, item in api.get_openapi_schema()["paths"].items()
        for method, operation in item.items()
        if "meetings" in operation["tags"]
    }
    assert operations == {(path, method) for path, method, _ in API}
