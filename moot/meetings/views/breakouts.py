"""Pages for breakouts: opening one from a breakout item, the breakout page (join
committees, file a report-back, the time left), and ending it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.groups.errors import ActionError
from moot.groups.models import Visibility
from moot.groups.queries import committees_of
from moot.meetings import actions, queries
from moot.meetings.forms import BreakoutForm, JoinForm, ReportBackForm
from moot.meetings.rules import may_report_back
from moot.meetings.views.common import (
    form_page,
    get_breakout_or_404,
    get_item_or_404,
    invalid,
    user_of,
)


@login_required
def open_breakout(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_item_or_404(request, item_id)
    committees = committees_of(item.meeting.group)
    form = BreakoutForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        breakout = actions.do_open_breakout(
            item,
            minutes=form.cleaned_data["minutes"],
            committees=list(form.cleaned_data["committees"]),
        )
        messages.success(request, _("The breakout is open."))
        return redirect("meetings:breakout", breakout_id=breakout.pk)
    context = {
        "form": form,
        "item": item,
        "meeting": item.meeting,
        "default_committees": [c for c in committees if c.visibility != Visibility.COMMITTEE],
    }
    return form_page(request, "meetings/breakout_form.html", context)


def breakout_detail(request: HttpRequest, breakout_id: int) -> HttpResponse:
    breakout = get_breakout_or_404(request, breakout_id)
    actions.do_close_due_breakouts(timezone.now())  # its time may be up
    breakout.refresh_from_db()
    user = request.user
    committees = queries.breakout_committees(breakout)
    mine = queries.seats_of(user, breakout)
    reportable = [c for c in committees if may_report_back(user, breakout, c)]
    seats = queries.seat_counts(breakout)
    seconds = queries.breakout_data(breakout)["seconds_left"]
    context = {
        "breakout": breakout,
        "meeting": breakout.meeting,
        "time_left": _clock(seconds),
        "rows": [
            {"committee": c, "seated": seats.get(c.pk, 0), "mine": c.pk in mine} for c in committees
        ],
        "reports": {r.committee_id: r for r in breakout.report_backs.all()},
        "join_form": JoinForm(committees=committees, initial={"committees": list(mine)}),
        "report_form": ReportBackForm(committees=reportable) if reportable else None,
        "can_join": user.has_perm("meetings.join_breakout", breakout),
        "can_run": user.has_perm("meetings.run_breakout", breakout),
    }
    return render(request, "meetings/breakout.html", context)


@login_required
@require_POST
def join_breakout(request: HttpRequest, breakout_id: int) -> HttpResponse:
    breakout = get_breakout_or_404(request, breakout_id, "meetings.join_breakout")
    form = JoinForm(request.POST, committees=queries.breakout_committees(breakout))
    if not form.is_valid():
        raise invalid(form)
    actions.do_join_breakout(user_of(request), breakout, list(form.cleaned_data["committees"]))
    messages.success(request, _("You joined your committees."))
    return redirect("meetings:breakout", breakout_id=breakout.pk)


@login_required
@require_POST
def file_report_back(request: HttpRequest, breakout_id: int) -> HttpResponse:
    breakout = get_breakout_or_404(request, breakout_id)
    form = ReportBackForm(request.POST, committees=queries.breakout_committees(breakout))
    if not form.is_valid():
        raise invalid(form)
    committee = form.cleaned_data["committee"]
    if not may_report_back(request.user, breakout, committee):
        raise ActionError(_("Only the committee's note-taker files its report-back."), 403)
    actions.do_file_report_back(user_of(request), breakout, committee, form.cleaned_data["text"])
    messages.success(
        request, _("The report-back of %(committee)s is filed.") % {"committee": committee.name}
    )
    return redirect("meetings:breakout", breakout_id=breakout.pk)


@login_required
@require_POST
def close_breakout(request: HttpRequest, breakout_id: int) -> HttpResponse:
    breakout = get_breakout_or_404(request, breakout_id, "meetings.run_breakout")
    if breakout.closed_at is not None:
        raise Http404
    items = actions.do_close_breakout(breakout)
    messages.success(
        request,
        _("The breakout has ended; %(count)d report-backs are on the agenda.")
        % {"count": len(items)},
    )
    return redirect("meetings:detail", meeting_id=breakout.meeting_id)


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"
