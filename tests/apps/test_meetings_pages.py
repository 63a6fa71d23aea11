"""The meeting pages: what people see, and bad input answered with a clear 4xx."""

from __future__ import annotations

import pytest

from moot.accounts.models import User
from moot.groups.models import Group
from moot.meetings import actions
from moot.meetings.models import Meeting
from tests.apps.conftest import client_for
from tests.apps.test_meetings_agenda import schedule, titles

FORM = {
    "title": "Emergency",
    "starts_at": "2031-05-01T18:00",
    "visibility": "public",
    "is_emergency": "on",
}


def test_every_member_sees_the_emergency_and_its_reason_on_the_group_page(
    assembly: Group, facilitator: User, member: User
) -> None:
    schedule(
        assembly,
        facilitator,
        "What we do",
        title="Eviction meeting",
        is_emergency=True,
        emergency_reason="Our building gets an eviction notice",
    )
    page = client_for(member).get(f"/g/{assembly.pk}/").content.decode()
    assert "Emergency meeting: Eviction meeting" in page
    assert "Our building gets an eviction notice" in page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"agenda": "What we do"}, "must say why"),
        ({"emergency_reason": "Eviction"}, "must carry an agenda"),
    ],
)
def test_an_emergency_call_without_reason_or_agenda_is_a_400_page_and_nothing_is_made(
    assembly: Group, facilitator: User, extra: dict[str, str], message: str
) -> None:
    response = client_for(facilitator).post(f"/g/{assembly.pk}/meetings/new/", {**FORM, **extra})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_form_with_a_bad_date_is_shown_again_with_a_400(
    assembly: Group, facilitator: User
) -> None:
    response = client_for(facilitator).post(
        f"/g/{assembly.pk}/meetings/new/", {**FORM, "starts_at": "someday"}
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_the_meeting_page_counts_answers_and_shows_the_agenda(
    assembly: Group, facilitator: User, member: User
) -> None:
    meeting = schedule(assembly, facilitator, "Welcome", "Demands")
    client = client_for(member)
    assert client.post(f"/meetings/{meeting.pk}/answer/", {"answer": "coming"}).status_code == 302
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "1 coming · 0 not coming" in page
    assert "Welcome" in page and "Demands" in page  # noqa: PT018


def test_htmx_agenda_buttons_answer_the_agenda_itself(assembly: Group, facilitator: User) -> None:
    meeting = schedule(assembly, facilitator, "Welcome", "Demands")
    demands = meeting.items.get(title="Demands")
    response = client_for(facilitator).post(
        f"/items/{demands.pk}/move/", {"position": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="agenda">') and "Demands is moved." in body  # noqa: PT018
    assert titles(meeting) == ["Demands", "Welcome"]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/items/{item}/move/", {"position": "-3"}),
        ("/items/{item}/move/", {}),
        ("/meetings/{meeting}/answer/", {"answer": "maybe"}),
        ("/meetings/{meeting}/items/", {"title": "", "kind": "discussion"}),
        (
            "/meetings/{meeting}/items/",
            {"title": "X", "kind": "discussion", "time_box_minutes": "0"},
        ),
    ],
)
def test_bad_input_on_a_button_is_a_400_with_a_message_and_nothing_changes(
    assembly: Group, facilitator: User, path: str, data: dict[str, str]
) -> None:
    meeting = schedule(assembly, facilitator, "Welcome", "Demands")
    item = meeting.items.get(title="Demands")
    response = client_for(facilitator).post(path.format(item=item.pk, meeting=meeting.pk), data)
    assert response.status_code == 400
    assert titles(meeting) == ["Welcome", "Demands"]
    assert not meeting.rsvps.exists()


def test_a_closed_meeting_answers_409_on_its_pages(assembly: Group, facilitator: User) -> None:
    meeting = schedule(assembly, facilitator, "Welcome")
    actions.do_cancel_meeting(meeting)
    response = client_for(facilitator).post(
        f"/meetings/{meeting.pk}/items/", {"title": "Late", "kind": "discussion"}
    )
    assert response.status_code == 409
    assert "cancelled" in response.content.decode()
    assert titles(meeting) == ["Welcome"]
