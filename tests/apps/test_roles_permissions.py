"""Who may do what with roles, as one table: role × action × group, for pages and API.

Everyone holds their role in both groups: ``A`` (a public assembly) and ``B`` (a
members-only branch). Each group has a Treasurer role held by the member. What a person
may not see answers 404; what they see but may not do answers 403; ``LOGIN`` is the
redirect to sign in; 302 is the redirect after it worked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from moot.accounts.models import User
from moot.api.urls import api
from moot.groups.models import Group
from moot.roles import actions
from moot.roles.models import AccountableRole, Term
from tests.apps.two_groups import LOGIN, ROLES, Request, World, make_world, row

TODAY = timezone.localdate()


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def treasurer(world: World, group: Group) -> AccountableRole:
    role, _ = AccountableRole.objects.get_or_create(group=group, name="Treasurer")
    return role


def held(world: World, group: Group) -> Term:
    """A new term of the member, in a role of its own (each person in a row acts on one)."""
    number = AccountableRole.objects.filter(group=group).count()
    role = AccountableRole.objects.create(group=group, name=f"Delegate {number}")
    return actions.do_start_term(
        world.admin, role, world.member, starts_on=TODAY, ends_on=TODAY + timedelta(days=90)
    )


SEEN = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}
ADMIN_FORM = {"A": (LOGIN, 403, 403, 403, 403, 200), "B": (LOGIN, 404, 403, 403, 403, 200)}
ADMIN_DOES = {"A": (LOGIN, 403, 403, 403, 403, 302), "B": (LOGIN, 404, 403, 403, 403, 302)}
HOLDER_DOES = {"A": (LOGIN, 403, 302, 403, 403, 403), "B": (LOGIN, 404, 302, 403, 403, 403)}
MEMBERS_DO = {"A": (LOGIN, 403, 302, 302, 302, 302), "B": (LOGIN, 404, 302, 302, 302, 302)}


def on_role(name: str) -> Callable[[World, Group], str]:
    return lambda w, g: reverse(f"roles:{name}", args=[treasurer(w, g).pk])


def on_term(name: str) -> Callable[[World, Group], str]:
    return lambda w, g: reverse(f"roles:{name}", args=[held(w, g).pk])


MATRIX: dict[str, tuple[dict[str, tuple[object, ...]], Request]] = {
    "list": (SEEN, lambda c, w, g: c.get(reverse("roles:list", args=[g.pk]))),
    "role": (SEEN, lambda c, w, g: c.get(on_role("role")(w, g))),
    "create": (ADMIN_FORM, lambda c, w, g: c.get(reverse("roles:create", args=[g.pk]))),
    "edit": (
        ADMIN_DOES,
        lambda c, w, g: c.post(on_role("edit")(w, g), {"name": "Treasurer", "seats": 1}),
    ),
    "start_term": (ADMIN_FORM, lambda c, w, g: c.get(on_role("start_term")(w, g))),
    "fill_from_election": (ADMIN_FORM, lambda c, w, g: c.get(on_role("fill_from_election")(w, g))),
    "end_term": (
        {"A": (LOGIN, 403, 302, 403, 403, 302), "B": (LOGIN, 404, 302, 403, 403, 302)},
        lambda c, w, g: c.post(on_term("end_term")(w, g), {"reason": "resigned"}),
    ),
    "report_back": (
        HOLDER_DOES,
        lambda c, w, g: c.post(on_term("report_back")(w, g), {"text": "All is well."}),
    ),
    "propose_recall": (
        MEMBERS_DO,
        lambda c, w, g: c.post(on_term("propose_recall")(w, g), {"reason": "Secrecy"}),
    ),
}


@pytest.mark.parametrize("target", ["A", "B"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_may_do_what_the_table_says(world: World, action: str, target: str) -> None:
    expected, request = MATRIX[action]
    assert row(world, target, request) == expected[target]


def test_the_table_covers_every_roles_page() -> None:
    names = {p.name for p in get_resolver("moot.roles.urls").url_patterns}
    assert names == set(MATRIX)


# --- the API --------------------------------------------------------------------------

ApiCall = Callable[[Client, World, Group], object]


def call(
    method: str, path: Callable[[World, Group], str], body: dict[str, object] | None = None
) -> ApiCall:
    def request(client: Client, world: World, group: Group) -> object:
        url = path(world, group)
        if method == "GET":
            return client.get(url)
        if method == "PUT":
            return client.put(url, body or {}, content_type="application/json")
        return client.post(url, body or {}, content_type="application/json")

    return request


def api_holder(w: World, g: Group) -> dict[str, object]:
    return {"holder_id": w.member.pk, "starts_on": str(TODAY), "ends_on": str(TODAY)}


API_SEEN = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}
API_ADMIN = {"A": (401, 403, 403, 403, 403, 201), "B": (401, 404, 403, 403, 403, 201)}
API_HOLDER = {"A": (401, 403, 201, 403, 403, 403), "B": (401, 404, 201, 403, 403, 403)}
API_MEMBERS = {"A": (401, 403, 201, 201, 201, 201), "B": (401, 404, 201, 201, 201, 201)}
R = "/api/roles/{role_id}"
T = "/api/terms/{term_id}"


def role_url(suffix: str = "") -> Callable[[World, Group], str]:
    return lambda w, g: f"/api/roles/{treasurer(w, g).pk}{suffix}"


def term_url(suffix: str) -> Callable[[World, Group], str]:
    return lambda w, g: f"/api/terms/{held(w, g).pk}{suffix}"


def fill_body(w: World, g: Group) -> dict[str, object]:
    return {"holder_ids": [w.member.pk], "term_days": 30}


API_MATRIX: dict[tuple[str, str], tuple[dict[str, tuple[object, ...]], ApiCall]] = {
    ("/api/groups/{group_id}/roles", "GET"): (
        API_SEEN,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/roles"),
    ),
    ("/api/groups/{group_id}/roles", "POST"): (
        API_ADMIN,
        call("POST", lambda w, g: f"/api/groups/{g.pk}/roles", {"name": "Delegate"}),
    ),
    (R, "GET"): (API_SEEN, call("GET", role_url())),
    (R, "PUT"): (
        {k: tuple(200 if s == 201 else s for s in v) for k, v in API_ADMIN.items()},
        call("PUT", role_url(), {"name": "Keeper of the money"}),
    ),
    (R + "/terms", "GET"): (API_SEEN, call("GET", role_url("/terms"))),
    (R + "/terms", "POST"): (
        API_ADMIN,
        lambda c, w, g: call("POST", role_url("/terms"), api_holder(w, g))(c, w, g),
    ),
    (R + "/fill", "POST"): (
        API_ADMIN,
        lambda c, w, g: call("POST", role_url("/fill"), fill_body(w, g))(c, w, g),
    ),
    (T + "/end", "POST"): (
        {"A": (401, 403, 200, 403, 403, 200), "B": (401, 404, 200, 403, 403, 200)},
        call("POST", term_url("/end"), {"reason": "resigned"}),
    ),
    (T + "/report-backs", "POST"): (
        API_HOLDER,
        call("POST", term_url("/report-backs"), {"text": "We met twice."}),
    ),
    (T + "/recall-change", "GET"): (API_SEEN, call("GET", term_url("/recall-change"))),
    (T + "/recall", "POST"): (
        API_MEMBERS,
        call("POST", term_url("/recall"), {"reason": "Secrecy"}),
    ),
}


@pytest.mark.parametrize("target", ["A", "B"])
@pytest.mark.parametrize("operation", list(API_MATRIX))
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


def test_the_api_table_covers_every_roles_operation() -> None:
    operations = {
        ("/api" + path if not path.startswith("/api") else path, method.upper())
        for path, item in api.get_openapi_schema()["paths"].items()
        for method, operation in item.items()
        if "roles" in operation.get("tags", [])
    }
    assert operations == set(API_MATRIX)
