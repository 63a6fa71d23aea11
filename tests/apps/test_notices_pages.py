"""The notification settings page, the calendar feeds and their API: choices saved or
refused with a clear message, feeds that hold only what their reader may see."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moot.accounts import actions as account_actions
from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.groups import actions as groups
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.meetings.actions import do_cancel_meeting, do_schedule_meeting
from moot.notices.actions import do_save_choices
from moot.notices.models import CalendarFeed, NoticeSetting
from moot.notices.queries import choices_for
from tests.apps.conftest import client_for

pytestmark = pytest.mark.django_db
SOON = timedelta(days=4)


def choices(person: User, group: Group) -> dict[str, tuple[bool, str]]:
    return {c.kind: (c.enabled, c.delivery) for c in choices_for(person, group)}


def test_defaults_send_outcomes_and_emergencies_at_once_and_the_rest_in_the_digest(
    member: User, assembly: Group
) -> None:
    assert choices(member, assembly) == {
        "proposal_opened": (True, "digest"),
        "vote_closing": (True, "digest"),
        "outcome": (True, "immediate"),
        "role_ending": (True, "digest"),
        "meeting_called": (True, "digest"),
        "emergency_called": (True, "immediate"),
    }


def test_the_settings_page_shows_each_kind_with_its_current_choice(
    member: User, assembly: Group
) -> None:
    page = client_for(member).get(reverse("notices:settings", args=[assembly.pk]))
    html = page.content.decode()
    assert "Notifications from Assembly" in html
    assert '<option value="immediate" selected>At once, by email</option>' in html
    assert "Emergency calls always reach you at once" in html
    assert 'name="emergency_called"' not in html
    assert f"/g/{assembly.pk}/calendar.ics" in html


def test_saving_the_form_changes_only_what_the_person_chose(member: User, assembly: Group) -> None:
    form = {
        "proposal_opened": "immediate",
        "vote_closing": "off",
        "outcome": "digest",
        "role_ending": "digest",
        "meeting_called": "digest",
    }
    response = client_for(member).post(reverse("notices:settings", args=[assembly.pk]), form)
    assert response.status_code == 302
    got = choices(member, assembly)
    assert got["proposal_opened"] == (True, "immediate")
    assert got["vote_closing"][0] is False
    assert got["outcome"] == (True, "digest")
    assert got["emergency_called"] == (True, "immediate")


def test_an_unknown_choice_is_refused_with_a_clear_message_and_nothing_is_saved(
    member: User, assembly: Group
) -> None:
    response = client_for(member).post(
        reverse("notices:settings", args=[assembly.pk]),
        {"outcome": "weekly"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not NoticeSetting.objects.exists()


@pytest.mark.parametrize("wanted", [(False, "immediate"), (True, "digest")])
def test_emergency_calls_cannot_be_turned_off_or_put_in_the_digest(
    member: User, assembly: Group, wanted: tuple[bool, str]
) -> None:
    with pytest.raises(ActionError) as refused:
        do_save_choices(
            member, assembly, {"outcome": (False, "digest"), "emergency_called": wanted}
        )
    assert refused.value.status == 400
    assert "Emergency calls always reach" in refused.value.message
    assert not NoticeSetting.objects.exists()


def test_an_unknown_kind_or_delivery_is_refused_before_anything_is_written(
    member: User, assembly: Group
) -> None:
    for wanted in ({"outcome": (True, "hourly")}, {"gossip": (True, "digest")}):
        with pytest.raises(ActionError):
            do_save_choices(member, assembly, {"vote_closing": (False, "digest"), **wanted})
    assert not NoticeSetting.objects.exists()


def test_someone_outside_the_group_cannot_choose_its_notices(
    outsider: User, assembly: Group
) -> None:
    with pytest.raises(ActionError) as refused:
        do_save_choices(outsider, assembly, {"outcome": (False, "digest")})
    assert refused.value.status == 403


@pytest.fixture
def calendar_world(admin: User, member: User, assembly: Group) -> Group:
    start = timezone.now() + SOON
    do_schedule_meeting(admin, assembly, title="Open assembly", starts_at=start, location="Park")
    do_schedule_meeting(
        admin, assembly, title="Security planning", starts_at=start, visibility=Visibility.MEMBERS
    )
    gone = do_schedule_meeting(admin, assembly, title="Picnic", starts_at=start)
    do_cancel_meeting(gone)
    for title, visibility in (("Public vote", "public"), ("Members vote", "members")):
        decisions.do_open_proposal(
            admin, assembly, title=title, mode="async", closes_at=start, visibility=visibility
        )
    return assembly


def test_the_group_calendar_holds_only_public_meetings_and_deadlines(
    calendar_world: Group, member: User
) -> None:
    response = client_for(member).get(reverse("notices:group_calendar", args=[calendar_world.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode().replace("\r\n ", "")
    assert "SUMMARY:Open assembly" in text
    assert "LOCATION:Park" in text
    assert "SUMMARY:Vote closes: Public vote" in text
    assert "Security planning" not in text
    assert "Members vote" not in text
    assert "SUMMARY:Picnic\r\n" in text
    assert "STATUS:CANCELLED" in text


def test_a_private_link_lists_what_the_person_sees_in_all_their_groups(
    calendar_world: Group, admin: User, member: User
) -> None:
    branch = groups.do_create_group(admin, name="Branch", kind="branch", visibility="members")
    groups.do_add_member(member, branch)
    do_schedule_meeting(admin, branch, title="Branch meeting", starts_at=timezone.now() + SOON)
    page = client_for(member).post(reverse("notices:create_feed"))
    html = page.content.decode()
    start = html.index('id="feed-url" type="text" readonly value="') + 42
    url = html[start : html.index('"', start)]
    text = client_for(None).get(url).content.decode().replace("\r\n ", "")
    for title in ("Open assembly", "Security planning", "Members vote", "Branch meeting"):
        assert title in text
    client_for(member).post(reverse("notices:revoke_feeds"))
    assert client_for(None).get(url).status_code == 404


def test_a_new_private_link_ends_the_old_one(member: User) -> None:
    client = client_for(member)
    client.post(reverse("notices:create_feed"))
    first = CalendarFeed.objects.get().digest
    client.post(reverse("notices:create_feed"))
    assert CalendarFeed.objects.get().digest != first


def test_an_unknown_calendar_link_is_not_found(db: None) -> None:
    assert client_for(None).get("/calendar/not-a-token.ics").status_code == 404


def test_the_overview_lists_the_persons_groups_and_the_profile_leads_there(
    member: User, assembly: Group, committee: Group
) -> None:
    client = client_for(member)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("notices:overview") in profile
    html = client.get(reverse("notices:overview")).content.decode()
    assert reverse("notices:settings", args=[assembly.pk]) in html
    assert reverse("notices:settings", args=[committee.pk]) not in html  # not a member of it


def test_the_api_reads_and_changes_choices_and_refuses_bad_ones(
    member: User, assembly: Group
) -> None:
    raw = account_actions.do_create_api_token(member, "tests")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    url = f"/api/groups/{assembly.pk}/notices"
    got = client.get(url).json()
    assert {c["kind"]: c["delivery"] for c in got}["outcome"] == "immediate"
    body = json.dumps([{"kind": "outcome", "enabled": True, "delivery": "digest"}])
    changed = client.put(url, body, content_type="application/json").json()
    assert {c["kind"]: c["delivery"] for c in changed}["outcome"] == "digest"
    bad = json.dumps([{"kind": "emergency_called", "enabled": False, "delivery": "digest"}])
    refused = client.put(url, bad, content_type="application/json")
    assert refused.status_code == 400
    assert "Emergency calls always reach" in refused.json()["detail"]


def test_the_api_makes_a_private_link_that_works(member: User, calendar_world: Group) -> None:
    raw = account_actions.do_create_api_token(member, "tests")
    made = client_for(None).post("/api/me/calendar-feed", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert made.status_code == 201
    feed = client_for(None).get(made.json()["url"])
    assert "Security planning" in feed.content.decode()
