"""Tabling: a tabled item appears on the group's next meeting's agenda by itself."""

from __future__ import annotations

import pytest

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.meetings import actions, queries
from moot.meetings.actions import ItemDraft
from moot.meetings.models import ItemKind, ItemStatus, Meeting
from tests.apps.test_meetings_agenda import Published, events, schedule, titles


@pytest.fixture
def first(assembly: Group, facilitator: User) -> Meeting:
    meeting = schedule(assembly, facilitator, "Welcome", title="First", days=1)
    actions.do_add_item(
        meeting,
        ItemDraft(
            title="Demands",
            kind=ItemKind.PROPOSAL,
            description="What do we ask for?",
            time_box_minutes=30,
        ),
    )
    return meeting


def test_a_tabled_item_goes_onto_the_next_meeting_that_exists(
    first: Meeting, assembly: Group, facilitator: User, published: Published
) -> None:
    second = schedule(assembly, facilitator, "Welcome", title="Second", days=8)
    demands = first.items.get(title="Demands")
    carried = actions.do_table_item(demands, "We ran out of time")
    demands.refresh_from_db()
    assert demands.status == ItemStatus.TABLED
    assert demands.tabled_reason == "We ran out of time"
    assert carried is not None
    assert carried.meeting == second
    assert titles(second) == ["Welcome", "Demands"]
    assert (carried.kind, carried.description, carried.time_box_minutes) == (
        ItemKind.PROPOSAL,
        "What do we ask for?",
        30,
    )
    assert carried.carried_from == demands
    [tabled] = events(published, "agenda.item_tabled")
    assert tabled["data"]["carried_to_meeting_id"] == second.pk
    added = events(published, "agenda.item_added")[-1]
    assert added["data"]["meeting_id"] == second.pk


def test_a_tabled_item_waits_and_is_carried_when_the_next_meeting_is_scheduled(
    first: Meeting, assembly: Group, facilitator: User, published: Published
) -> None:
    demands = first.items.get(title="Demands")
    assert actions.do_table_item(demands) is None
    assert [
        e["data"]["carried_to_meeting_id"] for e in events(published, "agenda.item_tabled")
    ] == [None]
    second = schedule(assembly, facilitator, "Welcome", title="Second", days=8)
    assert titles(second) == ["Welcome", "Demands"]
    third = schedule(assembly, facilitator, title="Third", days=15)
    assert titles(third) == [], "an item is carried once"


def test_the_chain_of_carries_is_kept_on_the_item(
    first: Meeting, assembly: Group, facilitator: User
) -> None:
    second = schedule(assembly, facilitator, title="Second", days=8)
    third = schedule(assembly, facilitator, title="Third", days=15)
    demands = first.items.get(title="Demands")
    in_second = actions.do_table_item(demands)
    assert in_second is not None
    actions.do_open_meeting(second)
    actions.do_start_item(in_second)
    in_third = actions.do_table_item(in_second, "Still no agreement")
    assert in_third is not None
    assert in_third.meeting == third
    history = queries.carry_history(in_third)
    assert [(i.meeting, i.status) for i in history] == [
        (first, ItemStatus.TABLED),
        (second, ItemStatus.TABLED),
    ]


def test_the_item_under_way_can_be_tabled_and_the_meeting_moves_on(
    first: Meeting, assembly: Group, facilitator: User
) -> None:
    actions.do_open_meeting(first)
    demands = actions.do_start_item(first.items.get(title="Demands"))
    actions.do_table_item(demands)
    first.refresh_from_db()
    assert first.current_item is None


def test_an_emergency_meeting_keeps_to_its_own_agenda(
    first: Meeting, assembly: Group, facilitator: User
) -> None:
    actions.do_table_item(first.items.get(title="Demands"))
    emergency = schedule(
        assembly,
        facilitator,
        "Eviction",
        title="Emergency",
        days=2,
        is_emergency=True,
        emergency_reason="An eviction on Friday",
    )
    assert titles(emergency) == ["Eviction"]
    regular = schedule(assembly, facilitator, title="Regular", days=8)
    assert titles(regular) == ["Demands"]


def test_a_cancelled_meeting_passes_its_carried_items_on(
    first: Meeting, assembly: Group, facilitator: User
) -> None:
    second = schedule(assembly, facilitator, title="Second", days=8)
    actions.do_table_item(first.items.get(title="Demands"))
    actions.do_cancel_meeting(second)
    third = schedule(assembly, facilitator, title="Third", days=15)
    assert titles(third) == ["Demands"]
    assert len(queries.carry_history(third.items.get())) == 2


def test_a_finished_item_cannot_be_tabled(first: Meeting) -> None:
    actions.do_open_meeting(first)
    welcome = actions.do_start_item(first.items.get(title="Welcome"))
    actions.do_finish_item(welcome)
    with pytest.raises(ActionError) as refused:
        actions.do_table_item(welcome)
    assert refused.value.status == 409


def test_a_committee_s_meetings_carry_only_among_themselves(
    first: Meeting, committee: Group, facilitator: User, admin: User
) -> None:
    actions.do_table_item(first.items.get(title="Demands"))
    outreach_meeting = schedule(committee, admin, title="Outreach", days=8)
    assert titles(outreach_meeting) == []
