"""Text with control characters and dates out of range get a clear 4xx — in every API
operation and on every page — never a 500 from the database (PostgreSQL cannot store a
NUL byte; a date near year 1 or 9999 overflows when moved to UTC). Line breaks and tabs
stay welcome in multi-line text. Run on SQLite and again on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from moot.accounts.models import User
from moot.api.urls import api
from moot.groups.models import Group
from tests.apps.conftest import client_for
from tests.apps.test_page_methods import ROUTES

SAMPLE_ID = 1
CONTROL = "Text may not contain control characters"
OUT_OF_RANGE = "Give a date between 1900-01-01 and 2999-12-31."
BAD_TEXTS = ["a\x00b", "\x00", "bell\x07", "escape\x1b[31m", "del\x7f"]
BAD_MOMENTS = [
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "1899-12-31T23:00:00Z",
    "3000-01-01T00:00:00Z",
]
BAD_DAYS = ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"]

DOCUMENT = api.get_openapi_schema()
COMPONENTS = DOCUMENT["components"]["schemas"]


def resolved(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return resolved(COMPONENTS[schema["$ref"].rsplit("/", 1)[1]])
    options = [resolved(s) for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return options[0] if options else schema


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in DOCUMENT["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def url_of(path: str, operation: dict[str, Any], word: str = "x") -> str:
    """The operation's address, with a sample id for each number and ``word`` for each
    piece of text in it."""
    for param in operation.get("parameters", []):
        if param["in"] == "path":
            kind = resolved(param["schema"]).get("type")
            value = str(SAMPLE_ID) if kind == "integer" else word
            path = path.replace("{" + param["name"] + "}", value)
    return path


def body_properties(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return {}
    schema = resolved(content["schema"])
    if schema.get("type") == "array":
        schema = resolved(schema["items"])
    return {name: resolved(prop) for name, prop in schema.get("properties", {}).items()}


def typed(operation: dict[str, Any], *kinds: str) -> dict[str, dict[str, Any]]:
    found = {}
    for name, prop in body_properties(operation).items():
        items = resolved(prop.get("items", {})) if prop.get("type") == "array" else {}
        if prop.get("type") in kinds or items.get("type") in kinds or prop.get("format") in kinds:
            found[name] = prop
    return found


def filled(operation: dict[str, Any], name: str, value: Any) -> Any:
    """A body with ``value`` in the property ``name`` (as a list item where it is one)."""
    prop = body_properties(operation)[name]
    body = {name: [value] if prop.get("type") == "array" else value}
    wants_list = resolved(operation["requestBody"]["content"]["application/json"]["schema"])
    return [body] if wants_list.get("type") == "array" else body


TEXT_FIELDS = [
    (method, path, name)
    for method, path, operation in operations()
    for name in typed(operation, "string")
    if "format" not in body_properties(operation)[name]
]
DATE_FIELDS = [
    (method, path, name, body_properties(operation)[name]["format"])
    for method, path, operation in operations()
    for name in typed(operation, "date", "date-time")
]
OPERATIONS = {(method, path): operation for method, path, operation in operations()}


@pytest.fixture
def as_admin(admin: User, api_client: Callable[[User | None], Client]) -> Client:
    client = api_client(admin)
    client.raise_request_exception = False
    return client


def send(client: Client, method: str, url: str, body: Any) -> Any:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_the_api_has_text_and_date_fields_to_check() -> None:
    assert len(TEXT_FIELDS) > 40
    assert {name for _, _, name, _ in DATE_FIELDS} >= {"closes_at", "starts_at", "starts_on"}


@pytest.mark.parametrize(("method", "path", "name"), TEXT_FIELDS)
def test_control_characters_in_any_api_text_field_are_a_400(
    as_admin: Client, assembly: Group, method: str, path: str, name: str
) -> None:
    operation = OPERATIONS[(method, path)]
    for text in BAD_TEXTS:
        response = send(as_admin, method, url_of(path, operation), filled(operation, name, text))
        assert response.status_code == 400, (text, response.content[:300])
        assert CONTROL in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), sorted(OPERATIONS))
def test_control_characters_in_keys_paths_and_queries_are_a_400(
    as_admin: Client, assembly: Group, method: str, path: str
) -> None:
    operation = OPERATIONS[(method, path)]
    url = url_of(path, operation)
    for response in (
        send(as_admin, method, url + "?status=open%00", {}),
        send(as_admin, method, url, {"title\x00": "x"}),
    ):
        assert response.status_code == 400, (method, url, response.content[:300])
        assert CONTROL in response.json()["detail"]
    with_text = url_of(path, operation, word="x%00")
    if with_text != url:
        assert send(as_admin, method, with_text, {}).status_code == 400


@pytest.mark.parametrize(("method", "path", "name", "kind"), DATE_FIELDS)
def test_a_date_out_of_range_in_any_api_operation_is_a_422(
    as_admin: Client, assembly: Group, method: str, path: str, name: str, kind: str
) -> None:
    operation = OPERATIONS[(method, path)]
    for value in BAD_MOMENTS if kind == "date-time" else BAD_DAYS:
        response = send(as_admin, method, url_of(path, operation), filled(operation, name, value))
        assert response.status_code == 422, (value, response.content[:300])
        messages = [e["msg"] for e in response.json()["detail"] if e["loc"][-1] == name]
        assert any(OUT_OF_RANGE in m for m in messages), (value, messages)


def test_a_meeting_near_year_one_is_refused_before_it_reaches_the_database(
    as_admin: Client, assembly: Group
) -> None:
    body = {"title": "Old", "starts_at": "0001-01-01T00:00:00+05:00"}
    response = send(as_admin, "POST", f"/api/groups/{assembly.pk}/meetings", body)
    assert response.status_code == 422
    assert not assembly.meetings.exists()  # type: ignore[attr-defined]


def test_line_breaks_and_tabs_stay_in_multi_line_text(as_admin: Client, assembly: Group) -> None:
    text = "First line\r\nSecond line\n\tindented"
    response = send(as_admin, "POST", "/api/groups", {"name": "Tenants", "description": text})
    assert response.status_code == 201
    assert response.json()["description"] == text


def test_a_name_is_one_line(as_admin: Client) -> None:
    response = send(as_admin, "POST", "/api/groups", {"name": "Two\nlines"})
    assert response.status_code == 422
    assert "single line" in response.content.decode()


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_control_characters_on_any_page_are_a_400(member: User, name: str) -> None:
    url = reverse(name, kwargs=ROUTES[name])
    client = client_for(member)
    for response in (
        client.post(url, {"title": "a\x00b", "name": "n", "text": "t"}),
        client.get(url, {"next": "/\x00"}),
    ):
        assert response.status_code == 400, url
        assert CONTROL in response.content.decode()


PAGE_DATES = {
    "meetings:schedule": {"title": "Old", "visibility": "public", "starts_at": "{}T10:00"},
    "decisions:new": {
        "title": "Old",
        "mode": "async",
        "kind": "proposal",
        "visibility": "public",
        "closes_at": "{}T10:00",
    },
}


@pytest.mark.parametrize("route", sorted(PAGE_DATES))
@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_a_date_out_of_range_on_a_page_form_is_a_400(
    admin: User, assembly: Group, route: str, day: str
) -> None:
    client = client_for(admin)
    client.raise_request_exception = False
    data = {k: v.format(day) for k, v in PAGE_DATES[route].items()}
    response = client.post(reverse(route, args=[assembly.pk]), data)
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
