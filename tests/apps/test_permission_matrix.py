"""Who may do what, as one table: every page and API operation × role × group.

Each person holds their role in organisation A (a public assembly) and nothing in
organisation B (members only). The groups a request is aimed at:

- ``A``  the assembly (public);
- ``C``  Outreach, a public committee of A, open to A's members, convened by *convener*;
- ``K``  Internal, a committee-only committee of A, by invitation, convened by *admin*;
- ``B``  the branch, a members-only organisation nobody here belongs to;
- ``BC`` a public committee of B (hidden, because B is hidden).

Something a person may not even see answers 404; something they see but may not do
answers 403. ``LOGIN`` is a redirect to the sign-in page; 302 is any other redirect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from moot.accounts import actions as account_actions
from moot.accounts.models import ApiToken, User
from moot.groups import actions
from moot.groups.models import Group, Membership, Role, Visibility
from tests.apps.conftest import client_for, make_user

LOGIN = "login"
ROLES = ("anonymous", "outsider", "member", "facilitator", "convener", "admin")
TARGETS = ("A", "C", "K", "B", "BC")
NO_TARGET = "-"

Expect = tuple[Any, Any, Any, Any, Any, Any]  # one status per role, in ROLES order


def every_role(status: Any) -> Expect:
    return (status,) * 6


def signed_in(status: Any, anonymous: Any = LOGIN) -> Expect:
    return (anonymous, status, status, status, status, status)


def only_admin(status: Any, others: Any = 404, anonymous: Any = LOGIN) -> Expect:
    return (anonymous, others, others, others, others, status)


NOWHERE: Expect = signed_in(404)  # B and BC: hidden from everyone here

# (route, method, target) → statuses for (anonymous, outsider, member, facilitator,
# convener, admin). Routes are URL names for pages and OpenAPI paths for the API.
PAGES: dict[tuple[str, str, str], Expect] = {
    ("groups:home", "GET", NO_TARGET): every_role(200),
    ("groups:create", "GET", NO_TARGET): signed_in(200),
    ("groups:create", "POST", NO_TARGET): signed_in(302),
    # Seeing a group and its committees.
    ("groups:detail", "GET", "A"): every_role(200),
    ("groups:detail", "GET", "C"): every_role(200),
    ("groups:detail", "GET", "K"): only_admin(200, anonymous=404),
    ("groups:detail", "GET", "B"): every_role(404),
    ("groups:detail", "GET", "BC"): every_role(404),
    # The members list: members of the organisation only.
    ("groups:members", "GET", "A"): (404, 404, 200, 200, 200, 200),
    ("groups:members", "GET", "C"): (404, 404, 200, 200, 200, 200),
    ("groups:members", "GET", "K"): only_admin(200, anonymous=404),
    ("groups:members", "GET", "B"): every_role(404),
    ("groups:members", "GET", "BC"): every_role(404),
    # Managing: admins of the group or above; a convener of their own committee.
    ("groups:create_committee", "GET", "A"): only_admin(200, others=403),
    ("groups:create_committee", "GET", "C"): (LOGIN, 403, 403, 403, 200, 200),
    ("groups:create_committee", "GET", "K"): only_admin(200),
    ("groups:create_committee", "GET", "B"): NOWHERE,
    ("groups:create_committee", "GET", "BC"): NOWHERE,
    ("groups:create_committee", "POST", "A"): only_admin(302, others=403),
    ("groups:create_committee", "POST", "C"): (LOGIN, 403, 403, 403, 302, 302),
    ("groups:create_committee", "POST", "K"): only_admin(302),
    ("groups:create_committee", "POST", "B"): NOWHERE,
    ("groups:create_committee", "POST", "BC"): NOWHERE,
    ("groups:settings", "GET", "A"): only_admin(200, others=403),
    ("groups:settings", "GET", "C"): (LOGIN, 403, 403, 403, 200, 200),
    ("groups:settings", "GET", "K"): only_admin(200),
    ("groups:settings", "GET", "B"): NOWHERE,
    ("groups:settings", "GET", "BC"): NOWHERE,
    ("groups:settings", "POST", "A"): only_admin(302, others=403),
    ("groups:settings", "POST", "C"): (LOGIN, 403, 403, 403, 302, 302),
    ("groups:settings", "POST", "K"): only_admin(302),
    ("groups:settings", "POST", "B"): NOWHERE,
    ("groups:settings", "POST", "BC"): NOWHERE,
    # Joining: only committees open to the parent's members; 409 if already in.
    ("groups:join", "GET", "C"): signed_in(405),
    ("groups:join", "POST", "A"): signed_in(403),
    ("groups:join", "POST", "C"): (LOGIN, 403, 302, 302, 409, 302),
    ("groups:join", "POST", "K"): only_admin(403),
    ("groups:join", "POST", "B"): NOWHERE,
    ("groups:join", "POST", "BC"): NOWHERE,
    # Leaving: 400 if not a member, 409 for the last admin.
    ("groups:leave", "GET", "A"): signed_in(405),
    ("groups:leave", "POST", "A"): (LOGIN, 400, 302, 302, 302, 409),
    ("groups:leave", "POST", "C"): (LOGIN, 400, 400, 400, 302, 400),
    ("groups:leave", "POST", "K"): only_admin(302),
    ("groups:leave", "POST", "B"): NOWHERE,
    ("groups:leave", "POST", "BC"): NOWHERE,
    # Changing the role of the bystander's membership in the group.
    ("groups:change_role", "GET", "A"): signed_in(405),
    ("groups:change_role", "POST", "A"): only_admin(302, others=403),
    ("groups:change_role", "POST", "C"): (LOGIN, 403, 403, 403, 302, 302),
    ("groups:change_role", "POST", "K"): only_admin(302),
    ("groups:change_role", "POST", "B"): NOWHERE,
    ("groups:change_role", "POST", "BC"): NOWHERE,
    ("groups:invitations", "GET", "A"): only_admin(200, others=403),
    ("groups:invitations", "GET", "C"): (LOGIN, 403, 403, 403, 200, 200),
    ("groups:invitations", "GET", "K"): only_admin(200),
    ("groups:invitations", "GET", "B"): NOWHERE,
    ("groups:invitations", "GET", "BC"): NOWHERE,
    ("groups:invitations", "POST", "A"): only_admin(200, others=403),
    ("groups:invitations", "POST", "C"): (LOGIN, 403, 403, 403, 200, 200),
    ("groups:invitations", "POST", "K"): only_admin(200),
    ("groups:invitations", "POST", "B"): NOWHERE,
    ("groups:invitations", "POST", "BC"): NOWHERE,
    # An invitation link to the group: anyone holding it may look and accept.
    ("groups:invitation", "GET", "A"): every_role(200),
    ("groups:invitation", "GET", "C"): every_role(200),
    ("groups:invitation", "GET", "K"): every_role(200),
    ("groups:invitation", "GET", "B"): every_role(200),
    ("groups:invitation", "GET", "BC"): every_role(200),
    ("groups:invitation", "POST", "A"): (LOGIN, 302, 409, 409, 409, 409),
    ("groups:invitation", "POST", "C"): (LOGIN, 302, 302, 302, 409, 302),
    ("groups:invitation", "POST", "K"): (LOGIN, 302, 302, 302, 302, 409),
    ("groups:invitation", "POST", "B"): signed_in(302),
    ("groups:invitation", "POST", "BC"): signed_in(302),
    # Accounts. ``own``: the person's own token; ``other``: someone else's.
    ("accounts:signup", "GET", NO_TARGET): every_role(200),
    ("accounts:signup", "POST", NO_TARGET): every_role(302),
    ("accounts:login", "GET", NO_TARGET): every_role(200),
    ("accounts:login", "POST", NO_TARGET): signed_in(302, anonymous=200),
    ("accounts:logout", "GET", NO_TARGET): every_role(405),
    ("accounts:logout", "POST", NO_TARGET): every_role(302),
    ("accounts:profile", "GET", NO_TARGET): signed_in(200),
    ("accounts:profile", "POST", NO_TARGET): signed_in(302),
    ("accounts:create_token", "GET", NO_TARGET): signed_in(405),
    ("accounts:create_token", "POST", NO_TARGET): signed_in(200),
    ("accounts:revoke_token", "POST", "own"): signed_in(302),
    ("accounts:revoke_token", "POST", "other"): signed_in(404),
    ("accounts:password_reset", "GET", NO_TARGET): every_role(200),
    ("accounts:password_reset", "POST", NO_TARGET): every_role(302),
    ("accounts:password_reset_done", "GET", NO_TARGET): every_role(200),
    ("accounts:password_reset_confirm", "GET", "valid"): every_role(302),
    ("accounts:password_reset_confirm", "GET", "forged"): every_role(200),
    ("accounts:password_reset_complete", "GET", NO_TARGET): every_role(200),
    ("set_language", "POST", NO_TARGET): every_role(302),
    # The API's own documents.
    ("api:openapi-json", "GET", NO_TARGET): every_role(200),
    ("api:openapi-view", "GET", NO_TARGET): every_role(200),
    ("api:api-root", "GET", NO_TARGET): every_role(404),
}

# The API answers 401 (not a redirect) without a token; reads of public data work
# anonymously, so a hidden group answers 404 to anonymous readers too.
API: dict[tuple[str, str, str], Expect] = {
    ("/api/me", "GET", NO_TARGET): signed_in(200, anonymous=401),
    ("/api/groups", "GET", NO_TARGET): every_role(200),
    ("/api/groups", "POST", NO_TARGET): signed_in(201, anonymous=401),
    ("/api/groups/{group_id}", "GET", "A"): every_role(200),
    ("/api/groups/{group_id}", "GET", "C"): every_role(200),
    ("/api/groups/{group_id}", "GET", "K"): only_admin(200, anonymous=404),
    ("/api/groups/{group_id}", "GET", "B"): every_role(404),
    ("/api/groups/{group_id}", "GET", "BC"): every_role(404),
    ("/api/groups/{group_id}/committees", "GET", "A"): every_role(200),
    ("/api/groups/{group_id}/committees", "GET", "C"): every_role(200),
    ("/api/groups/{group_id}/committees", "GET", "K"): only_admin(200, anonymous=404),
    ("/api/groups/{group_id}/committees", "GET", "B"): every_role(404),
    ("/api/groups/{group_id}/committees", "GET", "BC"): every_role(404),
    ("/api/groups/{group_id}/committees", "POST", "A"): only_admin(201, 403, 401),
    ("/api/groups/{group_id}/committees", "POST", "C"): (401, 403, 403, 403, 201, 201),
    ("/api/groups/{group_id}/committees", "POST", "K"): only_admin(201, 404, 401),
    ("/api/groups/{group_id}/committees", "POST", "B"): signed_in(404, 401),
    ("/api/groups/{group_id}/committees", "POST", "BC"): signed_in(404, 401),
    ("/api/groups/{group_id}/memberships", "GET", "A"): (404, 404, 200, 200, 200, 200),
    ("/api/groups/{group_id}/memberships", "GET", "C"): (404, 404, 200, 200, 200, 200),
    ("/api/groups/{group_id}/memberships", "GET", "K"): only_admin(200, 404, 404),
    ("/api/groups/{group_id}/memberships", "GET", "B"): every_role(404),
    ("/api/groups/{group_id}/memberships", "GET", "BC"): every_role(404),
    ("/api/groups/{group_id}/memberships", "POST", "A"): signed_in(403, 401),
    ("/api/groups/{group_id}/memberships", "POST", "C"): (401, 403, 201, 201, 409, 201),
    ("/api/groups/{group_id}/memberships", "POST", "K"): only_admin(403, 404, 401),
    ("/api/groups/{group_id}/memberships", "POST", "B"): signed_in(404, 401),
    ("/api/groups/{group_id}/memberships", "POST", "BC"): signed_in(404, 401),
    ("/api/groups/{group_id}/leave", "POST", "A"): (401, 400, 204, 204, 204, 409),
    ("/api/groups/{group_id}/leave", "POST", "C"): (401, 400, 400, 400, 204, 400),
    ("/api/groups/{group_id}/leave", "POST", "K"): only_admin(204, 404, 401),
    ("/api/groups/{group_id}/leave", "POST", "B"): signed_in(404, 401),
    ("/api/groups/{group_id}/leave", "POST", "BC"): signed_in(404, 401),
    ("/api/groups/{group_id}/memberships/{membership_id}", "PATCH", "A"): only_admin(200, 403, 401),
    ("/api/groups/{group_id}/memberships/{membership_id}", "PATCH", "C"): (
        401,
        403,
        403,
        403,
        200,
        200,
    ),
    ("/api/groups/{group_id}/memberships/{membership_id}", "PATCH", "K"): only_admin(200, 404, 401),
    ("/api/groups/{group_id}/memberships/{membership_id}", "PATCH", "B"): signed_in(404, 401),
    ("/api/groups/{group_id}/memberships/{membership_id}", "PATCH", "BC"): signed_in(404, 401),
    ("/api/groups/{group_id}/invitations", "POST", "A"): only_admin(201, 403, 401),
    ("/api/groups/{group_id}/invitations", "POST", "C"): (401, 403, 403, 403, 201, 201),
    ("/api/groups/{group_id}/invitations", "POST", "K"): only_admin(201, 404, 401),
    ("/api/groups/{group_id}/invitations", "POST", "B"): signed_in(404, 401),
    ("/api/groups/{group_id}/invitations", "POST", "BC"): signed_in(404, 401),
    ("/api/invitations/{token}/accept", "POST", "A"): (401, 201, 409, 409, 409, 409),
    ("/api/invitations/{token}/accept", "POST", "C"): (401, 201, 201, 201, 409, 201),
    ("/api/invitations/{token}/accept", "POST", "K"): (401, 201, 201, 201, 201, 409),
    ("/api/invitations/{token}/accept", "POST", "B"): signed_in(201, 401),
    ("/api/invitations/{token}/accept", "POST", "BC"): signed_in(201, 401),
}


def _cases(table: dict[tuple[str, str, str], Expect]) -> list[Any]:
    return [
        pytest.param(
            route,
            method,
            target,
            role,
            expect[i],
            id=f"{method} {route} [{target}] as {role} -> {expect[i]}",
        )
        for (route, method, target), expect in table.items()
        for i, role in enumerate(ROLES)
    ]


@dataclass
class World:
    people: dict[str, User | None]
    groups: dict[str, Group]
    bystander_memberships: dict[str, Membership]
    invitations: dict[str, str]
    owner: User

    def person(self, role: str) -> User | None:
        return self.people[role]


def _build_world() -> World:
    admin, member, facilitator, convener, outsider, owner, bystander = (
        make_user(name)
        for name in ("admin", "member", "facilitator", "convener", "outsider", "owner", "bystander")
    )
    assembly = actions.do_create_group(admin, name="Assembly", kind="assembly")
    actions.do_add_member(member, assembly)
    actions.do_add_member(facilitator, assembly, Role.FACILITATOR)
    actions.do_add_member(convener, assembly)
    outreach = actions.do_create_committee(convener, assembly, name="Outreach")
    internal = actions.do_create_committee(
        admin, assembly, name="Internal", visibility=Visibility.COMMITTEE, open_to_join=False
    )
    branch = actions.do_create_group(
        owner, name="Branch", kind="branch", visibility=Visibility.MEMBERS
    )
    branch_outreach = actions.do_create_committee(
        owner, branch, name="Branch outreach", visibility=Visibility.PUBLIC
    )
    groups = {"A": assembly, "C": outreach, "K": internal, "B": branch, "BC": branch_outreach}
    memberships = {key: actions.do_add_member(bystander, group) for key, group in groups.items()}
    invitations = {
        key: actions.do_create_invitation(owner if key.startswith("B") else admin, group)
        for key, group in groups.items()
    }
    for user in (admin, member, facilitator, convener, outsider, owner):
        account_actions.do_create_api_token(user, f"{user.display_name}'s token")
    people: dict[str, User | None] = {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "facilitator": facilitator,
        "convener": convener,
        "admin": admin,
    }
    return World(people, groups, memberships, invitations, owner)


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


# --- pages -------------------------------------------------------------------------------


def _page_url(world: World, route: str, target: str, user: User | None) -> str:
    if route == "groups:invitation":
        return reverse(route, args=[world.invitations[target]])
    if route == "groups:change_role":
        membership = world.bystander_memberships[target]
        return reverse(route, args=[membership.group_id, membership.pk])
    if target in TARGETS:
        return reverse(route, args=[world.groups[target].pk])
    if route == "accounts:revoke_token":
        holder = user if (target == "own" and user is not None) else world.owner
        token = ApiToken.objects.get(user=holder)
        return reverse(route, args=[token.pk])
    if route == "accounts:password_reset_confirm":
        holder = user or world.owner
        uid = urlsafe_base64_encode(force_bytes(holder.pk))
        token = default_token_generator.make_token(holder) if target == "valid" else "1-forged"
        return reverse(route, args=[uid, token])
    return reverse(route)


def _page_data(
    world: World, route: str, target: str, role: str, user: User | None
) -> dict[str, str]:
    group = world.groups.get(target)
    forms: dict[str, dict[str, str]] = {
        "groups:create": {"name": "New group", "kind": "assembly", "visibility": "public"},
        "groups:create_committee": {
            "name": "New committee",
            "visibility": "public",
            "open_to_join": "on",
        },
        "groups:settings": {
            "name": "Renamed",
            "description": "",
            "visibility": group.visibility if group else "public",
            "default_visibility": "public",
        },
        "groups:leave": {"reason": "moving away"},
        "groups:change_role": {"role": "facilitator"},
        "groups:invitations": {"role": "member", "note": "for Ana"},
        "accounts:signup": {
            "email": f"new-{role}@example.org",
            "display_name": "New",
            "password": "a-long-unusual-passphrase-42",
        },
        "accounts:login": {
            "username": user.email if user else "nobody@example.org",
            "password": f"pw-{role}" if user else "wrong",
        },
        "accounts:profile": {"display_name": "Renamed", "pseudonym": "", "language": ""},
        "accounts:create_token": {"name": "laptop"},
        "accounts:password_reset": {"email": user.email if user else "nobody@example.org"},
        "set_language": {"language": "es"},
    }
    return forms.get(route, {})


def _assert_status(response: Any, expected: Any) -> None:
    login_url = reverse("accounts:login")
    location = response.headers.get("Location", "")
    if expected in (LOGIN, 302):
        assert response.status_code == 302, response.content[:300]
        assert location.startswith(login_url) == (expected == LOGIN), location
    else:
        assert response.status_code == expected, response.content[:300]


@pytest.mark.parametrize(("route", "method", "target", "role", "expected"), _cases(PAGES))
def test_each_page_answers_each_role_as_the_matrix_says(
    world: World, route: str, method: str, target: str, role: str, expected: Any
) -> None:
    user = world.person(role)
    client = client_for(user)  # first: signing in changes what a reset link must carry
    url = _page_url(world, route, target, user)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, _page_data(world, route, target, role, user))
    _assert_status(response, expected)


# --- API ---------------------------------------------------------------------------------

API_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("/api/groups", "POST"): {"name": "New group"},
    ("/api/groups/{group_id}/committees", "POST"): {"name": "New committee"},
    ("/api/groups/{group_id}/leave", "POST"): {"reason": "moving away"},
    ("/api/groups/{group_id}/memberships/{membership_id}", "PATCH"): {"role": "facilitator"},
    ("/api/groups/{group_id}/invitations", "POST"): {"role": "member"},
}


def _api_url(world: World, path: str, target: str) -> str:
    values: dict[str, Any] = {}
    if target in TARGETS:
        values = {
            "group_id": world.groups[target].pk,
            "membership_id": world.bystander_memberships[target].pk,
            "token": world.invitations[target],
        }
    return path.format(**values)


@pytest.mark.parametrize(("path", "method", "target", "role", "expected"), _cases(API))
def test_each_api_operation_answers_each_role_as_the_matrix_says(
    world: World,
    api_client: Callable[[User | None], Client],
    path: str,
    method: str,
    target: str,
    role: str,
    expected: int,
) -> None:
    client = api_client(world.person(role))
    url = _api_url(world, path, target)
    body = API_BODIES.get((path, method))
    response = client.generic(
        method, url, "" if body is None else _json(body), content_type="application/json"
    )
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert response.json()["detail"], "an error answer says what went wrong"


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)
