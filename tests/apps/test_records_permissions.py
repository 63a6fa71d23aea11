"""Who may do what with documents, the audit log and exports, as one table: role × action
× group, for pages and the API (the same world as ``test_roles_permissions``: a public
assembly ``A`` and a members-only branch ``B``; each document is written by the admin)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from moot.accounts.models import User
from moot.api.urls import api
from moot.groups.models import Group, Visibility
from moot.records.documents import do_create_document
from moot.records.models import Document
from tests.apps.test_roles_permissions import LOGIN, ROLES, Request, World, call, row, world

__all__ = ["world"]  # the fixture, shared with the roles table

SEEN = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}
MEMBERS_SEE = {"A": (404, 404, 200, 200, 200, 200), "B": (404, 404, 200, 200, 200, 200)}
MEMBERS_FORM = {"A": (LOGIN, 403, 200, 200, 200, 200), "B": (LOGIN, 404, 200, 200, 200, 200)}
MEMBERS_DO = {"A": (LOGIN, 403, 302, 302, 302, 302), "B": (LOGIN, 404, 302, 302, 302, 302)}
# The audit log is for members: to anyone else it does not exist (404, as for hidden things).
MEMBERS_READ = {"A": (404, 404, 200, 200, 200, 200), "B": (404, 404, 200, 200, 200, 200)}
AUTHOR_FORM = {"A": (LOGIN, 404, 403, 403, 403, 200), "B": (LOGIN, 404, 403, 403, 403, 200)}


def document(world: World, group: Group, visibility: str = Visibility.MEMBERS) -> Document:
    return do_create_document(
        world.admin, group, title="Bulletin", body="Thursday.", visibility=visibility
    )


def on_document(name: str) -> Callable[[World, Group], str]:
    return lambda w, g: reverse(f"records:{name}", args=[document(w, g).pk])


def on_group(name: str, *more: object) -> Callable[[World, Group], str]:
    return lambda w, g: reverse(f"records:{name}", args=[g.pk, *more])


MATRIX: dict[str, tuple[dict[str, tuple[object, ...]], Request]] = {
    "documents": (SEEN, lambda c, w, g: c.get(on_group("documents")(w, g))),
    "document (public)": (
        SEEN,
        lambda c, w, g: c.get(reverse("records:document", args=[document(w, g, "public").pk])),
    ),
    "document": (MEMBERS_SEE, lambda c, w, g: c.get(on_document("document")(w, g))),
    "new_document": (MEMBERS_FORM, lambda c, w, g: c.get(on_group("new_document")(w, g))),
    "new_document (post)": (
        MEMBERS_DO,
        lambda c, w, g: c.post(
            on_group("new_document")(w, g),
            {"title": "Notes", "body": "We met.", "visibility": "members"},
        ),
    ),
    "edit_document": (AUTHOR_FORM, lambda c, w, g: c.get(on_document("edit_document")(w, g))),
    "audit": (MEMBERS_READ, lambda c, w, g: c.get(on_group("audit")(w, g))),
    "exports": (SEEN, lambda c, w, g: c.get(on_group("exports")(w, g))),
    "export_group": (SEEN, lambda c, w, g: c.get(on_group("export_group")(w, g))),
    "export_decisions": (SEEN, lambda c, w, g: c.get(on_group("export_decisions", "md")(w, g))),
    "export_documents": (SEEN, lambda c, w, g: c.get(on_group("export_documents", "csv")(w, g))),
}
MINE = {m.split(" ")[0] for m in MATRIX}


@pytest.mark.parametrize("target", ["A", "B"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_may_do_what_the_table_says(world: World, action: str, target: str) -> None:
    expected, request = MATRIX[action]
    assert row(world, target, request) == expected[target]


def test_the_table_covers_every_documents_audit_and_export_page() -> None:
    names = {p.name for p in get_resolver("moot.records.urls").url_patterns}
    assert names >= MINE
    assert names - MINE <= {"agreements", "minutes", "minutes_markdown"}


API_SEEN = {"A": (200,) * 6, "B": (404, 404, 200, 200, 200, 200)}
API_MEMBERS_SEE = {"A": (404, 404, 200, 200, 200, 200), "B": (404, 404, 200, 200, 200, 200)}
API_MEMBERS_DO = {"A": (401, 403, 201, 201, 201, 201), "B": (401, 404, 201, 201, 201, 201)}
API_AUTHOR = {"A": (401, 404, 403, 403, 403, 200), "B": (401, 404, 403, 403, 403, 200)}
API_MEMBERS_READ = {"A": (401, 404, 200, 200, 200, 200), "B": (401, 404, 200, 200, 200, 200)}
D = "/api/documents/{document_id}"
E = "/api/groups/{group_id}/export"
NEW = {"title": "Notes", "body": "We met.", "visibility": "members"}

API_MATRIX: dict[tuple[str, str], tuple[dict[str, tuple[object, ...]], Request]] = {
    ("/api/groups/{group_id}/documents", "GET"): (
        API_SEEN,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/documents"),
    ),
    ("/api/groups/{group_id}/documents", "POST"): (
        API_MEMBERS_DO,
        call("POST", lambda w, g: f"/api/groups/{g.pk}/documents", NEW),
    ),
    (D, "GET"): (API_MEMBERS_SEE, call("GET", lambda w, g: f"/api/documents/{document(w, g).pk}")),
    (D, "PUT"): (
        API_AUTHOR,
        call("PUT", lambda w, g: f"/api/documents/{document(w, g).pk}", {**NEW, "body": "New"}),
    ),
    ("/api/groups/{group_id}/audit", "GET"): (
        API_MEMBERS_READ,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/audit"),
    ),
    (E + "/decisions.{fmt}", "GET"): (
        API_SEEN,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/export/decisions.md"),
    ),
    (E + "/documents.{fmt}", "GET"): (
        API_SEEN,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/export/documents.jsonl"),
    ),
    (E + "/group.jsonl", "GET"): (
        API_SEEN,
        call("GET", lambda w, g: f"/api/groups/{g.pk}/export/group.jsonl"),
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


def test_the_api_table_covers_every_records_operation() -> None:
    operations = {
        ("/api" + path if not path.startswith("/api") else path, method.upper())
        for path, item in api.get_openapi_schema()["paths"].items()
        for method, operation in item.items()
        if "records" in operation.get("tags", [])
    }
    assert operations == set(API_MATRIX)
