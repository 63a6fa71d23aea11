"""Hand signals: a member sends one of the group's own signals.

Everyone sees the signals counted by kind; the facilitators see who sent each. A signal
counts for ``queries.SIGNAL_FADE`` and then fades. Nobody can flood the room: one
signal of a kind per ``SAME_KIND_GAP`` and ``PER_MINUTE`` signals a minute per person.
"Wrap up" reaches the speaker once ``meeting.wrap_up_threshold`` distinct people (not
the speaker) have sent it during this speech.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.meetings.live import facilitation_stream, publish_meeting_event
from moot.meetings.models import Meeting
from moot.realtime.events import publish_on_commit
from moot.rooms import queries
from moot.rooms.actions.common import lock_live_meeting
from moot.rooms.models import Signal, SpeakingTurn

SAME_KIND_GAP = timedelta(seconds=5)
PER_MINUTE = 10
WRAP_UP = "wrap_up"


@transaction.atomic
def do_send_signal(user: User, meeting: Meeting, key: str) -> Signal:
    meeting = lock_live_meeting(meeting)
    labels = queries.signal_labels(meeting)
    if key not in labels:
        raise ActionError(_("This group has no such hand signal."), 400)
    now = timezone.now()
    _check_rate(user, meeting, key, now)
    turn = queries.current_turn(meeting)
    signal = Signal.objects.create(meeting=meeting, user=user, key=key, sent_at=now, turn=turn)
    expiries = queries.signal_expiries(meeting, key, now).get(key, [])
    publish_meeting_event(meeting, "signals.changed", {"key": key, "expiries": expiries})
    publish_on_commit(
        facilitation_stream(meeting.pk),
        "facilitation.signal",
        {
            "meeting_id": meeting.pk,
            "signal_id": signal.pk,
            "person_id": user.pk,
            "name": user.shown_name,
            "key": key,
            "label": labels[key],
            "sent_at": now,
        },
    )
    if key == WRAP_UP and turn is not None:
        _maybe_wrap_up(meeting, turn, now)
    return signal


def _check_rate(user: User, meeting: Meeting, key: str, now: datetime) -> None:
    mine = Signal.objects.filter(meeting=meeting, user=user)
    if mine.filter(key=key, sent_at__gt=now - SAME_KIND_GAP).exists():
        raise ActionError(_("You sent this signal a moment ago; wait a few seconds."), 429)
    if mine.filter(sent_at__gt=now - timedelta(minutes=1)).count() >= PER_MINUTE:
        raise ActionError(_("You have sent many signals this minute; wait a little."), 429)


def _maybe_wrap_up(meeting: Meeting, turn: SpeakingTurn, now: datetime) -> None:
    """Tell the speaker to wrap up, once per speech, when enough people asked."""
    if turn.wrap_up_at is not None:
        return
    count = queries.wrap_up_senders(turn)
    if count < meeting.wrap_up_threshold:
        return
    turn.wrap_up_at = now
    turn.save(update_fields=["wrap_up_at"])
    publish_meeting_event(
        meeting, "speech.wrap_up", {"turn_id": turn.pk, "person_id": turn.user_id, "count": count}
    )
