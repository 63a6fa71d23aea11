"""Documents: written with a title, text and visibility, kept with every version, noted in
the audit log and announced live only to those who may read them; bad input changes
nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.records.audit import audit_entries, record_audit
from moot.records.documents import do_create_document, do_edit_document
from moot.records.models import AuditEntry, Document, DocumentVersion
from tests.apps.conftest import client_for, make_user
from tests.apps.test_decisions_helpers import run_commit_callbacks


def document_events(published: list[tuple[str, bytes]]) -> list[tuple[str, str, dict[str, object]]]:
    run_commit_callbacks()
    found = []
    for stream, message in published:
        body = json.loads(message)
        if body["type"].startswith("document."):
            found.append((stream, body["type"], body["data"]))
    return found


def bulletin(author: User, group: Group, **fields: object) -> Document:
    fields.setdefault("title", "Bulletin no. 1")
    fields.setdefault("body", "The branch meets on Thursday.\n\nBring a friend.")
    return do_create_document(author, group, **fields)  # type: ignore[arg-type]


def test_a_document_takes_the_groups_default_visibility(admin: User, assembly: Group) -> None:
    group_actions.do_update_group(assembly, default_visibility=Visibility.MEMBERS)
    document = bulletin(admin, assembly)
    assert document.visibility == Visibility.MEMBERS
    assert document.versions.get().number == 1


def test_editing_keeps_every_version(admin: User, member: User, assembly: Group) -> None:
    document = bulletin(member, assembly)
    do_edit_document(admin, document, title="Bulletin no. 1", body="Thursday at seven.")
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].body.startswith("The branch meets")
    assert versions[1].editor == admin
    document.refresh_from_db()
    assert document.body == "Thursday at seven."


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "   "}, "Please give the document a title."),
        ({"title": "t" * 201}, "A title can have at most 200 characters."),
        ({"body": ""}, "Please write the document's text."),
        ({"body": "b" * 10001}, "A document can have at most 10000 characters."),
        ({"visibility": "friends"}, "Unknown visibility."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    admin: User, assembly: Group, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ActionError) as error:
        bulletin(admin, assembly, **fields)
    assert (error.value.status, error.value.message) == (400, message)
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="document.").exists()


def test_a_body_of_exactly_ten_thousand_characters_is_kept(admin: User, assembly: Group) -> None:
    assert len(bulletin(admin, assembly, body="b" * 10000).body) == 10000


def test_an_edit_that_changes_nothing_is_refused(admin: User, assembly: Group) -> None:
    document = bulletin(admin, assembly)
    with pytest.raises(ActionError) as error:
        do_edit_document(admin, document, title=document.title, body=document.body)
    assert error.value.status == 400
    assert document.versions.count() == 1


def test_a_bad_edit_leaves_the_document_as_it_was(admin: User, assembly: Group) -> None:
    document = bulletin(admin, assembly)
    with pytest.raises(ActionError):
        do_edit_document(admin, document, title="", body="New text")
    document.refresh_from_db()
    assert document.title == "Bulletin no. 1"
    assert document.versions.count() == 1


def test_writing_and_editing_are_noted_in_the_audit_log(admin: User, assembly: Group) -> None:
    document = bulletin(admin, assembly, visibility=Visibility.MEMBERS)
    do_edit_document(admin, document, title="Bulletin no. 1", body="Changed.")
    entries = AuditEntry.objects.filter(action__startswith="document.").order_by("at", "id")
    assert [e.action for e in entries] == ["document.created", "document.edited"]
    assert entries[1].summary == "Changed the document Bulletin no. 1 (version 2)."
    assert (entries[1].target_type, entries[1].target_id) == ("records.document", document.pk)
    assert {e.visibility for e in entries} == {Visibility.MEMBERS}


def test_an_audit_entry_about_a_committee_document_is_read_only_by_the_committee(
    admin: User, member: User, assembly: Group, committee: Group
) -> None:
    secret = bulletin(admin, committee, visibility=Visibility.COMMITTEE)
    record_audit(committee, admin, "note", secret, "A committee note")
    assert [
        e for e in audit_entries(member, committee) if e.target_type != "groups.membership"
    ] == []
    group_actions.do_add_member(member, committee)
    now_in_committee = User.objects.get(pk=member.pk)
    seen = [e.summary for e in audit_entries(now_in_committee, committee)]
    assert [s for s in seen if "joined" not in s] == [
        "A committee note",
        "Wrote the document Bulletin no. 1.",
    ]


def test_document_events_go_to_the_stream_of_its_visibility(
    admin: User, assembly: Group, published: list[tuple[str, bytes]]
) -> None:
    public = bulletin(admin, assembly, visibility=Visibility.PUBLIC)
    internal = bulletin(admin, assembly, title="Internal", visibility=Visibility.MEMBERS)
    do_edit_document(admin, internal, title="Internal", body="Changed.")
    found = document_events(published)
    assert found == [
        (
            f"documents:{assembly.pk}",
            "document.created",
            {
                "group_id": assembly.pk,
                "document_id": public.pk,
                "title": "Bulletin no. 1",
                "version": 1,
                "author": "Admin",
            },
        ),
        (
            f"documents:{assembly.pk}.members",
            "document.created",
            {
                "group_id": assembly.pk,
                "document_id": internal.pk,
                "title": "Internal",
                "version": 1,
                "author": "Admin",
            },
        ),
        (
            f"documents:{assembly.pk}.members",
            "document.edited",
            {
                "group_id": assembly.pk,
                "document_id": internal.pk,
                "title": "Internal",
                "version": 2,
                "editor": "Admin",
            },
        ),
    ]


def test_a_refused_document_publishes_nothing(
    admin: User, assembly: Group, published: list[tuple[str, bytes]]
) -> None:
    with pytest.raises(ActionError):
        bulletin(admin, assembly, title="")
    assert document_events(published) == []


def test_the_text_is_shown_escaped_with_its_paragraphs(admin: User, assembly: Group) -> None:
    document = bulletin(admin, assembly, body="<script>alert(1)</script>\n\nSecond paragraph")
    page = client_for(None).get(reverse("records:document", args=[document.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<p>Second paragraph</p>" in page


def test_the_document_form_answers_bad_input_with_400_and_writes_nothing(
    member: User, assembly: Group
) -> None:
    response = client_for(member).post(
        reverse("records:new_document", args=[assembly.pk]),
        {"title": "", "body": "x" * 10001, "visibility": "public"},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_a_member_writes_a_document_from_the_page(member: User, assembly: Group) -> None:
    response = client_for(member).post(
        reverse("records:new_document", args=[assembly.pk]),
        {"title": "Minutes of the picket", "body": "We were 40.", "visibility": "members"},
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("records:document", args=[document.pk])
    assert (document.author, document.visibility) == (member, Visibility.MEMBERS)


def test_the_audit_log_notes_members_committees_proposals_and_meetings(
    admin: User, member: User, assembly: Group
) -> None:
    from django.utils import timezone

    from moot.decisions.actions.proposals import Draft, do_open_proposal
    from moot.meetings.actions import do_schedule_meeting

    group_actions.do_create_committee(admin, assembly, name="Outreach")
    membership = group_actions.do_add_member(make_user("bea"), assembly)
    group_actions.do_change_role(membership, "facilitator")
    do_open_proposal(admin, assembly, Draft(title="Permits"))
    do_schedule_meeting(admin, assembly, title="Evening", starts_at=timezone.now())
    group_actions.do_leave_group(member, assembly)
    actions = [e.action for e in audit_entries(admin, assembly)]
    for expected in (
        "committee.created",
        "membership.joined",
        "membership.role_changed",
        "proposal.opened",
        "meeting.scheduled",
        "membership.left",
    ):
        assert expected in actions
    assert client_for(make_user("stranger")).get(f"/g/{assembly.pk}/audit/").status_code == 404
