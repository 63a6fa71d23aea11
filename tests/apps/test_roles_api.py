"""Roles through the API and the pages: a scripted client names a role, gives a term,
files a report-back and proposes a recall; bad input gets a clear 4xx and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions.models import Proposal
from moot.groups.models import Group
from moot.records.models import Document
from moot.roles import actions
from moot.roles.models import AccountableRole, Term
from tests.apps.conftest import client_for

TODAY = timezone.localdate()
JSON = "application/json"


def test_a_scripted_client_runs_a_role_from_naming_to_recall(
    admin: User, member: User, assembly: Group, api_client: Callable[[User | None], Client]
) -> None:
    as_admin, as_member = api_client(admin), api_client(member)
    made = as_admin.post(
        f"/api/groups/{assembly.pk}/roles",
        {"name": "Delegate", "duties": "Speaks for us at the region", "report_every_days": 28},
        content_type=JSON,
    )
    assert made.status_code == 201
    role_id = made.json()["id"]
    term = as_admin.post(
        f"/api/roles/{role_id}/terms",
        {
            "holder_id": member.pk,
            "starts_on": str(TODAY),
            "ends_on": str(TODAY + timedelta(days=90)),
        },
        content_type=JSON,
    )
    assert term.status_code == 201
    term_id = term.json()["id"]
    report = as_member.post(
        f"/api/terms/{term_id}/report-backs",
        {"text": "The region meets in May."},
        content_type=JSON,
    )
    assert report.status_code == 201
    [listed] = as_member.get(f"/api/roles/{role_id}/terms").json()
    assert listed["report_backs"][0]["text"] == "The region meets in May."
    assert listed["current"]
    assert not listed["overdue"]
    assert as_member.get(f"/api/terms/{term_id}/recall-change").json() == {
        "kind": "role.recall",
        "term_id": term_id,
    }
    recall = as_member.post(f"/api/terms/{term_id}/recall", {"reason": "Silent"}, content_type=JSON)
    assert recall.status_code == 201
    assert Proposal.objects.get(pk=recall.json()["proposal_id"]).change == {
        "kind": "role.recall",
        "term_id": term_id,
    }


def test_a_term_that_ends_before_it_starts_answers_400_through_the_api(
    admin: User, member: User, assembly: Group, api_client: Callable[[User | None], Client]
) -> None:
    role = actions.do_create_role(admin, assembly, name="Delegate")
    response = api_client(admin).post(
        f"/api/roles/{role.pk}/terms",
        {
            "holder_id": member.pk,
            "starts_on": str(TODAY),
            "ends_on": str(TODAY - timedelta(days=1)),
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "A term cannot end before it starts."}
    assert not Term.objects.exists()


def test_a_recall_of_a_vacant_role_answers_400_through_the_api(
    admin: User, assembly: Group, api_client: Callable[[User | None], Client]
) -> None:
    role = actions.do_create_role(admin, assembly, name="Delegate")
    response = api_client(admin).post(
        f"/api/groups/{assembly.pk}/proposals",
        {"title": "Recall", "change": {"kind": "role.recall", "role_id": role.pk}},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "vacant" in response.json()["detail"]
    assert not Proposal.objects.exists()


def test_an_empty_role_name_and_a_long_document_answer_400_through_the_api(
    admin: User, assembly: Group, api_client: Callable[[User | None], Client]
) -> None:
    client = api_client(admin)
    role = client.post(f"/api/groups/{assembly.pk}/roles", {"name": " "}, content_type=JSON)
    assert role.status_code == 400
    long = client.post(
        f"/api/groups/{assembly.pk}/documents",
        {"title": "Bulletin", "body": "x" * 10001},
        content_type=JSON,
    )
    assert long.status_code == 400
    untitled = client.post(
        f"/api/groups/{assembly.pk}/documents", {"title": "", "body": "x"}, content_type=JSON
    )
    assert untitled.json() == {"detail": "Please give the document a title."}
    assert not AccountableRole.objects.exists()
    assert not Document.objects.exists()


def test_the_roles_page_marks_an_overdue_report_back(
    admin: User, member: User, assembly: Group
) -> None:
    role = actions.do_create_role(admin, assembly, name="Treasurer", report_every_days=28)
    actions.do_start_term(
        admin,
        role,
        member,
        starts_on=TODAY - timedelta(days=30),
        ends_on=TODAY + timedelta(days=30),
    )
    page = client_for(None).get(reverse("roles:list", args=[assembly.pk])).content.decode()
    assert "Treasurer" in page
    assert "Report-back overdue since" in page


def test_the_term_form_answers_a_term_ending_before_it_starts_with_400(
    admin: User, member: User, assembly: Group
) -> None:
    role = actions.do_create_role(admin, assembly, name="Treasurer")
    response = client_for(admin).post(
        reverse("roles:start_term", args=[role.pk]),
        {"holder": member.pk, "starts_on": str(TODAY), "ends_on": str(TODAY - timedelta(days=3))},
    )
    assert response.status_code == 400
    assert "A term cannot end before it starts." in response.content.decode()
    assert not Term.objects.exists()


def test_the_holder_files_a_report_back_from_the_role_page(
    admin: User, member: User, assembly: Group
) -> None:
    role = actions.do_create_role(admin, assembly, name="Treasurer")
    term = actions.do_start_term(admin, role, member, starts_on=TODAY, ends_on=TODAY)
    client = client_for(member)
    assert (
        "File a report-back" in client.get(reverse("roles:role", args=[role.pk])).content.decode()
    )
    response = client.post(reverse("roles:report_back", args=[term.pk]), {"text": "Done."})
    assert response.status_code == 302
    assert term.report_backs.get().text == "Done."
