"""A scripted client runs the agenda part of a meeting through the API alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role
from moot.meetings.models import Meeting

ApiClient = Callable[[User | None], Client]


def call(
    client: Client, method: str, path: str, body: dict[str, Any] | None = None, expect: int = 200
) -> Any:
    response = client.generic(
        method, "/api" + path, json.dumps(body) if body else "", content_type="application/json"
    )
    assert response.status_code == expect, response.content[:500]
    return response.json() if response.content else None


@pytest.fixture
def outreach(assembly: Group, admin: User) -> Group:
    return group_actions.do_create_committee(admin, assembly, name="Outreach")


def test_a_script_runs_a_meeting_from_the_agenda_to_the_next_meeting(
    api_client: ApiClient, assembly: Group, facilitator: User, member: User, outreach: Group
) -> None:
    runs, takes_part = api_client(facilitator), api_client(member)
    group_actions.do_add_member(member, outreach, Role.NOTE_TAKER)
    meeting = call(
        runs,
        "POST",
        f"/groups/{assembly.pk}/meetings",
        {
            "title": "GA",
            "starts_at": "2031-05-01T18:00:00Z",
            "items": [
                {"title": "Welcome", "time_box_minutes": 5},
                {"title": "Committees", "kind": "breakout"},
                {"title": "Demands", "kind": "proposal"},
            ],
        },
        expect=201,
    )
    mid = meeting["id"]
    nxt = call(
        runs,
        "POST",
        f"/groups/{assembly.pk}/meetings",
        {"title": "Next GA", "starts_at": "2031-05-08T18:00:00Z"},
        expect=201,
    )
    assert call(takes_part, "PUT", f"/meetings/{mid}/answer", {"answer": "coming"}) == {
        "coming": 1,
        "not_coming": 0,
    }
    call(runs, "POST", f"/meetings/{mid}/open")
    assert (
        call(takes_part, "POST", f"/meetings/{mid}/check-in", {"presence": "remote"})["remote"] == 1
    )
    ids = {i["title"]: i["id"] for i in call(runs, "GET", f"/meetings/{mid}")["agenda"]}
    call(runs, "POST", f"/items/{ids['Welcome']}/start")
    breakout = call(
        runs, "POST", f"/items/{ids['Committees']}/breakout", {"minutes": 15}, expect=201
    )
    call(takes_part, "POST", f"/breakouts/{breakout['id']}/join", {"committee_ids": [outreach.pk]})
    call(
        takes_part,
        "POST",
        f"/breakouts/{breakout['id']}/report-backs",
        {"committee_id": outreach.pk, "text": "500 flyers"},
        expect=201,
    )
    [report_item] = call(runs, "POST", f"/breakouts/{breakout['id']}/close")
    assert (report_item["kind"], report_item["description"]) == ("report_back", "500 flyers")
    call(runs, "POST", f"/items/{report_item['id']}/start")
    tabled = call(runs, "POST", f"/items/{ids['Demands']}/table", {"reason": "No time"})
    assert tabled["item"]["status"] == "tabled"
    assert tabled["carried_to"]["title"] == "Demands"
    call(runs, "POST", f"/meetings/{mid}/end")
    state = call(runs, "GET", f"/meetings/{mid}")
    assert state["status"] == "ended"
    assert [i["title"] for i in state["agenda"]] == [
        "Welcome",
        "Committees",
        "Report-back: Outreach",
        "Demands",
    ]
    assert [i["title"] for i in call(runs, "GET", f"/meetings/{nxt['id']}")["agenda"]] == [
        "Demands"
    ]


def test_an_emergency_call_without_a_reason_or_an_agenda_is_refused(
    api_client: ApiClient, assembly: Group, facilitator: User
) -> None:
    runs = api_client(facilitator)
    path = f"/groups/{assembly.pk}/meetings"
    base = {"title": "Emergency", "starts_at": "2031-05-01T18:00:00Z", "is_emergency": True}
    no_reason = call(runs, "POST", path, {**base, "items": [{"title": "Eviction"}]}, expect=400)
    assert "why" in no_reason["detail"]
    no_agenda = call(runs, "POST", path, {**base, "emergency_reason": "Eviction"}, expect=400)
    assert "agenda" in no_agenda["detail"]
    assert not Meeting.objects.exists()
    made = call(
        runs,
        "POST",
        path,
        {**base, "emergency_reason": "Eviction on Friday", "items": [{"title": "What we do"}]},
        expect=201,
    )
    assert made["emergency_reason"] == "Eviction on Friday"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/items/{item}/move", {"position": -1}),
        ("/meetings/{meeting}/items", {"title": "X", "kind": "party"}),
        ("/meetings/{meeting}/items", {"title": "X", "committee_id": 999999}),
        ("/meetings/{meeting}/items", {"title": " "}),
        ("/meetings/{meeting}/check-in", {"presence": "moon"}),
    ],
)
def test_bad_input_is_a_clear_4xx_and_changes_nothing(
    api_client: ApiClient, assembly: Group, facilitator: User, path: str, body: dict[str, Any]
) -> None:
    runs = api_client(facilitator)
    meeting = call(
        runs,
        "POST",
        f"/groups/{assembly.pk}/meetings",
        {"title": "GA", "starts_at": "2031-05-01T18:00:00Z", "items": [{"title": "Welcome"}]},
        expect=201,
    )
    call(runs, "POST", f"/meetings/{meeting['id']}/open")
    before = call(runs, "GET", f"/meetings/{meeting['id']}")
    item = before["agenda"][0]["id"]
    response = runs.post(
        "/api" + path.format(item=item, meeting=meeting["id"]),
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert response.json()["detail"]
    after = call(runs, "GET", f"/meetings/{meeting['id']}")
    assert after == before
