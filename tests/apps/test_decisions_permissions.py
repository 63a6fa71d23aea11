"""Who may do what with decisions, as one table: role × action × group.

Everyone holds their role in both groups: ``A`` (a public assembly) and ``B`` (a
members-only branch). The admin made both groups and each proposal. What a person may
not see answers 404; what they see but may not do answers 403; ``LOGIN`` is the
redirect to sign in; 302 is the redirect back to the proposal after it worked.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from moot.accounts.models import User
from moot.api.urls import api
from moot.decisions import actions
from moot.decisions.models import Proposal
from moot.groups.models import Group
from tests.apps.test_decisions_helpers import between_meetings, live, vote
from tests.apps.two_groups import LOGIN, ROLES, Request, World, make_world, row


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def admin_of(world: World) -> User:
    return world.admin


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
PROPOSER_DOES = {"A": (LOGIN, 403, 403, 403, 403, 302), "B": (LOGIN, 404, 403, 403, 403, 302)}


def amendment(world: World, group: Group) -> int:
    return actions.do_propose_amendment(live_one(world, group), admin_of(world), "New words").pk


MATRIX: dict[str, tuple[dict[str, tuple[object, ...]], Request]] = {
    "read the decision log": (SEEN, lambda c, w, g: c.get(reverse("decisions:log", args=[g.pk]))),
    "read how the group decides": (
        SEEN,
        lambda c, w, g: c.get(reverse("decisions:constitution", args=[g.pk])),
    ),
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
        PROPOSER_DOES,
        lambda c, w, g: c.post(reverse("decisions:accept_amendment", args=[amendment(w, g)])),
    ),
    "decline an amendment (the proposer)": (
        PROPOSER_DOES,
        lambda c, w, g: c.post(reverse("decisions:decline_amendment", args=[amendment(w, g)])),
    ),
    "file a minority report (after standing aside)": (
        {"A": (LOGIN, 403, 302, 302, 302, 403), "B": (LOGIN, 404, 302, 302, 302, 403)},
        lambda c, w, g: c.post(
            url("minority_report", closed_with_dissent(w, g)), {"text": "I stood aside because …"}
        ),
    ),
}


ROUTES = {
    "read the decision log": "log",
    "read how the group decides": "constitution",
    "list open proposals": "proposals",
    "read a proposal": "proposal",
    "open the proposal form": "new",
    "vote": "vote",
    "add a clarifying question": "contribute",
    "propose an amendment": "amend",
    "move to another phase": "phase",
    "close the vote": "close",
    "withdraw a proposal": "withdraw",
    "accept an amendment (the proposer)": "accept_amendment",
    "decline an amendment (the proposer)": "decline_amendment",
    "file a minority report (after standing aside)": "minority_report",
}


@pytest.mark.parametrize("target", ["A", "B"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_may_do_what_the_table_says(world: World, action: str, target: str) -> None:
    expected, request = MATRIX[action]
    assert row(world, target, request) == expected[target]


# --- the API --------------------------------------------------------------------------

API_MEMBERS = {"A": (401, 403, 200, 200, 200, 200), "B": (401, 404, 200, 200, 200, 200)}
API_RUNNERS = {"A": (401, 403, 403, 200, 403, 200), "B": (401, 404, 403, 200, 403, 200)}
API_PROPOSER = {"A": (401, 403, 403, 403, 403, 200), "B": (401, 404, 403, 403, 403, 200)}
API_SEEN = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}


def created(statuses: dict[str, tuple[object, ...]]) -> dict[str, tuple[object, ...]]:
    return {k: tuple(201 if s == 200 else s for s in v) for k, v in statuses.items()}


ApiCall = Callable[[Client, World, Group], object]
P = "/api/proposals/{proposal_id}"


def call(
    method: str, path: Callable[[World, Group], str], body: dict[str, object] | None = None
) -> ApiCall:
    def request(client: Client, world: World, group: Group) -> object:
        url = path(world, group)
        if method == "GET":
            return client.get(url)
        return client.post(url, body or {}, content_type="application/json")

    return request


def on(make: Callable[[World, Group], Proposal], suffix: str = "") -> Callable[[World, Group], str]:
    return lambda w, g: f"/api/proposals/{make(w, g).pk}{suffix}"


API_MATRIX: dict[tuple[str, str], tuple[dict[str, tuple[object, ...]], ApiCall]] = {
    ("/api/groups/{group_id}/proposals", "GET"): (
        API_SEEN,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/proposals"),
    ),
    ("/api/groups/{group_id}/proposals", "POST"): (
        created(API_MEMBERS),
        call("POST", lambda w, g: f"/api/groups/{g.pk}/proposals", {"title": "Plant trees"}),
    ),
    (P, "GET"): (API_SEEN, call("GET", on(async_one))),
    (P + "/ballots", "POST"): (
        API_MEMBERS,
        call("POST", on(async_one, "/ballots"), {"choice": {"position": "agree"}}),
    ),
    (P + "/phase", "POST"): (
        API_RUNNERS,
        call("POST", on(live_one, "/phase"), {"phase": "concerns"}),
    ),
    (P + "/rounds", "POST"): (created(API_RUNNERS), call("POST", on(live_one, "/rounds"))),
    (P + "/rounds/close", "POST"): (API_RUNNERS, call("POST", on(async_one, "/rounds/close"))),
    (P + "/close", "POST"): (API_RUNNERS, call("POST", on(async_one, "/close"))),
    (P + "/withdraw", "POST"): (API_RUNNERS, call("POST", on(async_one, "/withdraw"))),
    (P + "/contributions", "POST"): (
        created(API_MEMBERS),
        call("POST", on(live_one, "/contributions"), {"kind": "concern", "text": "Cost"}),
    ),
    (P + "/amendments", "POST"): (
        created(API_MEMBERS),
        call("POST", on(live_one, "/amendments"), {"text": "Other"}),
    ),
    ("/api/amendments/{amendment_id}/accept", "POST"): (
        API_PROPOSER,
        call("POST", lambda w, g: f"/api/amendments/{amendment(w, g)}/accept"),
    ),
    ("/api/amendments/{amendment_id}/decline", "POST"): (
        API_PROPOSER,
        call("POST", lambda w, g: f"/api/amendments/{amendment(w, g)}/decline"),
    ),
    (P + "/minority-reports", "POST"): (
        {"A": (401, 403, 201, 201, 201, 403), "B": (401, 404, 201, 201, 201, 403)},
        call("POST", on(closed_with_dissent, "/minority-reports"), {"text": "I stood aside"}),
    ),
}


@pytest.mark.parametrize("target", ["A", "B"])
@pytest.mark.parametrize("operation", list(API_MATRIX), ids=" ".join)
def test_each_role_may_do_what_the_api_table_says(
    world: World,
    operation: tuple[str, str],
    target: str,
    api_client: Callable[[User | None], Client],
) -> None:
    expected, request = API_MATRIX[operation]
    found = tuple(
        request(api_client(world.people[role]), world, world.groups[target]).status_code  # type: ignore[attr-defined]
        for role in ROLES
    )
    assert found == expected[target]


def test_the_tables_cover_every_decisions_page_and_api_operation() -> None:
    names = {p.name for p in get_resolver("moot.decisions.urls").url_patterns}
    assert names == set(ROUTES.values())
    assert set(ROUTES) == set(MATRIX)
    operations = {
        ("/api" + path if not path.startswith("/api") else path, method.upper())
        for path, item in api.get_openapi_schema()["paths"].items()
        for method, operation in item.items()
        if "decisions" in operation.get("tags", [])
    }
    assert operations == set(API_MATRIX)
