"""Every page route answers only its own methods: PUT, PATCH, DELETE and the rest are a
405 with an honest ``Allow``, never a page served as if it were a GET, nor a form saved
as if it were a POST."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from moot.accounts.models import User
from tests.apps.conftest import client_for

SAMPLE_ID = 1


def page_routes(
    patterns: list[Any], namespaces: tuple[str, ...] = (), converters: dict[str, Any] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every page route as (name to reverse, sample arguments); the API is left out."""
    for pattern in patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            if "api" not in inner:
                yield from page_routes(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern):
            name = ":".join((*namespaces, pattern.name or ""))
            args = {k: SAMPLE_ID if isinstance(c, IntConverter) else "x" for k, c in found.items()}
            yield name, args


ROUTES = dict(page_routes(get_resolver().url_patterns))
OTHER_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]


def test_every_app_has_its_pages_in_the_list() -> None:
    apps = {name.split(":")[0] for name in ROUTES}
    assert apps >= {"accounts", "groups", "decisions", "meetings", "rooms", "roles", "records"}
    assert "set_language" in ROUTES


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_page_refuses_methods_it_does_not_take(member: User, name: str) -> None:
    url = reverse(name, kwargs=ROUTES[name])
    for client in (Client(), client_for(member)):
        for method in OTHER_METHODS:
            response = client.generic(method, url, "title=x", "application/x-www-form-urlencoded")
            assert response.status_code == 405, (method, url)
            allowed = {m.strip() for m in response.headers["Allow"].split(",")}
            assert allowed, url
            assert allowed <= {"GET", "HEAD", "POST"}, (url, allowed)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_the_allow_header_says_what_the_page_takes(member: User, name: str) -> None:
    url = reverse(name, kwargs=ROUTES[name])
    client = client_for(member)
    allowed = client.generic("PUT", url).headers["Allow"].split(", ")
    for method in ("GET", "POST"):
        if method not in allowed:
            assert client.generic(method, url).status_code == 405, (method, url)


def test_a_put_to_a_form_changes_nothing(member: User) -> None:
    client = client_for(member)
    url = reverse("accounts:profile")
    body = "display_name=Changed&pseudonym=&language="
    assert client.put(url, body, "application/x-www-form-urlencoded").status_code == 405
    member.refresh_from_db()
    assert member.display_name == "Member"


def test_the_refusal_is_a_page_in_the_persons_language(member: User) -> None:
    client = client_for(member)
    response = client.delete(reverse("groups:home"), headers={"Accept-Language": "es"})
    assert response.status_code == 405
    assert "Esta página no responde a peticiones DELETE." in response.content.decode()
