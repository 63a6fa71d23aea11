"""Bad input answers a clear message and a 4xx — on pages and in the API — never a 500,
and leaves the database exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moot.accounts.models import ApiToken, User
from moot.groups import actions
from moot.groups.models import Group, Invitation, Membership
from tests.apps.conftest import client_for, make_user

LONG = "x" * 10_000
UNKNOWN_ID = 987_654


@dataclass
class Scene:
    admin: User
    member: User
    outsider: User
    assembly: Group
    committee: Group
    closed_committee: Group
    pages: dict[User | None, Client]
    apis: dict[User | None, Client]

    def page(self, user: User | None) -> Client:
        return self.pages[user]

    def api(self, user: User | None) -> Client:
        return self.apis[user]


@pytest.fixture
def scene(
    admin: User,
    assembly: Group,
    member: User,
    outsider: User,
    committee: Group,
    api_client: Callable[[User | None], Client],
) -> Scene:
    closed = actions.do_create_committee(admin, assembly, name="Legal", open_to_join=False)
    people = (None, admin, member, outsider)
    # Signing in and making tokens happen here, before any case measures the database.
    pages = {user: client_for(user) for user in people}
    apis = {user: api_client(user) for user in people}
    return Scene(admin, member, outsider, assembly, committee, closed, pages, apis)


def database_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row that bad input could touch, with the fields that could change."""
    return {
        "users": list(
            User.objects.order_by("pk").values_list(
                "pk", "email", "display_name", "pseudonym", "password"
            )
        ),
        "groups": list(
            Group.objects.order_by("pk").values_list(
                "pk",
                "name",
                "description",
                "visibility",
                "default_visibility",
                "open_to_join",
                "parent_id",
            )
        ),
        "memberships": list(
            Membership.objects.order_by("pk").values_list(
                "pk", "user_id", "group_id", "role", "left_at", "leave_reason"
            )
        ),
        "invitations": list(
            Invitation.objects.order_by("pk").values_list(
                "pk", "group_id", "role", "used_at", "used_by_id"
            )
        ),
        "tokens": list(ApiToken.objects.order_by("pk").values_list("pk", "user_id", "name")),
    }


def api_call(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.generic(
        method, url, json.dumps(body) if body is not None else "", content_type="application/json"
    )


def used_invitation(scene: Scene) -> str:
    raw = actions.do_create_invitation(scene.admin, scene.assembly)
    actions.do_accept_invitation(make_user("first"), raw)
    return raw


def expired_invitation(scene: Scene) -> str:
    raw = actions.do_create_invitation(scene.admin, scene.assembly)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    return raw


# Each case prepares what it needs and returns the request that must fail cleanly.
Request = Callable[[], HttpResponse]
CASES: dict[str, tuple[Callable[[Scene], Request], int, str]] = {}


def case(name: str, status: int, message: str) -> Callable[[Callable[[Scene], Request]], Any]:
    def register(prepare: Callable[[Scene], Request]) -> Callable[[Scene], Request]:
        CASES[name] = (prepare, status, message)
        return prepare

    return register


# --- names -------------------------------------------------------------------------------


@case("an empty group name on the page", 400, "This field is required.")
def _(s: Scene) -> Request:
    return lambda: s.page(s.admin).post(
        reverse("groups:create"), {"name": "", "kind": "assembly", "visibility": "public"}
    )


@case("a whitespace-only group name on the page", 400, "This field is required.")
def _(s: Scene) -> Request:
    return lambda: s.page(s.admin).post(
        reverse("groups:create"), {"name": "   ", "kind": "assembly", "visibility": "public"}
    )


@case("a 10,000-character group name on the page", 400, "at most 200 characters")
def _(s: Scene) -> Request:
    return lambda: s.page(s.admin).post(
        reverse("groups:create"), {"name": LONG, "kind": "assembly", "visibility": "public"}
    )


@case("an empty group name in the API", 422, "at least 1 character")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.admin), "POST", "/api/groups", {"name": ""})


