"""PostgreSQL's connections stay bounded under a burst of parallel requests: the server
keeps a small pool instead of one connection per request thread, so a burst neither
leaves connections open afterwards nor, at the database's limit, turns every later
request into a 500. Measured against a real server (uvicorn) in the PostgreSQL pass."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError

import pytest
from django.conf import settings
from django.db import connection

from moot.accounts.models import User
from moot.groups import actions
from tests.liveserver import LiveServer

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="counts PostgreSQL's connections"
)
BURST = 80
POOL = settings.DATABASES["default"].get("OPTIONS", {}).get("pool", {})


@pytest.fixture
def server(transactional_db: None) -> Iterator[str]:
    owner = User.objects.create_user(email="o@example.org", password="x", display_name="O")
    group = actions.do_create_group(owner, name="Assembly", kind="assembly")
    live = LiveServer()
    base = live.start()
    yield f"{base}/g/{group.pk}/"
    live.stop()


def open_connections() -> int:
    """The database's client connections, this test's own included."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND backend_type = 'client backend'"
        )
        return int(cursor.fetchone()[0])


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return int(response.status)
    except HTTPError as error:
        return error.code


def burst(urls: list[str]) -> tuple[list[int], int]:
    """Send every request at once; returns their statuses and the most connections seen
    while they ran."""
    most, done = open_connections(), threading.Event()

    def watch() -> None:
        nonlocal most
        try:
            while not done.is_set():
                most = max(most, open_connections())
                time.sleep(0.01)
        finally:
            connection.close()  # each thread has its own; left open it outlives the test

    with ThreadPoolExecutor(len(urls)) as pool:
        watcher = threading.Thread(target=watch)
        watcher.start()
        statuses = list(pool.map(status_of, urls))
        done.set()
        watcher.join()
    return statuses, most


def test_the_server_uses_a_bounded_pool() -> None:
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 0
    assert 1 <= POOL["max_size"] <= 20


def test_a_burst_of_parallel_requests_keeps_connections_bounded(server: str) -> None:
    before = open_connections()
    base = server.split("/g/")[0]
    urls = [server if i % 2 else f"{base}/api/groups" for i in range(BURST)]
    statuses, most = burst(urls)
    assert statuses == [200] * BURST
    assert most - before <= POOL["max_size"]
    time.sleep(0.5)
    assert open_connections() - before <= POOL["max_size"]
    again, _ = burst(urls[:10])
    assert again == [200] * 10  # nothing was left broken
