"""The JSON API: token auth, groups and committees, memberships, invitations, OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from moot.accounts import actions as account_actions
from moot.accounts.models import ApiToken, User
from moot.groups import actions
from moot.groups.models import Group, Membership, Role, Visibility

ApiClient = Callable[[User | None], Client]


def call(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.generic(
        method, url, json.dumps(body) if body is not None else "", content_type="application/json"
    )


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


# --- token auth --------------------------------------------------------------------------


def test_a_valid_token_says_who_you_are(member: User) -> None:
    raw = account_actions.do_create_api_token(member, "phone")
    response = bearer(raw).get("/api/me")
    assert response.status_code == 200
    assert response.json() == {"id": member.pk, "name": "Member", "email": "member@example.org"}


def test_a_missing_token_is_refused_where_a_token_is_needed(db: None) -> None:
    for method, url in (("GET", "/api/me"), ("POST", "/api/groups")):
        response = call(Client(), method, url, {"name": "x"} if method == "POST" else None)
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize("url", ["/api/me", "/api/groups"])
def test_a_wrong_token_is_refused_even_for_public_reads(assembly: Group, url: str) -> None:
    assert bearer("moot_not-a-token").get(url).status_code == 401
    basic = Client(headers={"Authorization": "Basic bWU6cHc="})
    assert basic.get(url).status_code == 401


def test_a_revoked_token_is_refused(member: User) -> None:
    raw = account_actions.do_create_api_token(member, "phone")
    account_actions.do_revoke_api_token(ApiToken.objects.get())
    assert bearer(raw).get("/api/me").status_code == 401
    assert call(bearer(raw), "POST", "/api/groups", {"name": "x"}).status_code == 401
    assert not Group.objects.filter(name="x").exists()


def test_a_token_of_a_deactivated_person_is_refused(member: User) -> None:
    raw = account_actions.do_create_api_token(member, "phone")
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert bearer(raw).get("/api/me").status_code == 401


# --- groups and committees ---------------------------------------------------------------


def test_creating_a_group_answers_it_and_makes_you_its_admin(
    outsider: User, api_client: ApiClient
) -> None:
    response = call(
        api_client(outsider),
        "POST",
        "/api/groups",
        {
            "name": "Eastside Branch",
            "kind": "branch",
            "visibility": "members",
            "description": "Tuesdays",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Eastside Branch"
    assert body["kind"] == "branch"
    assert body["visibility"] == "members"
    assert body["parent_id"] is None
    assert body["decision_rule"]
    assert {"key": "block"} in body["hand_signals"]
    assert Membership.objects.get(group_id=body["id"]).user == outsider
    assert Membership.objects.get(group_id=body["id"]).role == Role.ADMIN


def test_listing_groups_shows_your_own_and_the_public_ones(
    assembly: Group,
    private_group: Group,
    member: User,
    outsider: User,
    api_client: ApiClient,
) -> None:
    actions.do_add_member(member, private_group)
    names = [g["name"] for g in api_client(member).get("/api/groups").json()]
    assert names == ["Assembly", "Branch"]
    assert [g["name"] for g in api_client(outsider).get("/api/groups").json()] == ["Assembly"]
    assert [g["name"] for g in Client().get("/api/groups").json()] == ["Assembly"]


def test_reading_a_group_by_id(assembly: Group) -> None:
    response = Client().get(f"/api/groups/{assembly.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == "Assembly"


def test_committees_are_created_and_listed_at_any_depth(
    admin: User, assembly: Group, member: User, api_client: ApiClient
) -> None:
    client = api_client(admin)
    response = call(
        client,
        "POST",
        f"/api/groups/{assembly.pk}/committees",
        {"name": "Sanitation", "open_to_join": False},
    )
    assert response.status_code == 201
    sanitation = response.json()
    assert sanitation["parent_id"] == assembly.pk
    assert sanitation["open_to_join"] is False
    engineering = call(
        client, "POST", f"/api/groups/{sanitation['id']}/committees", {"name": "Engineering"}
    ).json()
    call(
        client,
        "POST",
        f"/api/groups/{assembly.pk}/committees",
        {"name": "Internal", "visibility": "committee"},
    )
    listed = [g["name"] for g in client.get(f"/api/groups/{assembly.pk}/committees").json()]
    assert listed == ["Internal", "Sanitation", "Engineering"]
    seen_by_member = api_client(member).get(f"/api/groups/{assembly.pk}/committees").json()
    assert [g["name"] for g in seen_by_member] == ["Sanitation", "Engineering"]
    assert engineering["parent_id"] == sanitation["id"]


# --- memberships ---------------------------------------------------------------------------


def test_the_member_list_shows_pseudonyms(
    assembly: Group, member: User, admin: User, api_client: ApiClient
) -> None:
    account_actions.do_update_profile(
        member, display_name="Maria Lopez", pseudonym="Red Kite", language=""
    )
    response = api_client(admin).get(f"/api/groups/{assembly.pk}/memberships")
    assert response.status_code == 200
    assert {(m["name"], m["role"]) for m in response.json()} == {
        ("Admin", "admin"),
        ("Red Kite", "member"),
    }
    assert "Maria Lopez" not in response.content.decode()


def test_a_member_joins_and_leaves_a_committee(
    member: User, committee: Group, api_client: ApiClient
) -> None:
    client = api_client(member)
    joined = call(client, "POST", f"/api/groups/{committee.pk}/memberships")
    assert joined.status_code == 201
    assert joined.json()["group_id"] == committee.pk
    assert joined.json()["role"] == "member"
    left = call(client, "POST", f"/api/groups/{committee.pk}/leave", {"reason": "Too busy"})
    assert left.status_code == 204
    assert left.content == b""
    membership = Membership.objects.get(user=member, group=committee)
    assert membership.left_at is not None
    assert membership.leave_reason == "Too busy"


def test_leaving_without_a_body_is_allowed_and_keeps_no_reason(
    member: User, assembly: Group, api_client: ApiClient
) -> None:
    response = call(api_client(member), "POST", f"/api/groups/{assembly.pk}/leave")
    assert response.status_code == 204
    assert Membership.objects.get(user=member).leave_reason == ""


def test_an_admin_changes_a_role(
    admin: User, member: User, assembly: Group, api_client: ApiClient
) -> None:
    membership = Membership.objects.get(user=member, group=assembly)
    response = call(
        api_client(admin),
        "PATCH",
        f"/api/groups/{assembly.pk}/memberships/{membership.pk}",
        {"role": "facilitator"},
    )
    assert response.status_code == 200
    assert response.json()["role"] == "facilitator"
    assert response.json()["name"] == "Member"
    membership.refresh_from_db()
    assert membership.role == Role.FACILITATOR


def test_a_member_may_not_change_roles(
    member: User, facilitator: User, assembly: Group, api_client: ApiClient
) -> None:
    membership = Membership.objects.get(user=facilitator, group=assembly)
    response = call(
        api_client(member),
        "PATCH",
        f"/api/groups/{assembly.pk}/memberships/{membership.pk}",
        {"role": "admin"},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.FACILITATOR


# --- invitations ---------------------------------------------------------------------------


def test_an_invitation_is_created_and_accepted(
    admin: User, outsider: User, assembly: Group, committee: Group, api_client: ApiClient
) -> None:
    created = call(
        api_client(admin),
        "POST",
        f"/api/groups/{committee.pk}/invitations",
        {"role": "convener", "note": "for Ana", "days": 3},
    )
    assert created.status_code == 201
    token, url = created.json()["token"], created.json()["url"]
    assert url == f"http://testserver/invite/{token}/"
    accepted = call(api_client(outsider), "POST", f"/api/invitations/{token}/accept")
    assert accepted.status_code == 201
    assert accepted.json()["group_id"] == committee.pk
    assert accepted.json()["role"] == "convener"
    assert Membership.objects.filter(user=outsider, group=assembly, left_at=None).exists()
    again = call(api_client(make_other()), "POST", f"/api/invitations/{token}/accept")
    assert again.status_code == 410


def make_other() -> User:
    return User.objects.create_user(email="other@example.org", password="pw", display_name="Other")


def test_a_members_only_group_is_invisible_to_outsiders_in_the_api(
    private_group: Group, outsider: User, api_client: ApiClient
) -> None:
    client = api_client(outsider)
    for method, url in (
        ("GET", f"/api/groups/{private_group.pk}"),
        ("GET", f"/api/groups/{private_group.pk}/committees"),
        ("GET", f"/api/groups/{private_group.pk}/memberships"),
        ("POST", f"/api/groups/{private_group.pk}/invitations"),
    ):
        response = call(client, method, url, {} if method == "POST" else None)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not Found"}
    assert private_group.visibility == Visibility.MEMBERS


# --- the OpenAPI document ------------------------------------------------------------------

OPERATIONS = {
    ("/api/me", "get"),
    ("/api/groups", "get"),
    ("/api/groups", "post"),
    ("/api/groups/{group_id}", "get"),
    ("/api/groups/{group_id}/committees", "get"),
    ("/api/groups/{group_id}/committees", "post"),
    ("/api/groups/{group_id}/memberships", "get"),
    ("/api/groups/{group_id}/memberships", "post"),
    ("/api/groups/{group_id}/leave", "post"),
    ("/api/groups/{group_id}/memberships/{membership_id}", "patch"),
    ("/api/groups/{group_id}/invitations", "post"),
    ("/api/invitations/{token}/accept", "post"),
}


@pytest.fixture
def openapi(db: None) -> dict[str, Any]:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_the_openapi_document_is_well_formed(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.")
    assert openapi["info"]["title"] == "moot API"
    assert openapi["info"]["version"] == "1"
    schemas = openapi["components"]["schemas"]
    for ref in _refs(openapi):
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in schemas
    operation_ids = []
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            operation_ids.append(operation["operationId"])
            assert operation["responses"], (path, method)
            for status in operation["responses"]:
                assert 200 <= int(status) < 600
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(path.replace("}", "{").split("{")[1::2]), (path, method)
    assert len(operation_ids) == len(set(operation_ids))
    assert openapi["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_the_openapi_document_lists_every_endpoint(openapi: dict[str, Any]) -> None:
    """Every groups and accounts endpoint; later apps' routers carry their own tags."""
    listed = {
        (path, method)
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if set(operation["tags"]) & {"groups", "accounts"}
    }
    assert listed == OPERATIONS


def test_the_openapi_document_documents_the_error_answers(openapi: dict[str, Any]) -> None:
    for path, method in OPERATIONS:
        responses = openapi["paths"][path][method]["responses"]
        if path in ("/api/me", "/api/groups") and method == "get":
            assert "401" in responses
            continue
        assert {"400", "404", "422"} <= set(responses), (path, method)
        assert "ErrorOut" in json.dumps(responses["404"])
        assert "ValidationErrorOut" in json.dumps(responses["422"])


def test_a_validation_error_matches_its_documented_shape(
    admin: User, api_client: ApiClient, openapi: dict[str, Any]
) -> None:
    response = call(api_client(admin), "POST", "/api/groups", {"name": 7, "kind": "empire"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    assert all(isinstance(entry, dict) for entry in detail)
    assert {tuple(entry["loc"])[-1] for entry in detail} == {"name", "kind"}