@case("a whitespace-only group name in the API", 400, "Please give a name.")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.admin), "POST", "/api/groups", {"name": "  \t "})


@case("a 10,000-character group name in the API", 422, "at most 200 characters")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.admin), "POST", "/api/groups", {"name": LONG})


@case("a whitespace-only committee name on the page", 400, "This field is required.")
def _(s: Scene) -> Request:
    url = reverse("groups:create_committee", args=[s.assembly.pk])
    return lambda: s.page(s.admin).post(url, {"name": " ", "visibility": "public"})


@case("a 10,000-character committee name on the page", 400, "at most 200 characters")
def _(s: Scene) -> Request:
    url = reverse("groups:create_committee", args=[s.assembly.pk])
    return lambda: s.page(s.admin).post(url, {"name": LONG, "visibility": "public"})


@case("a whitespace-only committee name in the API", 400, "Please give a name.")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.assembly.pk}/committees"
    return lambda: api_call(s.api(s.admin), "POST", url, {"name": "   "})


@case("a 10,000-character committee name in the API", 422, "at most 200 characters")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.assembly.pk}/committees"
    return lambda: api_call(s.api(s.admin), "POST", url, {"name": LONG})


@case("a whitespace-only name in the group settings", 400, "This field is required.")
def _(s: Scene) -> Request:
    url = reverse("groups:settings", args=[s.assembly.pk])
    return lambda: s.page(s.admin).post(
        url, {"name": "  ", "visibility": "public", "default_visibility": "public"}
    )


@case("a 10,000-character name in the group settings", 400, "at most 200 characters")
def _(s: Scene) -> Request:
    url = reverse("groups:settings", args=[s.assembly.pk])
    return lambda: s.page(s.admin).post(
        url, {"name": LONG, "visibility": "public", "default_visibility": "public"}
    )


@case("a 10,000-character display name at sign-up", 400, "at most 100 characters")
def _(s: Scene) -> Request:
    return lambda: s.page(None).post(
        reverse("accounts:signup"),
        {"email": "new@example.org", "display_name": LONG, "password": "a-long-passphrase-42"},
    )


@case("a whitespace-only display name at sign-up", 400, "This field is required.")
def _(s: Scene) -> Request:
    return lambda: s.page(None).post(
        reverse("accounts:signup"),
        {"email": "new@example.org", "display_name": "   ", "password": "a-long-passphrase-42"},
    )


@case("a 10,000-character display name in the profile", 400, "at most 100 characters")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).post(
        reverse("accounts:profile"), {"display_name": LONG, "pseudonym": "", "language": ""}
    )


@case("a 10,000-character pseudonym in the profile", 400, "at most 100 characters")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).post(
        reverse("accounts:profile"), {"display_name": "M", "pseudonym": LONG, "language": ""}
    )


@case("a 10,000-character token name", 400, "at most 100 characters")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).post(reverse("accounts:create_token"), {"name": LONG})


@case("a 10,000-character reason for leaving in the API", 422, "at most 500 characters")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.assembly.pk}/leave"
    return lambda: api_call(s.api(s.member), "POST", url, {"reason": LONG})


# --- invitations -------------------------------------------------------------------------


@case("opening a reused invitation", 410, "already been used")
def _(s: Scene) -> Request:
    raw = used_invitation(s)
    return lambda: s.page(s.outsider).get(reverse("groups:invitation", args=[raw]))


@case("accepting a reused invitation on the page", 410, "already been used")
def _(s: Scene) -> Request:
    raw = used_invitation(s)
    return lambda: s.page(s.outsider).post(reverse("groups:invitation", args=[raw]))


@case("accepting a reused invitation in the API", 410, "already been used")
def _(s: Scene) -> Request:
    raw = used_invitation(s)
    return lambda: api_call(s.api(s.outsider), "POST", f"/api/invitations/{raw}/accept")


@case("opening an expired invitation", 410, "expired")
def _(s: Scene) -> Request:
    raw = expired_invitation(s)
    return lambda: s.page(s.outsider).get(reverse("groups:invitation", args=[raw]))


