"""Pages for notices: what reaches a person from each group, and the calendar feeds.

Each view parses input, checks permission and calls one action. A group the person may
not see answers 404; a calendar link that is unknown or revoked answers 404 too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.accounts.models import User, hash_token
from moot.accounts.usage import record_use
from moot.groups.models import Group
from moot.groups.queries import active_memberships
from moot.groups.views import get_group_or_404
from moot.notices import actions, calendar, queries
from moot.notices.forms import NoticeChoicesForm
from moot.notices.models import CalendarFeed

ICS = "text/calendar; charset=utf-8"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The person's groups, each with its notice settings and calendar, and their
    private calendar link."""
    return _overview_page(request, None)


def _overview_page(request: HttpRequest, feed_url: str | None) -> HttpResponse:
    person = _user(request)
    ids = active_memberships(person).values("group_id")
    context = {
        "groups": Group.objects.filter(pk__in=ids).select_related("parent"),
        "has_feed": CalendarFeed.objects.filter(person=person).exists(),
        "feed_url": feed_url,
    }
    return render(request, "notices/overview.html", context)


@login_required
def group_settings(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "notices.change_settings")
    person = _user(request)
    form = NoticeChoicesForm(request.POST or None, choices=queries.choices_for(person, group))
    if request.method == "POST" and form.is_valid():
        actions.do_save_choices(person, group, form.wanted())
        messages.success(request, _("Your notice settings are saved."))
        return redirect("notices:settings", group_id=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "notices/settings.html", {"group": group, "form": form}, status=status)


@login_required
@require_POST
def create_feed(request: HttpRequest) -> HttpResponse:
    raw = actions.do_create_calendar_feed(_user(request))
    url = request.build_absolute_uri(reverse("notices:personal_calendar", args=[raw]))
    return _overview_page(request, url)  # the link is shown this once, never stored


@login_required
@require_POST
def revoke_feeds(request: HttpRequest) -> HttpResponse:
    actions.do_revoke_calendar_feeds(_user(request))
    messages.success(request, _("Your private calendar link no longer works."))
    return redirect("notices:overview")


def group_calendar(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "notices.view_group_calendar")
    return HttpResponse(calendar.group_calendar(group), content_type=ICS)


def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("person").filter(digest=hash_token(token)).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    record_use(feed, feed.last_used_at)
    return HttpResponse(calendar.personal_calendar(feed.person), content_type=ICS)
