"""The foundation's permission matrix covers every page and API operation there is.

This matrix covers the foundation: the pages of groups and accounts, the site-wide
routes, and the API's groups and accounts operations. Later apps keep their own tables
for their own namespaces and API tags, each with a check like these.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from moot.api.urls import api
from tests.apps.test_permission_matrix import API, PAGES, TARGETS

API_DOCUMENT_ROUTES = {"api:openapi-json", "api:openapi-view", "api:api-root"}


def _url_patterns(
    patterns: list[Any], namespace: str | None = None, prefix: str = ""
) -> list[tuple[str, str]]:
    """(qualified name, route) of every URL pattern, through every include."""
    found: list[tuple[str, str]] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            found += _url_patterns(pattern.url_patterns, inner, route)
        else:
            assert isinstance(pattern, URLPattern)
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            found.append((name, route))
    return found


FOUNDATION_NAMESPACES = {"groups", "accounts", "api", ""}
FOUNDATION_API_TAGS = {"groups", "accounts"}


def _foundation_operations() -> set[tuple[str, str]]:
    return {
        (path, method.upper())
        for path, item in api.get_openapi_schema()["paths"].items()
        for method, operation in item.items()
        if set(operation.get("tags", [])) & FOUNDATION_API_TAGS
    }


def test_every_url_pattern_is_in_the_matrix() -> None:
    covered_pages = {route for route, _, _ in PAGES}
    openapi_paths = set(api.get_openapi_schema()["paths"])
    missing = []
    for name, route in _url_patterns(get_resolver().url_patterns):
        namespace = name.rpartition(":")[0]
        if namespace not in FOUNDATION_NAMESPACES:
            continue
        if namespace == "api" and name not in API_DOCUMENT_ROUTES:
            as_openapi = "/" + route.replace("<", "{").replace(">", "}")
            if as_openapi not in openapi_paths:
                missing.append(name)
        elif name not in covered_pages:
            missing.append(name)
    assert missing == []


def test_every_api_operation_is_in_the_matrix() -> None:
    operations = _foundation_operations()
    covered = {(path, method) for path, method, _ in API}
    assert operations - covered == set()
    assert covered - operations == set(), "the matrix names an operation that does not exist"


def test_the_foundation_namespaces_have_routes() -> None:
    names = {name for name, _ in _url_patterns(get_resolver().url_patterns)}
    assert {name.rpartition(":")[0] for name in names} >= FOUNDATION_NAMESPACES
    assert len(_foundation_operations()) == 12


def test_the_matrix_names_only_routes_that_exist() -> None:
    names = {name for name, _ in _url_patterns(get_resolver().url_patterns)}
    assert {route for route, _, _ in PAGES} <= names


def test_every_group_route_is_tried_on_every_group() -> None:
    for table in (PAGES, API):
        by_route: dict[tuple[str, str], set[str]] = {}
        for route, method, target in table:
            by_route.setdefault((route, method), set()).add(target)
        for (route, method), targets in by_route.items():
            if targets & set(TARGETS) and not (method == "GET" and len(targets) == 1):
                assert targets == set(TARGETS), (route, method, targets)