@case("accepting an expired invitation on the page", 410, "expired")
def _(s: Scene) -> Request:
    raw = expired_invitation(s)
    return lambda: s.page(s.outsider).post(reverse("groups:invitation", args=[raw]))


@case("accepting an expired invitation in the API", 410, "expired")
def _(s: Scene) -> Request:
    raw = expired_invitation(s)
    return lambda: api_call(s.api(s.outsider), "POST", f"/api/invitations/{raw}/accept")


@case("an unknown invitation token on the page", 404, "not valid")
def _(s: Scene) -> Request:
    return lambda: s.page(s.outsider).post(reverse("groups:invitation", args=["no-such-token"]))


@case("an unknown invitation token in the API", 404, "not valid")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.outsider), "POST", "/api/invitations/no-such-token/accept")


@case("an invalid role for an invitation on the page", 400, "Select a valid choice")
def _(s: Scene) -> Request:
    url = reverse("groups:invitations", args=[s.assembly.pk])
    return lambda: s.page(s.admin).post(url, {"role": "overlord"})


@case("an invalid role for an invitation in the API", 422, "Input should be")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.assembly.pk}/invitations"
    return lambda: api_call(s.api(s.admin), "POST", url, {"role": "overlord"})


@case("an invitation that lasts 10,000 days in the API", 422, "less than or equal to 90")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.assembly.pk}/invitations"
    return lambda: api_call(s.api(s.admin), "POST", url, {"days": 10_000})


# --- unknown and forged ids --------------------------------------------------------------


@case("an unknown group id on the page", 404, "nothing here")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).get(reverse("groups:detail", args=[UNKNOWN_ID]))


@case("joining an unknown group id on the page", 404, "nothing here")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).post(reverse("groups:join", args=[UNKNOWN_ID]))


@case("an unknown group id in the API", 404, "Not Found")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.member), "GET", f"/api/groups/{UNKNOWN_ID}")


@case("joining an unknown group id in the API", 404, "Not Found")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.member), "POST", f"/api/groups/{UNKNOWN_ID}/memberships")


@case("a forged, non-numeric group id in the API", 422, "valid integer")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.member), "GET", "/api/groups/1%20OR%201=1")


@case("a forged, non-numeric group id on the page", 404, "nothing here")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).get("/g/1%20OR%201=1/")


@case("a membership of another group in the role change", 404, "nothing here")
def _(s: Scene) -> Request:
    elsewhere = Membership.objects.get(group=s.committee, user=s.admin)
    url = reverse("groups:change_role", args=[s.assembly.pk, elsewhere.pk])
    return lambda: s.page(s.admin).post(url, {"role": "member"})


@case("a membership of another group in the API role change", 404, "Not Found")
def _(s: Scene) -> Request:
    elsewhere = Membership.objects.get(group=s.committee, user=s.admin)
    url = f"/api/groups/{s.assembly.pk}/memberships/{elsewhere.pk}"
    return lambda: api_call(s.api(s.admin), "PATCH", url, {"role": "member"})


@case("revoking a token that does not exist", 404, "nothing here")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).post(reverse("accounts:revoke_token", args=[UNKNOWN_ID]))


# --- roles and memberships ---------------------------------------------------------------


@case("an invalid role on the page", 400, "Unknown role.")
def _(s: Scene) -> Request:
    membership = Membership.objects.get(group=s.assembly, user=s.member)
    url = reverse("groups:change_role", args=[s.assembly.pk, membership.pk])
    return lambda: s.page(s.admin).post(url, {"role": "overlord"})


@case("an invalid role in the API", 422, "Input should be")
def _(s: Scene) -> Request:
    membership = Membership.objects.get(group=s.assembly, user=s.member)
    url = f"/api/groups/{s.assembly.pk}/memberships/{membership.pk}"
    return lambda: api_call(s.api(s.admin), "PATCH", url, {"role": "overlord"})


