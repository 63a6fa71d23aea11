"""Pages for a group's meetings: the list, scheduling and editing, the meeting page,
opening, ending and cancelling it, answers and attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.groups.views import get_group_or_404
from moot.meetings import actions, queries
from moot.meetings.actions import RoomSettings
from moot.meetings.forms import (
    AnswerForm,
    CheckInForm,
    ItemForm,
    MarkPresentForm,
    MeetingForm,
    MeetingSettingsForm,
    TableForm,
)
from moot.meetings.views.common import form_page, get_meeting_or_404, invalid, user_of


def meeting_list(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "meetings.view_meetings")
    upcoming, past = queries.upcoming_and_past(request.user, group)
    context = {
        "group": group,
        "upcoming": upcoming,
        "past": past,
        "can_schedule": request.user.has_perm("meetings.schedule_meeting", group),
    }
    return render(request, "meetings/meeting_list.html", context)


@login_required
def schedule(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "meetings.schedule_meeting")
    form = MeetingForm(request.POST or None, initial={"visibility": group.default_visibility})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "agenda"}
        meeting = actions.do_schedule_meeting(user_of(request), group, items=form.drafts(), **data)
        messages.success(request, _("%(meeting)s is scheduled.") % {"meeting": meeting.title})
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return form_page(request, "meetings/meeting_form.html", {"form": form, "group": group})


@login_required
def edit_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.run_meeting")
    fields = ["title", "starts_at", "location", "visibility", "emergency_reason"]
    fields += ["speaker_seconds", "progressive_stack", "wrap_up_threshold"]
    initial = {f: getattr(meeting, f) for f in fields}
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    form = MeetingSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        given = {f: data.pop(f) for f in fields[-3:]}  # left empty: stays as it is
        room = RoomSettings(
            **{f: getattr(meeting, f) if v is None else v for f, v in given.items()}
        )
        actions.do_update_meeting(meeting, **data, room=room)
        messages.success(request, _("The meeting is saved."))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    context = {"form": form, "group": meeting.group, "meeting": meeting}
    return form_page(request, "meetings/meeting_form.html", context)


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id)
    actions.do_close_due_breakouts(timezone.now())  # a breakout whose time is up has ended
    user = request.user
    can_run = user.has_perm("meetings.run_meeting", meeting)
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "agenda": queries.agenda(meeting),
        "rsvps": queries.rsvp_counts(meeting),
        "my_answer": queries.answer_of(user, meeting),
        "attendance": queries.attendance_counts(meeting),
        "my_attendance": queries.attendance_of(user, meeting),
        "breakout": queries.open_breakout(meeting),
        "can_run": can_run,
        "can_take_part": user.has_perm("meetings.take_part", meeting),
        "check_in_form": CheckInForm(),
        "table_form": TableForm(),
        "mark_form": MarkPresentForm(group=meeting.group) if can_run else None,
        "item_form": ItemForm(group=meeting.group) if can_run else None,
        "present": queries.present_people(meeting) if can_run else [],
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_POST
def open_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.run_meeting")
    actions.do_open_meeting(meeting)
    messages.success(request, _("The meeting is in session."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def end_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.run_meeting")
    actions.do_end_meeting(meeting)
    messages.success(request, _("The meeting has ended."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def cancel_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.run_meeting")
    actions.do_cancel_meeting(meeting)
    messages.success(request, _("The meeting is cancelled."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def answer(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.take_part")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    actions.do_answer(user_of(request), meeting, form.cleaned_data["answer"])
    messages.success(request, _("Your answer is saved."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def check_in(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.take_part")
    form = CheckInForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    actions.do_check_in(user_of(request), meeting, form.cleaned_data["presence"])
    messages.success(request, _("You are checked in."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def check_out(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.take_part")
    actions.do_check_out(user_of(request), meeting)
    messages.success(request, _("You are checked out."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@login_required
@require_POST
def mark_present(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "meetings.run_meeting")
    form = MarkPresentForm(request.POST, group=meeting.group)
    if not form.is_valid():
        raise invalid(form)
    person = form.cleaned_data["person"]
    actions.do_mark_present(meeting, person, form.cleaned_data["presence"])
    messages.success(request, _("%(name)s is present.") % {"name": person.shown_name})
    return redirect("meetings:detail", meeting_id=meeting.pk)
