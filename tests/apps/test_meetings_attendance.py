"""Answers (coming / not coming) and attendance with arrival and leave times."""

from __future__ import annotations

import pytest

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings import actions, queries
from moot.meetings.models import Attendance, Meeting
from tests.apps.conftest import make_user
from tests.apps.test_meetings_agenda import Published, events, schedule


@pytest.fixture
def meeting(assembly: Group, facilitator: User) -> Meeting:
    return schedule(assembly, facilitator, "Welcome")


def test_answers_are_counted_and_a_later_answer_replaces_the_earlier(
    meeting: Meeting, member: User, facilitator: User, published: Published
) -> None:
    actions.do_answer(member, meeting, "coming")
    actions.do_answer(facilitator, meeting, "coming")
    actions.do_answer(member, meeting, "not_coming")
    assert queries.rsvp_counts(meeting) == {"coming": 1, "not_coming": 1}
    assert queries.answer_of(member, meeting) == "not_coming"
    last = events(published, "meeting.rsvp_changed")[-1]["data"]
    assert (last["coming"], last["not_coming"]) == (1, 1)


def test_an_unknown_answer_is_refused(meeting: Meeting, member: User) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_answer(member, meeting, "maybe")
    assert refused.value.status == 400
    assert not meeting.rsvps.exists()


def test_checking_in_needs_the_meeting_in_session(meeting: Meeting, member: User) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_check_in(member, meeting)
    assert refused.value.status == 409
    assert queries.present_count(meeting) == 0


def test_a_member_checks_in_and_out_and_the_times_are_kept(
    meeting: Meeting, member: User, published: Published
) -> None:
    actions.do_open_meeting(meeting)
    actions.do_check_in(member, meeting, "remote")
    assert queries.present_count(meeting) == 1
    assert queries.present_people(meeting) == [member]
    [arrived] = events(published, "meeting.attendance_changed")
    assert arrived["data"]["present"] is True
    assert arrived["data"]["remote"] == 1
    actions.do_check_out(member, meeting)
    record = Attendance.objects.get(meeting=meeting, user=member)
    assert record.left_at is not None
    assert record.arrived_at <= record.left_at
    assert queries.present_count(meeting) == 0
    assert events(published, "meeting.attendance_changed")[-1]["data"]["present"] is False


def test_checking_in_again_after_leaving_keeps_one_record(meeting: Meeting, member: User) -> None:
    actions.do_open_meeting(meeting)
    actions.do_check_in(member, meeting)
    actions.do_check_out(member, meeting)
    actions.do_check_in(member, meeting, "remote")
    record = Attendance.objects.get(meeting=meeting, user=member)
    assert (record.presence, record.left_at) == ("remote", None)


def test_the_facilitator_marks_a_member_present(
    meeting: Meeting, member: User, published: Published
) -> None:
    actions.do_open_meeting(meeting)
    actions.do_mark_present(meeting, member)
    assert queries.present_people(meeting) == [member]
    assert events(published, "meeting.attendance_changed")[0]["data"]["user_id"] == member.pk


def test_only_members_can_be_marked_present(meeting: Meeting, outsider: User) -> None:
    actions.do_open_meeting(meeting)
    with pytest.raises(ActionError) as refused:
        actions.do_mark_present(meeting, outsider)
    assert refused.value.status == 400
    assert queries.present_count(meeting) == 0


def test_ending_the_meeting_records_everyone_leaving(meeting: Meeting, member: User) -> None:
    actions.do_open_meeting(meeting)
    second = make_user("second")
    actions.do_check_in(member, meeting)
    actions.do_check_in(second, meeting)
    actions.do_end_meeting(meeting)
    assert queries.present_count(meeting) == 0
    assert all(a.left_at == meeting.closed_at for a in queries.attendance_record(meeting))
