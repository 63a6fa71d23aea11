"""What a person may not read stays hidden everywhere: a members-only document is absent
from a non-member's page, list, API answer and export; exports come as Markdown, CSV and
JSON lines, and none of them ties a secret ballot to a person."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.records import exports
from moot.records.actions import do_adopt_agreement
from moot.records.documents import do_create_document
from moot.records.models import Document
from moot.roles import actions as roles
from tests.apps.conftest import client_for
from tests.apps.test_decisions_helpers import between_meetings, people, vote

INTERNAL = "Internal bulletin: strike fund"


@pytest.fixture
def internal(admin: User, assembly: Group) -> Document:
    return do_create_document(
        admin, assembly, title=INTERNAL, body="We hold 312 euros.", visibility=Visibility.MEMBERS
    )


@pytest.fixture
def public(admin: User, assembly: Group) -> Document:
    return do_create_document(
        admin, assembly, title="Open letter", body="Join us.", visibility=Visibility.PUBLIC
    )


def test_a_members_only_document_is_not_found_by_a_non_member_on_its_page(
    internal: Document, outsider: User, member: User
) -> None:
    url = reverse("records:document", args=[internal.pk])
    assert client_for(None).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 200


def test_a_members_only_document_is_absent_from_a_non_members_list(
    internal: Document, public: Document, assembly: Group, outsider: User, member: User
) -> None:
    url = reverse("records:documents", args=[assembly.pk])
    assert INTERNAL not in client_for(outsider).get(url).content.decode()
    assert "Open letter" in client_for(outsider).get(url).content.decode()
    assert INTERNAL in client_for(member).get(url).content.decode()


def test_a_members_only_document_is_not_found_through_the_api(
    internal: Document,
    public: Document,
    assembly: Group,
    outsider: User,
    member: User,
    api_client: Callable[[User | None], Client],
) -> None:
    assert api_client(None).get(f"/api/documents/{internal.pk}").status_code == 404
    assert api_client(outsider).get(f"/api/documents/{internal.pk}").status_code == 404
    assert api_client(member).get(f"/api/documents/{internal.pk}").json()["title"] == INTERNAL
    listed = api_client(outsider).get(f"/api/groups/{assembly.pk}/documents").json()
    assert [d["title"] for d in listed] == ["Open letter"]


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl"])
def test_a_members_only_document_never_appears_in_a_non_members_export(
    internal: Document, public: Document, assembly: Group, outsider: User, member: User, fmt: str
) -> None:
    for path in (
        reverse("records:export_documents", args=[assembly.pk, fmt]),
        f"/api/groups/{assembly.pk}/export/documents.{fmt}",
        reverse("records:export_group", args=[assembly.pk]),
    ):
        assert INTERNAL not in client_for(outsider).get(path).content.decode()
        assert INTERNAL not in client_for(None).get(path).content.decode()
        assert INTERNAL in client_for(member).get(path).content.decode()


def test_documents_export_as_csv_with_one_row_each(
    internal: Document, public: Document, assembly: Group, member: User
) -> None:
    response = client_for(member).get(
        reverse("records:export_documents", args=[assembly.pk, "csv"])
    )
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="assembly-documents.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["title"] for r in rows} == {INTERNAL, "Open letter"}
    assert rows[0]["author"] == "Admin"


def test_a_csv_cell_that_looks_like_a_formula_is_quoted(admin: User, assembly: Group) -> None:
    do_create_document(admin, assembly, title="=HYPERLINK(1)", body="@SUM", visibility="public")
    rows = list(csv.DictReader(io.StringIO(exports.export_documents(admin, assembly, "csv"))))
    assert (rows[0]["title"], rows[0]["body"]) == ("'=HYPERLINK(1)", "'@SUM")


def test_documents_export_as_markdown(public: Document, assembly: Group, admin: User) -> None:
    text = exports.export_documents(admin, assembly, "md")
    assert text.startswith("# Documents of Assembly\n")
    assert "## Open letter" in text
    assert "Join us." in text


def test_an_unknown_export_format_is_a_clear_400(assembly: Group, admin: User) -> None:
    with pytest.raises(ActionError) as error:
        exports.export_documents(admin, assembly, "xlsx")
    assert (error.value.status, error.value.message) == (400, "Export as md, csv or jsonl.")
    url = reverse("records:export_decisions", args=[assembly.pk, "xlsx"])
    assert client_for(admin).get(url).status_code == 400


def secret_vote(admin: User, group: Group) -> tuple[list[User], str]:
    voters = people(group, 4, prefix="secret")
    proposal = between_meetings(admin, group, title="Strike in March", secret=True)
    vote(proposal, voters[:3], "agree")
    vote(proposal, voters[3:], "block", "Too soon for the night shift")
    decisions.do_close_proposal(proposal)
    return voters, proposal.title


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl"])
def test_no_export_ties_a_secret_ballot_to_a_person(admin: User, assembly: Group, fmt: str) -> None:
    voters, title = secret_vote(admin, assembly)
    text = exports.export_decisions(admin, assembly, fmt)
    decision_lines = "".join(
        line for line in exports.export_group(admin, assembly) if '"type": "decision"' in line
    )
    assert title in text
    assert title in decision_lines
    for voter in voters:
        for exported in (text, decision_lines):
            assert voter.shown_name not in exported
            assert voter.email not in exported


def test_the_decision_log_exports_members_only_decisions_only_to_members(
    admin: User, assembly: Group, outsider: User
) -> None:
    proposal = between_meetings(admin, assembly, title="Rent a hall", visibility="members")
    decisions.do_close_proposal(proposal)
    assert "Rent a hall" in exports.export_decisions(admin, assembly, "jsonl")
    assert "Rent a hall" not in exports.export_decisions(outsider, assembly, "jsonl")


def test_the_whole_group_exports_as_json_lines_of_every_kind(
    admin: User, member: User, assembly: Group, committee: Group, internal: Document
) -> None:
    role = roles.do_create_role(admin, assembly, name="Treasurer", report_every_days=28)
    today = timezone.localdate()
    term = roles.do_start_term(
        admin, role, member, starts_on=today, ends_on=today + timedelta(days=60)
    )
    roles.do_file_report_back(member, term, "312 euros in the fund.")
    do_adopt_agreement(assembly, title="Photo consent", text="Ask before photographing.")
    lines = [json.loads(line) for line in exports.export_group(admin, assembly)]
    kinds = [line["type"] for line in lines]
    assert kinds[0] == "group"
    assert {"member", "committee", "role", "term", "agreement", "document"} <= set(kinds)
    members = [line["name"] for line in lines if line["type"] == "member"]
    assert set(members) == {"Admin", "Member"}
    assert not any("@" in json.dumps(line) for line in lines if line["type"] == "member")
    [term_line] = [line for line in lines if line["type"] == "term"]
    assert term_line["holder"] == "Member"
    assert term_line["report_backs"][0]["text"] == "312 euros in the fund."
    [agreement] = [line for line in lines if line["type"] == "agreement"]
    assert agreement["versions"][0]["title"] == "Photo consent"


def test_a_non_member_exports_no_member_names(
    admin: User, member: User, assembly: Group, outsider: User
) -> None:
    lines = [json.loads(line) for line in exports.export_group(outsider, assembly)]
    assert not [line for line in lines if line["type"] == "member"]
    assert "Member" not in json.dumps(lines)
