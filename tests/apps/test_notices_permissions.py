"""Who may do what with notices, as one table: role × action × group, pages and API.

Everyone holds their role in both groups: ``A`` (a public assembly) and ``B`` (a
members-only branch). What a person may not see answers 404; what they see but may not
do answers 403; ``LOGIN`` is the redirect to sign in (401 in the API).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from moot.accounts import actions as account_actions
from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role, Visibility
from tests.apps.conftest import client_for, make_user

ROLES = ("anonymous", "outsider", "member", "facilitator", "note_taker", "admin")
LOGIN = "login"


@pytest.fixture
def world(db: None) -> tuple[dict[str, User | None], dict[str, Group]]:
    admin = make_user("admin")
    people: dict[str, User | None] = {
        "anonymous": None,
        "outsider": make_user("outsider"),
        "admin": admin,
    }
    groups = {
        "A": group_actions.do_create_group(admin, name="Assembly", kind="assembly"),
        "B": group_actions.do_create_group(
            admin, name="Branch", kind="branch", visibility=Visibility.MEMBERS
        ),
    }
    for role in (Role.MEMBER, Role.FACILITATOR, Role.NOTE_TAKER):
        people[role] = make_user(role)
        for group in groups.values():
            group_actions.do_add_member(people[role], group, role)  # type: ignore[arg-type]
    return people, groups


def status(response: object) -> object:
    code = response.status_code  # type: ignore[attr-defined]
    if code == 302 and "/accounts/login/" in response["Location"]:  # type: ignore[index]
        return LOGIN
    return code


def api_client(user: User | None) -> Client:
    if user is None:
        return Client()
    raw = account_actions.do_create_api_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


Request = Callable[[Client, Group], object]
Table = dict[str, tuple[object, ...]]
SAVE = {
    "proposal_opened": "immediate",
    "vote_closing": "digest",
    "outcome": "immediate",
    "role_ending": "off",
    "meeting_called": "digest",
}
PUT = json.dumps([{"kind": "outcome", "enabled": False, "delivery": "digest"}])

MEMBERS_SEE: Table = {"A": (LOGIN, 403, 200, 200, 200, 200), "B": (LOGIN, 404, 200, 200, 200, 200)}
MEMBERS_SAVE: Table = {"A": (LOGIN, 403, 302, 302, 302, 302), "B": (LOGIN, 404, 302, 302, 302, 302)}
ANYONE_WHO_SEES: Table = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}
SIGNED_IN: Table = {"A": (LOGIN, 200, 200, 200, 200, 200), "B": (LOGIN, 200, 200, 200, 200, 200)}
SIGNED_IN_DONE: Table = {
    "A": (LOGIN, 302, 302, 302, 302, 302),
    "B": (LOGIN, 302, 302, 302, 302, 302),
}

PAGES: dict[str, tuple[Table, Request]] = {
    "settings": (MEMBERS_SEE, lambda c, g: c.get(reverse("notices:settings", args=[g.pk]))),
    "save settings": (
        MEMBERS_SAVE,
        lambda c, g: c.post(reverse("notices:settings", args=[g.pk]), SAVE),
    ),
    "group calendar": (
        ANYONE_WHO_SEES,
        lambda c, g: c.get(reverse("notices:group_calendar", args=[g.pk])),
    ),
    "overview": (SIGNED_IN, lambda c, g: c.get(reverse("notices:overview"))),
    "make a calendar link": (SIGNED_IN, lambda c, g: c.post(reverse("notices:create_feed"))),
    "revoke calendar links": (
        SIGNED_IN_DONE,
        lambda c, g: c.post(reverse("notices:revoke_feeds")),
    ),
}

API_MEMBERS_SEE: Table = {"A": (401, 403, 200, 200, 200, 200), "B": (401, 404, 200, 200, 200, 200)}
API_SIGNED_IN: Table = {"A": (401, 201, 201, 201, 201, 201), "B": (401, 201, 201, 201, 201, 201)}
API_SIGNED_IN_OK: Table = {"A": (401, 200, 200, 200, 200, 200), "B": (401, 200, 200, 200, 200, 200)}

API: dict[str, tuple[Table, Request]] = {
    "get notices": (API_MEMBERS_SEE, lambda c, g: c.get(f"/api/groups/{g.pk}/notices")),
    "put notices": (
        API_MEMBERS_SEE,
        lambda c, g: c.put(f"/api/groups/{g.pk}/notices", PUT, content_type="application/json"),
    ),
    "group calendar": (ANYONE_WHO_SEES, lambda c, g: c.get(f"/api/groups/{g.pk}/calendar.ics")),
    "make a calendar link": (API_SIGNED_IN, lambda c, g: c.post("/api/me/calendar-feed")),
    "revoke calendar links": (API_SIGNED_IN_OK, lambda c, g: c.delete("/api/me/calendar-feed")),
}


@pytest.mark.parametrize("action", list(PAGES))
@pytest.mark.parametrize("target", ["A", "B"])
def test_pages_answer_each_role_as_the_table_says(
    world: tuple[dict[str, User | None], dict[str, Group]], action: str, target: str
) -> None:
    people, groups = world
    expected, request = PAGES[action]
    got = tuple(status(request(client_for(people[r]), groups[target])) for r in ROLES)
    assert got == expected[target]


@pytest.mark.parametrize("action", list(API))
@pytest.mark.parametrize("target", ["A", "B"])
def test_the_api_answers_each_role_as_the_table_says(
    world: tuple[dict[str, User | None], dict[str, Group]], action: str, target: str
) -> None:
    people, groups = world
    expected, request = API[action]
    got = tuple(status(request(api_client(people[r]), groups[target])) for r in ROLES)
    assert got == expected[target]
