"""API endpoints for notices: what reaches the caller from a group, and calendar feeds.

The same permissions as the pages (``moot.notices.rules``) and the same actions. A group
the caller may not see answers 404; choosing notices in a group one does not belong to
answers 403. A group's calendar is iCalendar text and holds only what is public.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Status
from pydantic import BaseModel, Field

from moot.accounts.models import User
from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS
from moot.api.common import request_group as _group
from moot.api.common import request_user as _user
from moot.groups.models import Group
from moot.notices import actions, calendar, queries

router = Router(tags=["notices"])


class ChoiceIn(BaseModel):
    kind: str = Field(max_length=30)
    enabled: bool = True
    delivery: str = Field(max_length=20)


class ChoiceOut(BaseModel):
    kind: str
    label: str
    enabled: bool
    delivery: str
    always_on: bool


class FeedOut(BaseModel):
    url: str


class RevokedOut(BaseModel):
    revoked: int


def _choices(person: User, group: Group) -> list[ChoiceOut]:
    return [
        ChoiceOut(
            kind=c.kind,
            label=c.label,
            enabled=c.enabled,
            delivery=c.delivery,
            always_on=c.always_on,
        )
        for c in queries.choices_for(person, group)
    ]


@router.get(
    "/groups/{group_id}/notices", auth=TokenAuth(), response={200: list[ChoiceOut], **ERRORS}
)
def get_notices(request: HttpRequest, group_id: int) -> list[ChoiceOut]:
    """What reaches the caller from the group: each kind, on or off, at once or in the digest."""
    group = _group(request, group_id, "notices.change_settings")
    return _choices(_user(request), group)


@router.put(
    "/groups/{group_id}/notices", auth=TokenAuth(), response={200: list[ChoiceOut], **ERRORS}
)
def put_notices(request: HttpRequest, group_id: int, payload: list[ChoiceIn]) -> list[ChoiceOut]:
    """Change some kinds; kinds not sent keep their setting."""
    group = _group(request, group_id, "notices.change_settings")
    wanted = {c.kind: (c.enabled, c.delivery) for c in payload[:20]}
    actions.do_save_choices(_user(request), group, wanted)
    return _choices(_user(request), group)


@router.get("/groups/{group_id}/calendar.ics", response={200: None, **ERRORS})
def group_calendar(request: HttpRequest, group_id: int) -> HttpResponse:
    """The group's public meetings and vote deadlines as iCalendar (RFC 5545)."""
    optional_user(request)
    group = _group(request, group_id, "notices.view_group_calendar")
    return HttpResponse(calendar.group_calendar(group), content_type="text/calendar; charset=utf-8")


@router.post("/me/calendar-feed", auth=TokenAuth(), response={201: FeedOut, **ERRORS})
def create_feed(request: HttpRequest) -> Status[FeedOut]:
    """A new private calendar link (shown this once); the previous link stops working."""
    raw = actions.do_create_calendar_feed(_user(request))
    url = request.build_absolute_uri(reverse("notices:personal_calendar", args=[raw]))
    return Status(201, FeedOut(url=url))


@router.delete("/me/calendar-feed", auth=TokenAuth(), response={200: RevokedOut, **ERRORS})
def revoke_feed(request: HttpRequest) -> RevokedOut:
    """End the caller's private calendar link."""
    return RevokedOut(revoked=actions.do_revoke_calendar_feeds(_user(request)))
