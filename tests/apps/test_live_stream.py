"""Live streams: a listener gets the current state, then every committed change, once."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from moot.accounts.models import User
from moot.groups import actions
from moot.groups.models import Group, Visibility
from tests.liveserver import LiveServer


@pytest.fixture
def server(transactional_db: None) -> Iterator[LiveServer]:
    live = LiveServer()
    live.start()
    yield live
    live.stop()


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class Listener:
    def __init__(self, server: LiveServer, streams: list[str], cookie: str = "") -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        query = "&".join(f"s={s}" for s in streams)
        self.conn.request("GET", f"/live/?{query}", headers={"Cookie": cookie} if cookie else {})
        self.response = self.conn.getresponse()

    def next_event(self) -> dict[str, object]:
        while True:
            line = self.response.readline().decode()
            if line.startswith("data: "):
                event: dict[str, object] = json.loads(line[len("data: ") :])
                return event

    def close(self) -> None:
        self.conn.close()


def make_user(name: str) -> User:
    return User.objects.create_user(email=f"{name}@example.org", password="x", display_name=name)


def test_a_listener_gets_the_state_first_and_then_each_change(server: LiveServer) -> None:
    admin = make_user("Ada")
    group = actions.do_create_group(admin, name="Assembly", kind="assembly")
    listener = Listener(server, [f"group:{group.pk}"])
    assert listener.response.status == 200
    snapshot = listener.next_event()
    assert snapshot == {
        "type": "snapshot",
        "stream": f"group:{group.pk}",
        "data": {"group_id": group.pk, "name": "Assembly", "member_count": 1},
    }
    actions.do_create_committee(admin, group, name="Outreach")
    event = listener.next_event()
    assert event["type"] == "group.committee_created"
    assert event["data"]["name"] == "Outreach"  # type: ignore[index]
    listener.close()


def test_a_rolled_back_change_is_never_sent(server: LiveServer) -> None:
    admin = make_user("Ada")
    group = actions.do_create_group(admin, name="Assembly", kind="assembly")
    listener = Listener(server, [f"group:{group.pk}"])
    listener.next_event()

    def create_then_fail() -> None:
        with transaction.atomic():
            actions.do_create_committee(admin, group, name="Never")
            raise RuntimeError("the meeting changed its mind")

    with pytest.raises(RuntimeError):
        create_then_fail()
    actions.do_create_committee(admin, group, name="Kept")
    assert listener.next_event()["data"]["name"] == "Kept"  # type: ignore[index]
    listener.close()


def test_a_members_only_group_streams_to_members_and_not_to_strangers(
    server: LiveServer,
) -> None:
    owner = make_user("Owner")
    group: Group = actions.do_create_group(
        owner, name="Branch", kind="branch", visibility=Visibility.MEMBERS
    )
    stranger = Listener(server, [f"group:{group.pk}"], session_cookie(make_user("Stranger")))
    assert stranger.response.status == 404
    member = Listener(server, [f"group:{group.pk}"], session_cookie(owner))
    assert member.response.status == 200
    assert member.next_event()["type"] == "snapshot"
    stranger.close()
    member.close()


def test_an_unknown_or_missing_stream_is_a_clear_400(server: LiveServer) -> None:
    for streams in ([], ["nonsense:1"], ["group:1", "group:2", "group:3", "group:4", "group:5"]):
        listener = Listener(server, streams)
        assert listener.response.status == 400
        assert b"streams" in listener.response.read()
        listener.close()


def test_a_listener_who_connects_after_a_change_gets_the_new_state(server: LiveServer) -> None:
    admin = make_user("Ada")
    group = actions.do_create_group(admin, name="Assembly", kind="assembly")
    first = Listener(server, [f"group:{group.pk}"])
    assert first.next_event()["data"]["member_count"] == 1  # type: ignore[index]
    actions.do_add_member(make_user("Bea"), group)
    assert first.next_event()["type"] == "membership.joined"
    second = Listener(server, [f"group:{group.pk}"])
    assert second.next_event()["data"]["member_count"] == 2  # type: ignore[index]
    first.close()
    second.close()
