"""A live meeting for the room tests, and small helpers to read what was published.

The meeting is set up as rows (a meeting in session, people present); the room's own
behaviour is always driven through its actions, views and API.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.test import TestCase
from django.utils import timezone

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group
from moot.meetings.models import AgendaItem, Attendance, ItemKind, Meeting, MeetingStatus
from tests.apps.conftest import make_user


def live_meeting(group: Group, **settings: Any) -> Meeting:
    now = timezone.now()
    return Meeting.objects.create(
        group=group,
        title="General assembly",
        starts_at=now,
        status=MeetingStatus.LIVE,
        opened_at=now,
        **settings,
    )


def arrive(meeting: Meeting, *people: User) -> None:
    start = timezone.now() - timedelta(minutes=10)
    for offset, person in enumerate(people):
        Attendance.objects.create(
            meeting=meeting, user=person, arrived_at=start + timedelta(seconds=offset)
        )


def check_in_item(meeting: Meeting) -> AgendaItem:
    item = AgendaItem.objects.create(meeting=meeting, title="Check-in", kind=ItemKind.CHECK_IN)
    Meeting.objects.filter(pk=meeting.pk).update(current_item=item)
    meeting.current_item = item
    return item


def events(published: list[tuple[str, bytes]], stream: str | None = None) -> list[dict[str, Any]]:
    """The published events (type and data), of one stream or of all."""
    return [json.loads(message) for name, message in published if stream is None or name == stream]


def types(published: list[tuple[str, bytes]]) -> list[str]:
    return [event["type"] for event in events(published)]


def three_members(group: Group) -> list[User]:
    """Three members of the group: Ana, Ben and Cleo."""
    found = []
    for name in ("ana", "ben", "cleo"):
        person = make_user(name)
        group_actions.do_add_member(person, group)
        found.append(person)
    return found


def act(action: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an action and, as its transaction commits, publish its events."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(*args, **kwargs)
