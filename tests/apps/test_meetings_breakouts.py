"""Breakouts: committees meet for a while, and their report-backs join the agenda."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.errors import ActionError
from moot.groups.models import Group, Role, Visibility
from moot.meetings import actions, queries
from moot.meetings.actions import ItemDraft
from moot.meetings.models import AgendaItem, Breakout, ItemKind, ItemStatus, Meeting
from moot.meetings.rules import may_report_back
from tests.apps.conftest import make_user
from tests.apps.test_meetings_agenda import Published, events, schedule, titles


@pytest.fixture
def committees(assembly: Group, admin: User) -> dict[str, Group]:
    made = {
        name: group_actions.do_create_committee(admin, assembly, name=name)
        for name in ("Outreach", "Medical", "Legal")
    }
    made["Engineering"] = group_actions.do_create_committee(
        admin, made["Legal"], name="Engineering"
    )
    group_actions.do_create_committee(
        admin, assembly, name="Internal", visibility=Visibility.COMMITTEE
    )
    return made


@pytest.fixture
def meeting(assembly: Group, facilitator: User, committees: dict[str, Group]) -> Meeting:
    meeting = schedule(assembly, facilitator, "Welcome", "Next steps")
    actions.do_add_item(meeting, ItemDraft(title="Breakout", kind=ItemKind.BREAKOUT), position=1)
    actions.do_open_meeting(meeting)
    return meeting


def breakout_item(meeting: Meeting) -> AgendaItem:
    return meeting.items.get(kind=ItemKind.BREAKOUT)


def test_a_breakout_opens_from_a_breakout_item_with_every_visible_committee(
    meeting: Meeting, published: Published
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    names = [c.name for c in queries.breakout_committees(breakout)]
    assert names == ["Legal", "Engineering", "Medical", "Outreach"]
    assert breakout_item(meeting).status == ItemStatus.ACTIVE
    assert breakout.ends_at - breakout.opened_at == timedelta(minutes=15)
    [opened] = events(published, "breakout.opened")
    assert [c["name"] for c in opened["data"]["committees"]] == names
    assert queries.meeting_state(meeting)["breakout"]["id"] == breakout.pk


def test_a_breakout_opens_only_from_a_breakout_item_and_once_at_a_time(
    meeting: Meeting,
) -> None:
    with pytest.raises(ActionError, match="breakout item"):
        actions.do_open_breakout(meeting.items.get(title="Welcome"), minutes=15)
    actions.do_open_breakout(breakout_item(meeting), minutes=15)
    second = actions.do_add_item(meeting, ItemDraft(title="Again", kind=ItemKind.BREAKOUT))
    with pytest.raises(ActionError) as refused:
        actions.do_open_breakout(second, minutes=15)
    assert refused.value.status == 409
    assert Breakout.objects.count() == 1


@pytest.mark.parametrize("minutes", [0, -5, 241])
def test_a_breakout_of_no_time_or_too_long_is_refused(meeting: Meeting, minutes: int) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_open_breakout(breakout_item(meeting), minutes=minutes)
    assert refused.value.status == 400
    assert not Breakout.objects.exists()


def test_a_committee_of_another_group_cannot_take_part(
    meeting: Meeting, private_group: Group
) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_open_breakout(breakout_item(meeting), minutes=15, committees=[private_group])
    assert refused.value.status == 400


def test_participants_join_one_or_more_committees(
    meeting: Meeting, member: User, committees: dict[str, Group], published: Published
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    actions.do_join_breakout(member, breakout, [committees["Outreach"], committees["Medical"]])
    assert queries.seats_of(member, breakout) == {
        committees["Outreach"].pk,
        committees["Medical"].pk,
    }
    actions.do_join_breakout(member, breakout, [committees["Legal"]])
    assert queries.seats_of(member, breakout) == {committees["Legal"].pk}
    joined = events(published, "breakout.joined")[-1]["data"]
    assert joined["committee_ids"] == [committees["Legal"].pk]
    assert joined["seats"] == [{"committee_id": committees["Legal"].pk, "seated": 1}]


def test_joining_needs_a_committee_of_the_breakout_and_time_left(
    meeting: Meeting, member: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(
        breakout_item(meeting), minutes=15, committees=[committees["Outreach"]]
    )
    with pytest.raises(ActionError):
        actions.do_join_breakout(member, breakout, [])
    with pytest.raises(ActionError):
        actions.do_join_breakout(member, breakout, [committees["Medical"]])
    later = timezone.now() + timedelta(minutes=16)
    with pytest.raises(ActionError, match="over") as refused:
        actions.do_join_breakout(member, breakout, [committees["Outreach"]], now=later)
    assert refused.value.status == 409
    assert not breakout.seats.exists()


def test_report_backs_become_agenda_items_in_committee_order_when_it_ends(
    meeting: Meeting, facilitator: User, committees: dict[str, Group], published: Published
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    actions.do_file_report_back(facilitator, breakout, committees["Outreach"], "Flyers")
    actions.do_file_report_back(facilitator, breakout, committees["Legal"], "No permits")
    actions.do_file_report_back(facilitator, breakout, committees["Outreach"], "Flyers, 500")
    actions.do_close_breakout(breakout)
    assert titles(meeting) == [
        "Welcome",
        "Breakout",
        "Report-back: Legal",
        "Report-back: Outreach",
        "Next steps",
    ]
    outreach = meeting.items.get(title="Report-back: Outreach")
    assert (outreach.kind, outreach.description) == (ItemKind.REPORT_BACK, "Flyers, 500")
    assert outreach.committee == committees["Outreach"]
    assert breakout_item(meeting).status == ItemStatus.DONE
    [closed] = events(published, "breakout.closed")
    assert len(closed["data"]["report_back_item_ids"]) == 2
    assert len(events(published, "breakout.report_back_filed")) == 3
    assert [r.committee.name for r in queries.report_backs(meeting)] == ["Legal", "Outreach"]


def test_a_breakout_whose_time_is_up_is_ended_by_the_clock(
    meeting: Meeting, facilitator: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    actions.do_file_report_back(facilitator, breakout, committees["Medical"], "Water")
    assert actions.do_close_due_breakouts(timezone.now()) == 0
    assert actions.do_close_due_breakouts(timezone.now() + timedelta(minutes=15)) == 1
    breakout.refresh_from_db()
    assert breakout.closed_at is not None
    assert "Report-back: Medical" in titles(meeting)


def test_a_late_report_back_joins_the_agenda_after_the_others(
    meeting: Meeting, facilitator: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    actions.do_file_report_back(facilitator, breakout, committees["Outreach"], "Flyers")
    actions.do_close_breakout(breakout)
    actions.do_file_report_back(facilitator, breakout, committees["Legal"], "Late")
    assert titles(meeting)[1:4] == ["Breakout", "Report-back: Outreach", "Report-back: Legal"]


def test_finishing_the_breakout_item_ends_the_breakout(
    meeting: Meeting, facilitator: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    actions.do_file_report_back(facilitator, breakout, committees["Outreach"], "Flyers")
    actions.do_finish_item(breakout_item(meeting))
    assert queries.open_breakout(meeting) is None
    assert "Report-back: Outreach" in titles(meeting)


def test_ending_the_meeting_ends_its_breakout(
    meeting: Meeting, facilitator: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    actions.do_file_report_back(facilitator, breakout, committees["Outreach"], "Flyers")
    actions.do_end_meeting(meeting)
    assert queries.open_breakout(meeting) is None
    assert meeting.items.get(title="Report-back: Outreach").status == ItemStatus.PENDING


def test_an_empty_report_back_is_refused(
    meeting: Meeting, facilitator: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    with pytest.raises(ActionError) as refused:
        actions.do_file_report_back(facilitator, breakout, committees["Outreach"], "  ")
    assert refused.value.status == 400
    assert not breakout.report_backs.exists()


def test_the_note_taker_files_for_their_committee_else_the_convener_else_anyone_seated(
    meeting: Meeting, member: User, admin: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=15)
    outreach, medical = committees["Outreach"], committees["Medical"]
    note_taker = make_user("notes")
    group_actions.do_add_member(note_taker, meeting.group)
    group_actions.do_add_member(note_taker, outreach, Role.NOTE_TAKER)
    assert may_report_back(note_taker, breakout, outreach)
    assert may_report_back(admin, breakout, outreach), "admin convenes it and runs meetings"
    actions.do_join_breakout(member, breakout, [outreach, medical])
    assert not may_report_back(member, breakout, outreach), "Outreach has a note-taker"
    assert not may_report_back(member, breakout, medical), "Medical has its convener"
    group_actions.do_leave_group(admin, medical)
    assert may_report_back(member, breakout, medical), "seated, and nobody else reports"
    assert not may_report_back(note_taker, breakout, medical), "not seated in Medical"


def test_the_closebreakouts_command_ends_breakouts_whose_time_is_up(
    meeting: Meeting, facilitator: User, committees: dict[str, Group]
) -> None:
    breakout = actions.do_open_breakout(breakout_item(meeting), minutes=1)
    Breakout.objects.filter(pk=breakout.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("closebreakouts", stdout=out)
    assert "ended 1 breakout(s)" in out.getvalue()
    assert queries.open_breakout(meeting) is None
