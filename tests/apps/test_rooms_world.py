"""A live meeting for the room tests, and small helpers to read what was published.

The meeting is scheduled, opened and attended through the meetings app's actions; the
room's own behaviour is always driven through its actions, views and API.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import TestCase
from django.utils import timezone

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role
from moot.meetings import actions as meeting_actions
from moot.meetings.actions import ItemDraft
from moot.meetings.models import ItemKind, Meeting
from tests.apps.conftest import make_user


def live_meeting(group: Group, **room_settings: Any) -> Meeting:
    """A meeting of ``group`` in session, its check-in item under way."""
    creator = group.memberships.filter(role=Role.ADMIN).first().user  # type: ignore[union-attr]
    meeting = meeting_actions.do_schedule_meeting(
        creator,
        group,
        title="General assembly",
        starts_at=timezone.now(),
        items=[
            ItemDraft(title="Check-in", kind=ItemKind.CHECK_IN),
            ItemDraft(title="Permits", kind=ItemKind.PROPOSAL),
        ],
    )
    Meeting.objects.filter(pk=meeting.pk).update(**room_settings)
    meeting_actions.do_open_meeting(meeting)
    meeting_actions.do_start_item(meeting.items.first())  # type: ignore[arg-type]
    meeting.refresh_from_db()
    return meeting


def arrive(meeting: Meeting, *people: User) -> None:
    for person in people:
        meeting_actions.do_check_in(person, meeting)


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
