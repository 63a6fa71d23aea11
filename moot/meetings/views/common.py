"""What the meeting pages share: finding a meeting, item or breakout the person may see
(404 otherwise) and may act on (403 otherwise), and answering a form."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.meetings.models import AgendaItem, Breakout, Meeting


def _check(request: HttpRequest, view_perm: str, perm: str, obj: Any) -> None:
    if not request.user.has_perm(view_perm, obj):
        raise Http404
    if perm != view_perm and not request.user.has_perm(perm, obj):
        raise ActionError(_("You may not do this in this meeting."), 403)


def get_meeting_or_404(
    request: HttpRequest, meeting_id: int, perm: str = "meetings.view_meeting"
) -> Meeting:
    meeting = Meeting.objects.select_related("group__parent").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    _check(request, "meetings.view_meeting", perm, meeting)
    return meeting


def get_item_or_404(
    request: HttpRequest, item_id: int, perm: str = "meetings.run_meeting"
) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting__group__parent").filter(pk=item_id).first()
    if item is None:
        raise Http404
    _check(request, "meetings.view_meeting", perm, item.meeting)
    return item


def get_breakout_or_404(
    request: HttpRequest, breakout_id: int, perm: str = "meetings.view_breakout"
) -> Breakout:
    breakout = (
        Breakout.objects.select_related("meeting__group__parent", "item")
        .filter(pk=breakout_id)
        .first()
    )
    if breakout is None:
        raise Http404
    _check(request, "meetings.view_breakout", perm, breakout)
    return breakout


def form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The page with its form; 400 when a sent form did not validate."""
    form = context.get("form")
    invalid = request.method == "POST" and form is not None and not form.is_valid()
    return render(request, template, context, status=400 if invalid else 200)


def invalid(form: Any) -> ActionError:
    """A form that did not validate, as a clear 400 for buttons that post it directly."""
    messages = [str(m) for errors in form.errors.values() for m in errors]
    return ActionError(" ".join(messages) or _("Please check what you sent."), 400)


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user
