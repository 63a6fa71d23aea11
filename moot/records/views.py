"""Pages of the record: a group's standing agreements, and a meeting's minutes."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from moot.groups.views import get_group_or_404
from moot.meetings.views.common import get_meeting_or_404
from moot.records.minutes import minutes_data, to_markdown
from moot.records.models import Agreement, AgreementVersion


def agreements(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.view_agreements")
    versions = Prefetch("versions", queryset=AgreementVersion.objects.order_by("-number"))
    found = Agreement.objects.filter(group=group).prefetch_related(versions)
    context = {
        "group": group,
        "standing": [a for a in found if a.is_standing],
        "retired": [a for a in found if not a.is_standing],
    }
    return render(request, "records/agreements.html", context)


def minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "records.view_minutes")
    data = minutes_data(meeting)
    return render(request, "records/minutes.html", {**data, "markdown": to_markdown(data)})


def minutes_markdown(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "records.view_minutes")
    response = HttpResponse(
        to_markdown(minutes_data(meeting)), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.md"'
    return response
