"""Accountable roles: naming roles, terms with a first and last day, report-backs that
fall overdue, reminders before a term ends, and every change in the audit log and live."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.records.models import AuditEntry
from moot.roles import actions, queries
from moot.roles.models import AccountableRole, EndReason, ReportBack, Term
from tests.apps.test_decisions_helpers import run_commit_callbacks

TODAY = timezone.localdate()


def role_events(published: list[tuple[str, bytes]]) -> list[tuple[str, str, dict[str, object]]]:
    run_commit_callbacks()
    found = []
    for stream, message in published:
        body = json.loads(message)
        if body["type"].startswith("role."):
            found.append((stream, body["type"], body["data"]))
    return found


@pytest.fixture
def treasurer(admin: User, assembly: Group) -> AccountableRole:
    return actions.do_create_role(
        admin, assembly, name="Treasurer", duties="Keeps the money", report_every_days=28
    )


def a_term(admin: User, role: AccountableRole, holder: User, start: date, days: int) -> Term:
    return actions.do_start_term(
        admin, role, holder, starts_on=start, ends_on=start + timedelta(days=days)
    )


def test_an_admin_names_a_role_with_its_duties(treasurer: AccountableRole) -> None:
    assert treasurer.name == "Treasurer"
    assert treasurer.duties == "Keeps the money"
    assert treasurer.seats == 1


def test_a_role_name_is_used_once_in_a_group(
    admin: User, assembly: Group, treasurer: AccountableRole
) -> None:
    with pytest.raises(ActionError) as error:
        actions.do_create_role(admin, assembly, name="treasurer")
    assert error.value.status == 409
    assert AccountableRole.objects.filter(group=assembly).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "Delegate", "seats": 0}, "1 to 50"),
        ({"name": "Delegate", "report_every_days": 0}, "366"),
        ({"name": "Delegate", "duties": "d" * 5001}, "5000"),
    ],
)
def test_a_role_with_bad_fields_is_refused_and_not_created(
    admin: User, assembly: Group, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ActionError) as error:
        actions.do_create_role(admin, assembly, **fields)  # type: ignore[arg-type]
    assert error.value.status == 400
    assert message in error.value.message
    assert not AccountableRole.objects.exists()


def test_changing_a_role_keeps_its_terms(
    admin: User, member: User, treasurer: AccountableRole
) -> None:
    a_term(admin, treasurer, member, TODAY, 30)
    actions.do_update_role(admin, treasurer, name="Treasurer", duties="Books", seats=2)
    treasurer.refresh_from_db()
    assert (treasurer.duties, treasurer.seats) == ("Books", 2)
    assert treasurer.terms.count() == 1


def test_a_term_that_ends_before_it_starts_is_refused_and_nothing_changes(
    admin: User, member: User, treasurer: AccountableRole
) -> None:
    with pytest.raises(ActionError) as error:
        actions.do_start_term(
            admin, treasurer, member, starts_on=TODAY, ends_on=TODAY - timedelta(days=1)
        )
    assert error.value.status == 400
    assert error.value.message == "A term cannot end before it starts."
    assert not Term.objects.exists()
    assert not AuditEntry.objects.filter(action="role.term_started").exists()


def test_only_a_member_holds_a_role(
    admin: User, outsider: User, treasurer: AccountableRole
) -> None:
    with pytest.raises(ActionError) as error:
        a_term(admin, treasurer, outsider, TODAY, 30)
    assert error.value.status == 400
    assert not Term.objects.exists()


def test_no_more_people_hold_a_role_than_it_has_seats(
    admin: User, member: User, facilitator: User, treasurer: AccountableRole
) -> None:
    a_term(admin, treasurer, member, TODAY, 30)
    with pytest.raises(ActionError) as error:
        a_term(admin, treasurer, facilitator, TODAY + timedelta(days=10), 30)
    assert error.value.status == 409
    a_term(admin, treasurer, facilitator, TODAY + timedelta(days=31), 30)
    assert treasurer.terms.count() == 2


def test_ending_a_term_keeps_it_in_the_history(
    admin: User, member: User, treasurer: AccountableRole
) -> None:
    term = a_term(admin, treasurer, member, TODAY, 30)
    actions.do_end_term(member, term, reason=EndReason.RESIGNED)
    term.refresh_from_db()
    assert term.end_reason == EndReason.RESIGNED
    assert not queries.current_terms(treasurer).exists()
    assert [s.term for s in queries.role_history(treasurer)] == [term]
    with pytest.raises(ActionError) as error:
        actions.do_end_term(member, term)
    assert error.value.status == 409


def test_a_report_back_is_overdue_four_weeks_after_the_last_one(
    admin: User, member: User, treasurer: AccountableRole
) -> None:
    term = a_term(admin, treasurer, member, TODAY - timedelta(days=40), 100)
    [board] = queries.role_boards(treasurer.group)
    assert board.overdue
    assert board.holders[0].due_on == TODAY - timedelta(days=12)
    actions.do_file_report_back(member, term, "We have 312 euros.")
    [board] = queries.role_boards(treasurer.group)
    assert not board.overdue
    assert board.holders[0].due_on == TODAY + timedelta(days=28)
    assert queries.overdue_boards(treasurer.group) == []


@pytest.mark.parametrize(("text", "status"), [("   ", 400), ("x" * 10001, 400)])
def test_an_empty_or_too_long_report_back_is_refused(
    admin: User, member: User, treasurer: AccountableRole, text: str, status: int
) -> None:
    term = a_term(admin, treasurer, member, TODAY, 30)
    with pytest.raises(ActionError) as error:
        actions.do_file_report_back(member, term, text)
    assert error.value.status == status
    assert not ReportBack.objects.exists()


def test_holders_whose_term_ends_within_two_weeks_are_due_a_reminder(
    admin: User, member: User, facilitator: User, treasurer: AccountableRole
) -> None:
    ending = a_term(admin, treasurer, member, TODAY - timedelta(days=50), 60)
    later = actions.do_create_role(admin, treasurer.group, name="Delegate")
    a_term(admin, later, facilitator, TODAY, 30)
    reminders = queries.due_role_reminders(timezone.now())
    assert reminders == [(member, ending, 10)]


def test_filling_a_role_replaces_the_holders_running_until_then(
    admin: User, member: User, facilitator: User, treasurer: AccountableRole
) -> None:
    before = a_term(admin, treasurer, member, TODAY - timedelta(days=5), 60)
    [term] = actions.do_fill_role(admin, treasurer, [facilitator], term_days=365)
    before.refresh_from_db()
    assert before.end_reason == EndReason.REPLACED
    assert (term.holder, term.starts_on, term.ends_on) == (
        facilitator,
        TODAY,
        TODAY + timedelta(days=364),
    )


def test_filling_a_role_with_more_holders_than_seats_changes_nothing(
    admin: User, member: User, facilitator: User, treasurer: AccountableRole
) -> None:
    before = a_term(admin, treasurer, member, TODAY, 60)
    with pytest.raises(ActionError) as error:
        actions.do_fill_role(admin, treasurer, [member, facilitator], term_days=30)
    assert error.value.status == 400
    before.refresh_from_db()
    assert before.ended_at is None
    assert treasurer.terms.count() == 1


def test_every_change_is_noted_in_the_audit_log(
    admin: User, member: User, treasurer: AccountableRole
) -> None:
    term = a_term(admin, treasurer, member, TODAY, 30)
    actions.do_file_report_back(member, term, "All well.")
    actions.do_end_term(member, term)
    entries = AuditEntry.objects.filter(group=treasurer.group, action__startswith="role.").order_by(
        "at", "id"
    )
    assert [e.action for e in entries] == [
        "role.created",
        "role.term_started",
        "role.report_back_filed",
        "role.term_ended",
    ]
    assert entries[1].actor == admin
    assert entries[1].target_type == "roles.accountablerole"
    assert "Member holds Treasurer" in entries[1].summary


def test_every_role_event_is_published_on_the_group_stream_after_commit(
    admin: User, member: User, assembly: Group, published: list[tuple[str, bytes]]
) -> None:
    role = actions.do_create_role(admin, assembly, name="Delegate", report_every_days=14)
    actions.do_update_role(admin, role, name="Delegate", seats=2, report_every_days=14)
    term = a_term(admin, role, member, TODAY, 30)
    report = actions.do_file_report_back(member, term, "Went to the regional meeting.")
    actions.do_end_term(admin, term)
    found = role_events(published)
    stream = f"roles:{assembly.pk}"
    assert {s for s, _, _ in found} == {stream}
    assert [t for _, t, _ in found] == [
        "role.created",
        "role.updated",
        "role.term_started",
        "role.report_back_filed",
        "role.term_ended",
    ]
    assert found[0][2] == {
        "group_id": assembly.pk,
        "role_id": role.pk,
        "name": "Delegate",
        "seats": 1,
    }
    assert found[2][2]["holder"] == "Member"
    assert found[3][2] == {
        "group_id": assembly.pk,
        "role_id": role.pk,
        "term_id": term.pk,
        "report_id": report.pk,
        "author": "Member",
    }
    assert found[4][2]["reason"] == "resigned"


def test_a_refused_change_publishes_nothing(
    admin: User, member: User, treasurer: AccountableRole, published: list[tuple[str, bytes]]
) -> None:
    role_events(published)
    published.clear()
    with pytest.raises(ActionError):
        a_term(admin, treasurer, member, TODAY, -3)
    assert role_events(published) == []