@case("the last admin stepping down on the page", 409, "Name another admin")
def _(s: Scene) -> Request:
    membership = Membership.objects.get(group=s.assembly, user=s.admin)
    url = reverse("groups:change_role", args=[s.assembly.pk, membership.pk])
    return lambda: s.page(s.admin).post(url, {"role": "member"})


@case("the last admin stepping down in the API", 409, "Name another admin")
def _(s: Scene) -> Request:
    membership = Membership.objects.get(group=s.assembly, user=s.admin)
    url = f"/api/groups/{s.assembly.pk}/memberships/{membership.pk}"
    return lambda: api_call(s.api(s.admin), "PATCH", url, {"role": "member"})


@case("leaving a group one is not in on the page", 400, "not a member")
def _(s: Scene) -> Request:
    return lambda: s.page(s.outsider).post(reverse("groups:leave", args=[s.assembly.pk]))


@case("leaving a group one is not in in the API", 400, "not a member")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.outsider), "POST", f"/api/groups/{s.assembly.pk}/leave", {})


@case("the last admin leaving on the page", 409, "Name another admin")
def _(s: Scene) -> Request:
    return lambda: s.page(s.admin).post(reverse("groups:leave", args=[s.assembly.pk]))


@case("the last admin leaving in the API", 409, "Name another admin")
def _(s: Scene) -> Request:
    return lambda: api_call(s.api(s.admin), "POST", f"/api/groups/{s.assembly.pk}/leave", {})


@case("joining a committee twice on the page", 409, "already a member")
def _(s: Scene) -> Request:
    actions.do_join_group(s.member, s.committee)
    return lambda: s.page(s.member).post(reverse("groups:join", args=[s.committee.pk]))


@case("joining a committee twice in the API", 409, "already a member")
def _(s: Scene) -> Request:
    actions.do_join_group(s.member, s.committee)
    url = f"/api/groups/{s.committee.pk}/memberships"
    return lambda: api_call(s.api(s.member), "POST", url)


@case("joining an invitation-only organisation on the page", 403, "invitation only")
def _(s: Scene) -> Request:
    return lambda: s.page(s.outsider).post(reverse("groups:join", args=[s.assembly.pk]))


@case("joining an invitation-only organisation in the API", 403, "invitation only")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.assembly.pk}/memberships"
    return lambda: api_call(s.api(s.outsider), "POST", url)


@case("joining an invitation-only committee on the page", 403, "invitation only")
def _(s: Scene) -> Request:
    return lambda: s.page(s.member).post(reverse("groups:join", args=[s.closed_committee.pk]))


@case("joining an invitation-only committee in the API", 403, "invitation only")
def _(s: Scene) -> Request:
    url = f"/api/groups/{s.closed_committee.pk}/memberships"
    return lambda: api_call(s.api(s.member), "POST", url)


@case("joining a committee without being in its organisation", 403, "Join Assembly first")
def _(s: Scene) -> Request:
    return lambda: s.page(s.outsider).post(reverse("groups:join", args=[s.committee.pk]))


@case("a duplicate email at sign-up", 400, "already exists")
def _(s: Scene) -> Request:
    return lambda: s.page(None).post(
        reverse("accounts:signup"),
        {
            "email": "MEMBER@example.org",
            "display_name": "Again",
            "password": "a-long-passphrase-42",
        },
    )


@case("a malformed JSON body in the API", 400, "Cannot parse request body")
def _(s: Scene) -> Request:
    return lambda: s.api(s.admin).post("/api/groups", "{not json", content_type="application/json")


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_answers_a_clear_4xx_and_changes_nothing(scene: Scene, name: str) -> None:
    prepare, status, message = CASES[name]
    send = prepare(scene)
    before = database_state()
    response = send()
    assert response.status_code == status, response.content[:500]
    body = response.content.decode()
    if response.headers["Content-Type"].startswith("application/json"):
        detail = response.json()["detail"]
        body = detail if isinstance(detail, str) else json.dumps(detail)
    assert message in body
    assert database_state() == before


def test_every_bad_input_case_is_a_4xx() -> None:
    assert all(400 <= status < 500 for _, status, _ in CASES.values())
