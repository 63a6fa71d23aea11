"""Scheduling a meeting and running its agenda: each action's change and its event."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings import actions, queries
from moot.meetings.actions import ItemDraft
from moot.meetings.models import AgendaItem, ItemKind, ItemStatus, Meeting, MeetingStatus

Published = list[tuple[str, bytes]]


def schedule(group: Group, by: User, *titles: str, days: int = 7, **fields: Any) -> Meeting:
    """A meeting of ``group`` in ``days`` days with one discussion item per title."""
    drafts = [ItemDraft(title=t) for t in titles]
    return actions.do_schedule_meeting(
        by,
        group,
        title=fields.pop("title", "General assembly"),
        starts_at=timezone.now() + timedelta(days=days),
        items=drafts,
        **fields,
    )


def commit() -> None:
    """Run the on-commit callbacks waiting so far, as a real commit would (each test runs
    inside a transaction that never commits)."""
    pending = connection.run_on_commit[:]
    del connection.run_on_commit[:]
    for _savepoints, callback, _robust in pending:
        callback()


def events(published: Published, event_type: str | None = None) -> list[dict[str, Any]]:
    """The events published (of one type) once what is done so far commits, decoded."""
    commit()
    decoded = [
        json.loads(message) for stream, message in published if stream.startswith("meeting:")
    ]
    return [e for e in decoded if event_type is None or e["type"] == event_type]


def titles(meeting: Meeting) -> list[str]:
    return [item.title for item in queries.agenda(meeting)]


@pytest.fixture
def meeting(assembly: Group, facilitator: User) -> Meeting:
    return schedule(assembly, facilitator, "Welcome", "Permits", "Demands")


def item(meeting: Meeting, title: str) -> AgendaItem:
    return meeting.items.get(title=title)


def test_a_scheduled_meeting_has_its_agenda_in_order(meeting: Meeting) -> None:
    assert meeting.status == MeetingStatus.SCHEDULED
    assert titles(meeting) == ["Welcome", "Permits", "Demands"]
    assert [i.position for i in queries.agenda(meeting)] == [0, 1, 2]


def test_a_meeting_without_a_title_is_refused_and_nothing_is_created(
    assembly: Group, facilitator: User
) -> None:
    with pytest.raises(ActionError) as refused:
        schedule(assembly, facilitator, "Welcome", title="  ")
    assert refused.value.status == 400
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()


def test_an_item_with_a_bad_time_box_is_refused_with_nothing_created(
    assembly: Group, facilitator: User
) -> None:
    with pytest.raises(ActionError, match="time box"):
        actions.do_schedule_meeting(
            facilitator,
            assembly,
            title="GA",
            starts_at=timezone.now(),
            items=[ItemDraft(title="Long", time_box_minutes=0)],
        )
    assert not Meeting.objects.exists()


def test_adding_an_item_puts_it_where_asked_and_says_so(
    meeting: Meeting, published: Published
) -> None:
    added = actions.do_add_item(
        meeting,
        ItemDraft(title="Check-in", kind=ItemKind.CHECK_IN, time_box_minutes=10),
        position=0,
    )
    assert titles(meeting) == ["Check-in", "Welcome", "Permits", "Demands"]
    [event] = events(published, "agenda.item_added")
    assert event["data"]["item"]["id"] == added.pk
    assert event["data"]["item"]["time_box_minutes"] == 10
    assert event["data"]["meeting_id"] == meeting.pk
    assert event["data"]["version"] == 1


def test_editing_an_item_changes_it_and_says_so(meeting: Meeting, published: Published) -> None:
    actions.do_update_item(
        item(meeting, "Permits"),
        title="Legal permits",
        kind=ItemKind.PROPOSAL,
        description="Do we seek them?",
        time_box_minutes=20,
    )
    edited = meeting.items.get(title="Legal permits")
    assert (edited.kind, edited.time_box_minutes) == (ItemKind.PROPOSAL, 20)
    [event] = events(published, "agenda.item_updated")
    assert event["data"]["item"]["title"] == "Legal permits"


def test_moving_an_item_reorders_the_agenda_and_says_so(
    meeting: Meeting, published: Published
) -> None:
    demands = item(meeting, "Demands")
    actions.do_move_item(demands, 0)
    assert titles(meeting) == ["Demands", "Welcome", "Permits"]
    [event] = events(published, "agenda.item_moved")
    assert event["data"]["order"] == queries.agenda_order(meeting)
    actions.do_move_item(demands, 99)
    assert titles(meeting) == ["Welcome", "Permits", "Demands"]


def test_removing_an_item_closes_the_gap_and_says_so(
    meeting: Meeting, published: Published
) -> None:
    permits = item(meeting, "Permits")
    permits_id = permits.pk
    actions.do_remove_item(permits)
    assert titles(meeting) == ["Welcome", "Demands"]
    assert [i.position for i in queries.agenda(meeting)] == [0, 1]
    [event] = events(published, "agenda.item_removed")
    assert event["data"]["item_id"] == permits_id


def test_opening_the_meeting_puts_it_in_session_and_says_so(
    meeting: Meeting, published: Published
) -> None:
    actions.do_open_meeting(meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.LIVE
    assert meeting.opened_at is not None
    [event] = events(published)
    assert event["type"] == "meeting.opened"


def test_an_item_cannot_start_before_the_meeting_opens(meeting: Meeting) -> None:
    with pytest.raises(ActionError, match="Open the meeting first") as refused:
        actions.do_start_item(item(meeting, "Welcome"))
    assert refused.value.status == 409
    assert item(meeting, "Welcome").status == ItemStatus.PENDING


def test_starting_an_item_finishes_the_one_under_way(
    meeting: Meeting, published: Published
) -> None:
    actions.do_open_meeting(meeting)
    actions.do_start_item(item(meeting, "Welcome"))
    actions.do_start_item(item(meeting, "Permits"))
    meeting.refresh_from_db()
    assert item(meeting, "Welcome").status == ItemStatus.DONE
    assert item(meeting, "Permits").status == ItemStatus.ACTIVE
    assert meeting.current_item == item(meeting, "Permits")
    types = [e["type"] for e in events(published)]
    assert types == [
        "meeting.opened",
        "agenda.item_started",
        "agenda.item_finished",
        "agenda.item_started",
    ]
    versions = [e["data"]["version"] for e in events(published)]
    assert versions == [1, 2, 3, 4]


def test_finishing_the_item_under_way_marks_it_done_and_says_so(
    meeting: Meeting, published: Published
) -> None:
    actions.do_open_meeting(meeting)
    welcome = actions.do_start_item(item(meeting, "Welcome"))
    actions.do_finish_item(welcome)
    meeting.refresh_from_db()
    welcome.refresh_from_db()
    assert welcome.status == ItemStatus.DONE
    assert welcome.ended_at is not None
    assert meeting.current_item is None
    assert events(published)[-1]["type"] == "agenda.item_finished"


def test_only_the_item_under_way_can_be_finished(meeting: Meeting) -> None:
    actions.do_open_meeting(meeting)
    with pytest.raises(ActionError) as refused:
        actions.do_finish_item(item(meeting, "Welcome"))
    assert refused.value.status == 409


def test_a_started_item_cannot_be_removed(meeting: Meeting) -> None:
    actions.do_open_meeting(meeting)
    welcome = actions.do_start_item(item(meeting, "Welcome"))
    with pytest.raises(ActionError) as refused:
        actions.do_remove_item(welcome)
    assert refused.value.status == 409
    assert meeting.items.count() == 3


def test_ending_the_meeting_finishes_the_item_under_way_and_leaves_pending_ones(
    meeting: Meeting, published: Published
) -> None:
    actions.do_open_meeting(meeting)
    actions.do_start_item(item(meeting, "Welcome"))
    actions.do_end_meeting(meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ENDED
    assert meeting.closed_at is not None
    statuses = [i.status for i in queries.agenda(meeting)]
    assert statuses == [ItemStatus.DONE, ItemStatus.PENDING, ItemStatus.PENDING]
    assert events(published)[-1]["type"] == "meeting.ended"


def test_a_scheduled_meeting_is_cancelled_not_ended(meeting: Meeting, published: Published) -> None:
    with pytest.raises(ActionError, match="cancel"):
        actions.do_end_meeting(meeting)
    actions.do_cancel_meeting(meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert [e["type"] for e in events(published)] == ["meeting.cancelled"]


def test_editing_a_meeting_changes_it_and_says_so(meeting: Meeting, published: Published) -> None:
    later = meeting.starts_at + timedelta(hours=2)
    actions.do_update_meeting(meeting, title="GA #2", starts_at=later, location="Park")
    meeting.refresh_from_db()
    assert (meeting.title, meeting.starts_at, meeting.location) == ("GA #2", later, "Park")
    [event] = events(published, "meeting.updated")
    assert event["data"]["location"] == "Park"


def _every_change(meeting: Meeting, facilitator: User) -> list[Any]:
    welcome = item(meeting, "Welcome")
    return [
        lambda: actions.do_open_meeting(meeting),
        lambda: actions.do_end_meeting(meeting),
        lambda: actions.do_cancel_meeting(meeting),
        lambda: actions.do_update_meeting(meeting, title="X", starts_at=meeting.starts_at),
        lambda: actions.do_add_item(meeting, ItemDraft(title="Late")),
        lambda: actions.do_update_item(welcome, title="X", kind=ItemKind.READING),
        lambda: actions.do_move_item(welcome, 2),
        lambda: actions.do_remove_item(item(meeting, "Demands")),
        lambda: actions.do_start_item(item(meeting, "Permits")),
        lambda: actions.do_table_item(item(meeting, "Permits")),
        lambda: actions.do_answer(facilitator, meeting, "coming"),
        lambda: actions.do_check_in(facilitator, meeting),
    ]


@pytest.mark.parametrize("closing", ["end", "cancel"])
def test_acting_in_a_closed_meeting_is_refused_and_nothing_changes(
    meeting: Meeting, facilitator: User, published: Published, closing: str
) -> None:
    if closing == "end":
        actions.do_open_meeting(meeting)
        actions.do_end_meeting(meeting)
    else:
        actions.do_cancel_meeting(meeting)
    meeting.refresh_from_db()
    before = (queries.meeting_state(meeting), list(meeting.items.values()))
    commit()
    published.clear()
    for change in _every_change(meeting, facilitator):
        with pytest.raises(ActionError) as refused:
            change()
        assert refused.value.status == 409, refused.value.message
    meeting.refresh_from_db()
    assert (queries.meeting_state(meeting), list(meeting.items.values())) == before
    assert events(published) == []


def test_the_meeting_state_is_plain_data_with_agenda_current_item_and_counts(
    meeting: Meeting, member: User
) -> None:
    actions.do_open_meeting(meeting)
    welcome = actions.do_start_item(item(meeting, "Welcome"))
    actions.do_check_in(member, meeting, "remote")
    meeting.refresh_from_db()
    state = queries.meeting_state(meeting)
    json.dumps(state)  # ready to send as it is
    assert state["current_item_id"] == welcome.pk
    assert [i["title"] for i in state["agenda"]] == ["Welcome", "Permits", "Demands"]
    assert state["attendance"] == {"present": 1, "in_room": 0, "remote": 1}
    assert state["breakout"] is None
    assert state["version"] == meeting.version


def test_the_facilitator_sets_how_the_live_room_runs(
    meeting: Meeting, published: Published
) -> None:
    room = actions.RoomSettings(speaker_seconds=90, progressive_stack=True, wrap_up_threshold=5)
    actions.do_update_meeting(meeting, title=meeting.title, starts_at=meeting.starts_at, room=room)
    meeting.refresh_from_db()
    assert (meeting.speaker_seconds, meeting.progressive_stack, meeting.wrap_up_threshold) == (
        90,
        True,
        5,
    )
    [event] = events(published, "meeting.updated")
    assert event["data"]["progressive_stack"] is True


@pytest.mark.parametrize(("seconds", "threshold"), [(5, 3), (4000, 3), (120, 0), (120, 1001)])
def test_room_settings_out_of_range_are_refused(seconds: int, threshold: int) -> None:
    with pytest.raises(ActionError) as refused:
        actions.RoomSettings(speaker_seconds=seconds, wrap_up_threshold=threshold)
    assert refused.value.status == 400
