"""The live room's pages (participant, facilitator, projector) and the buttons on them.

Each button view parses its input, checks permission and calls one action. A meeting
the person may not see answers 404, and so does acting in a meeting of a group one is
not in; a member pressing a facilitator's button answers 403. The pages' script posts
with ``Accept: application/json`` and gets 204 (the room then updates from the live
stream) or the error as JSON; without the script, a button posts the form and comes
back to the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.meetings.models import Meeting
from moot.rooms import actions
from moot.rooms.models import RequestKind
from moot.rooms.pages import page_context

View = Callable[..., HttpResponse]
Button = Callable[..., None]


def get_meeting_or_404(request: HttpRequest, meeting_id: int, perm: str) -> Meeting:
    """The meeting, if the person may see it and hold ``perm`` in it.

    Unseen, or acting in a group one is not in: 404. Seen and taking part, but not
    allowed this: 403.
    """
    meeting = Meeting.objects.select_related("group", "current_item").filter(pk=meeting_id).first()
    user = request.user
    if meeting is None or not user.has_perm("rooms.view_room", meeting):
        raise Http404
    if perm == "rooms.view_room" or user.has_perm(perm, meeting):
        return meeting
    if not user.has_perm("rooms.take_part", meeting):
        raise Http404  # acting in a meeting of a group one is not in
    raise ActionError(_("Only the facilitators may do this."), 403)


def room_button(view: Button) -> View:
    """A POST-only, signed-in button: 204 or a JSON error for the page's script, a
    redirect back (or the error page) for a plain form."""

    @wraps(view)
    def wrapper(request: HttpRequest, meeting_id: int, **ids: int) -> HttpResponse:
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            view(request, meeting_id, **ids)
        except Http404:
            if wants_json:
                return JsonResponse(
                    {"detail": _("There is nothing here, or you may not see it.")}, status=404
                )
            raise
        except ActionError as error:
            if wants_json:
                return JsonResponse({"detail": error.message}, status=error.status)
            raise
        if wants_json:
            return HttpResponse(status=204)
        return _back(request, meeting_id)

    return login_required(require_POST(wrapper))


def _back(request: HttpRequest, meeting_id: int) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("rooms:participant", args=[meeting_id])
    return redirect(target)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _int_field(request: HttpRequest, name: str, required: bool = True) -> int | None:
    raw = request.POST.get(name, "").strip()
    if not raw and not required:
        return None
    if not raw.isdigit():
        raise ActionError(_("Say which one, by its number."), 400)
    return int(raw)


def _kind(request: HttpRequest, default: str | None) -> str | None:
    kind = request.POST.get("kind", "").strip() or default
    if kind is not None and kind not in RequestKind.values:
        raise ActionError(_("Unknown kind of request."), 400)
    return kind


# --- pages -----------------------------------------------------------------------------


def participant(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.view_room")
    context = page_context(request, meeting, "participant")
    return render(request, "rooms/participant.html", context)


@login_required
def facilitate(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    context = page_context(request, meeting, "facilitator")
    return render(request, "rooms/facilitator.html", context)


def projector(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.view_room")
    context = page_context(request, meeting, "projector")
    return render(request, "rooms/projector.html", context)


# --- buttons ---------------------------------------------------------------------------


@room_button
def join_stack(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    kind = _kind(request, RequestKind.SPEAK)
    assert kind is not None
    actions.do_join_stack(_user(request), meeting, kind)


@room_button
def leave_stack(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    actions.do_leave_stack(_user(request), meeting, _kind(request, None))


@room_button
def approve(request: HttpRequest, meeting_id: int, entry_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    actions.do_approve_jump(meeting, entry_id)


@room_button
def call_next(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    actions.do_call_next(meeting, _int_field(request, "entry", required=False))


@room_button
def end_speech(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.end_speech")
    actions.do_end_speech(meeting)


@room_button
def send_signal(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    actions.do_send_signal(_user(request), meeting, request.POST.get("key", "").strip())


@room_button
def start_circle(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    actions.do_start_circle(meeting)


@room_button
def circle_done(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    actions.do_speak_in_circle(meeting, _circle_person(request, meeting))


@room_button
def circle_pass(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.take_part")
    actions.do_pass_in_circle(meeting, _circle_person(request, meeting))


@room_button
def end_circle(request: HttpRequest, meeting_id: int) -> None:
    meeting = get_meeting_or_404(request, meeting_id, "rooms.facilitate")
    actions.do_end_circle(meeting)


def _circle_person(request: HttpRequest, meeting: Meeting) -> int:
    """Whose turn it is: a facilitator may name the holder; anyone else speaks for
    themself (the action refuses anyone but the holder)."""
    if request.user.has_perm("rooms.facilitate", meeting) and request.POST.get("person"):
        person = _int_field(request, "person")
        assert person is not None
        return person
    return _user(request).pk
