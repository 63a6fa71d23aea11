"""What the three live pages need: the room as it is now (rendered at once, so the page
reads well before the live stream connects) and the script's configuration — the
streams to open, the URLs to post to, and every word it shows, translated."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext as _

from moot.meetings.live import facilitation_stream, meeting_stream
from moot.meetings.models import Meeting
from moot.rooms import queries
from moot.rooms.models import RequestKind

BUTTONS = (
    "join_stack",
    "leave_stack",
    "call_next",
    "end_speech",
    "send_signal",
    "start_circle",
    "circle_done",
    "circle_pass",
    "end_circle",
)


def page_context(request: HttpRequest, meeting: Meeting, view: str) -> dict[str, Any]:
    user = request.user
    can_facilitate = user.has_perm("rooms.facilitate", meeting)
    state = queries.room_state(meeting)
    streams = [meeting_stream(meeting.pk)]
    if view == "facilitator":
        streams.append(facilitation_stream(meeting.pk))
    config = {
        "meeting_id": meeting.pk,
        "me": user.pk if user.is_authenticated else None,
        "view": view,
        "streams": streams,
        "csrf": get_token(request),
        "urls": _urls(meeting.pk),
        "strings": client_strings(),
        # Snapshots are shared by every listener, so their labels are not in each
        # reader's language; the script names kinds and signals from these instead.
        "kind_labels": {kind: str(label) for kind, label in RequestKind.choices},
        "signal_labels": state["signal_labels"],
        "signal_fade_seconds": int(queries.SIGNAL_FADE.total_seconds()),
    }
    return {
        "meeting": meeting,
        "state": state,
        "config": config,
        "can_take_part": user.has_perm("rooms.take_part", meeting),
        "can_facilitate": can_facilitate,
        "request_kinds": [(k, label) for k, label in RequestKind.choices if k != RequestKind.SPEAK],
        "signals": list(state["signal_labels"].items()),
        "here": request.get_full_path(),
    }


def _urls(meeting_id: int) -> dict[str, str]:
    urls = {name: reverse(f"rooms:{name}", args=[meeting_id]) for name in BUTTONS}
    urls["approve"] = reverse("rooms:approve", args=[meeting_id, 0]).replace("/0/", "/{id}/")
    return urls


def client_strings() -> dict[str, str]:
    """Every word room.js shows, in the reader's language."""
    return {
        "nobody_speaking": _("Nobody is speaking."),
        "time_up": _("Time is up"),
        "empty_stack": _("Nobody is waiting."),
        "approved": _("approved to jump"),
        "awaiting": _("waits for approval"),
        "approve": _("Approve"),
        "call": _("Call"),
        "holder": _("holds the talking piece"),
        "spoke": _("spoke"),
        "passed": _("passed"),
        "away": _("stepped out"),
        "done": _("Done"),
        "pass": _("Pass"),
        "circle_done": _("The circle has gone round."),
        "no_circle": _("No circle is going round."),
        "no_signals": _("No signals just now."),
        "reconnecting": _("Reconnecting…"),
        "sent": _("Sent."),
        "failed": _("That did not work. Try again."),
        "approve_named": _("Approve %(name)s"),
        "call_named": _("Call %(name)s"),
        "done_named": _("Done, for %(name)s"),
        "pass_named": _("Pass, for %(name)s"),
    }
