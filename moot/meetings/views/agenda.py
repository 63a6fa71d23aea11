"""Pages for the agenda: adding, editing, moving and removing items, and running them
(start, finish, table). Asked by htmx from the agenda, they answer the agenda itself;
otherwise they go back to the meeting page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.meetings import actions, queries
from moot.meetings.forms import ItemForm, MoveForm, TableForm
from moot.meetings.models import Meeting
from moot.meetings.views.common import form_page, get_item_or_404, get_meeting_or_404, invalid


def _agenda_answer(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    meeting.refresh_from_db()
    if request.htmx:  # type: ignore[attr-defined]
        context = {
            "meeting": meeting,
            "agenda": queries.agenda(meeting),
            "can_run": True,
            "table_form": TableForm(),
            "notice": message,
        }
        return render(request, "meetings/_agenda.html", context)
    messages.success(request, message)
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def add_item(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.run_meeting")
    form = ItemForm(request.POST, group=meeting.group)
    if not form.is_valid():
        raise invalid(form)
    item = actions.do_add_item(meeting, form.draft())
    return _agenda_answer(request, meeting, _("%(item)s is added.") % {"item": item.title})


@login_required
def edit_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    fields = ["title", "kind", "time_box_minutes", "description", "committee"]
    form = ItemForm(
        request.POST or None,
        group=item.meeting.group,
        initial={f: getattr(item, f) for f in fields},
    )
    if request.method == "POST" and form.is_valid():
        actions.do_update_item(item, **form.cleaned_data)
        messages.success(request, _("The item is saved."))
        return redirect("meetings:detail", meeting_id=item.meeting_id)
    context = {"form": form, "item": item, "meeting": item.meeting}
    return form_page(request, "meetings/item_form.html", context)


@login_required
@require_POST
def move_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    actions.do_move_item(item, form.cleaned_data["position"])
    return _agenda_answer(request, item.meeting, _("%(item)s is moved.") % {"item": item.title})


@login_required
@require_POST
def remove_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    title = item.title
    actions.do_remove_item(item)
    return _agenda_answer(request, item.meeting, _("%(item)s is removed.") % {"item": title})


@login_required
@require_POST
def start_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    actions.do_start_item(item)
    return _agenda_answer(request, item.meeting, _("Now: %(item)s") % {"item": item.title})


@login_required
@require_POST
def finish_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    actions.do_finish_item(item)
    return _agenda_answer(request, item.meeting, _("%(item)s is done.") % {"item": item.title})


@login_required
@require_POST
def table_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    form = TableForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    carried = actions.do_table_item(item, form.cleaned_data["reason"])
    if carried is not None:
        message = _("%(item)s is tabled to %(meeting)s.") % {
            "item": item.title,
            "meeting": carried.meeting.title,
        }
    else:
        message = _("%(item)s is tabled to the next meeting.") % {"item": item.title}
    return _agenda_answer(request, item.meeting, message)
