"""Using a token or a private calendar link records when, at most once a minute: reads
stay reads, and a busy client does not write on every request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moot.accounts.models import ApiToken, User
from moot.notices.actions import do_create_calendar_feed
from moot.notices.models import CalendarFeed
from tests.apps.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)  # autocommit, as a server runs


def updates_of(table: str, queries: CaptureQueriesContext) -> int:
    return sum(1 for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"'))


def test_many_reads_with_a_token_record_its_use_once(
    api_client: Callable[[User | None], Client],
) -> None:
    client = api_client(make_user("reader"))
    with CaptureQueriesContext(connection) as queries:
        for _ in range(25):
            assert client.get("/api/me").status_code == 200
            assert client.get("/api/groups").status_code == 200
    assert updates_of("accounts_apitoken", queries) == 1
    assert ApiToken.objects.get().last_used_at is not None


def test_a_token_unused_for_a_minute_records_its_next_use(
    api_client: Callable[[User | None], Client],
) -> None:
    client = api_client(make_user("reader"))
    client.get("/api/me")
    a_while_ago = timezone.now() - timedelta(seconds=61)
    ApiToken.objects.update(last_used_at=a_while_ago)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/me")
        client.get("/api/me")
    assert updates_of("accounts_apitoken", queries) == 1
    assert ApiToken.objects.get().last_used_at > a_while_ago  # type: ignore[operator]


def test_many_reads_of_a_private_calendar_record_its_use_once() -> None:
    person = make_user("reader")
    url = reverse("notices:personal_calendar", args=[do_create_calendar_feed(person)])
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(10):
            assert client.get(url).status_code == 200
    assert updates_of("notices_calendarfeed", queries) == 1
    assert CalendarFeed.objects.get().last_used_at is not None
