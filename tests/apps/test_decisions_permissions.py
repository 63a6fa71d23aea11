"""Who may do what with decisions, as one table: role × action × group.

Everyone holds their role in both groups: ``A`` (a public assembly) and ``B`` (a
members-only branch). The admin made both groups and each proposal. What a person may
not see answers 404; what they see but may not do answers 403; ``LOGIN`` is the
redirect to sign in; 302 is the redirect back to the proposal after it worked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from moot.accounts.models import User
from moot.decisions import actions
from moot.decisions.models import Proposal
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role, Visibility
from tests.apps.conftest import client_for, make_user
from tests.apps.test_decisions_helpers import between_meetings, live, vote

ROLES = ("anonymous", "outsider", "member", "facilitator", "note_taker", "admin")
LOGIN = "login"


@dataclass
class World:
    people: dict[str, User | None]
    groups: dict[str, Group]


@pytest.fixture
def world(db: None) -> World:
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
        person = make_user(role)
        people[role] = person
        for group in groups.values():
            group_actions.do_add_member(person, group, role)
    return World(people, groups)


def status(response: object) -> object:
    code = response.status_code  # type: ignore[attr-defined]
    if code == 302 and "/accounts/login/" in response["Location"]:  # type: ignore[index]
        return LOGIN
    return code


Request = Callable[[Client, World, Group], object]


def row(world: World, target: str, request: Request) -> tuple[object, ...]:
    found = []
    for role in ROLES:
        client = client_for(world.people[role])
        found.append(status(request(client, world, world.groups[target])))
    return tuple(found)


def admin_of(world: World) -> User:
    admin = world.people["admin"]
    assert admin is not None
    return admin


def live_one(world: World, group: Group) -> Proposal:
    return live(admin_of(world), group)


def async_one(world: World, group: Group) -> Proposal:
    return between_meetings(admin_of(world), group)


def url(name: str, proposal: Proposal) -> str:
    return reverse(f"decisions:{name}", args=[proposal.pk])


def closed_with_dissent(world: World, group: Group) -> Proposal:
    proposal = async_one(world, group)
    voters = [p for r, p in world.people.items() if r in ("member", "facilitator", "note_taker")]
    for voter in voters:
        vote(proposal, [voter], "stand_aside", "Not my call")  # type: ignore[list-item]
    vote(proposal, [admin_of(world)], "agree")
    actions.do_close_proposal(proposal)
    return proposal


MEMBERS_DO = {"A": (LOGIN, 403, 302, 302, 302, 302), "B": (LOGIN, 404, 302, 302, 302, 302)}
RUNNERS_DO = {"A": (LOGIN, 403, 403, 302, 403, 302), "B": (LOGIN, 404, 403, 302, 403, 302)}
SEEN = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}

MATRIX: dict[str, tuple[dict[str, tuple[object, ...]], Request]] = {
    "read the decision log": (SEEN, lambda c, w, g: c.get(reverse("decisions:log", args=[g.pk]))),
    "list open proposals": (
        SEEN,
        lambda c, w, g: c.get(reverse("decisions:proposals", args=[g.pk])),
    ),
    "read a proposal": (SEEN, lambda c, w, g: c.get(url("proposal", async_one(w, g)))),
    "open the proposal form": (
        {"A": (LOGIN, 403, 200, 200, 200, 200), "B": (LOGIN, 404, 200, 200, 200, 200)},
        lambda c, w, g: c.get(reverse("decisions:new", args=[g.pk])),
    ),
    "vote": (
        MEMBERS_DO,
        lambda c, w, g: c.post(url("vote", async_one(w, g)), {"position": "agree"}),
    ),
    "add a clarifying question": (
        MEMBERS_DO,
        lambda c, w, g: c.post(
            url("contribute", live_one(w, g)), {"kind": "clarifying_question", "text": "Why?"}
        ),
    ),
    "propose an amendment": (
        MEMBERS_DO,
        lambda c, w, g: c.post(url("amend", live_one(w, g)), {"text": "Better words"}),
    ),
    "move to another phase": (
        RUNNERS_DO,
        lambda c, w, g: c.post(url("phase", live_one(w, g)), {"phase": "concerns"}),
    ),
    "close the vote": (RUNNERS_DO, lambda c, w, g: c.post(url("close", async_one(w, g)), {})),
    "withdraw a proposal": (
        RUNNERS_DO,
        lambda c, w, g: c.post(url("withdraw", async_one(w, g)), {}),
    ),
    "accept an amendment (the proposer)": (
        {"A": (LOGIN, 403, 403, 403, 403, 302), "B": (LOGIN, 404, 403, 403, 403, 302)},
        lambda c, w, g: c.post(
            reverse(
                "decisions:accept_amendment",
                args=[actions.do_propose_amendment(live_one(w, g), admin_of(w), "New words").pk],
            )
        ),
    ),
    "file a minority report (after standing aside)": (
        {"A": (LOGIN, 403, 302, 302, 302, 403), "B": (LOGIN, 404, 302, 302, 302, 403)},
        lambda c, w, g: c.post(
            url("minority_report", closed_with_dissent(w, g)), {"text": "I stood aside because …"}
        ),
    ),
}


@pytest.mark.parametrize("target", ["A", "B"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_may_do_what_the_table_says(world: World, action: str, target: str) -> None:
    expected, request = MATRIX[action]
    assert row(world, target, request) == expected[target]
