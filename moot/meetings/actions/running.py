"""Running the agenda: starting and finishing items while the meeting is in session.

One item is under way at a time: starting an item finishes the one under way. Finishing
a breakout item whose breakout is still open ends the breakout first, so its
report-backs join the agenda.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.meetings.actions.breakouts import close_breakout
from moot.meetings.actions.common import check_live, finish, locked_item, start
from moot.meetings.models import AgendaItem, ItemStatus


@transaction.atomic
def do_start_item(item: AgendaItem) -> AgendaItem:
    locked_item(item)
    meeting = item.meeting
    check_live(meeting)
    if item.status == ItemStatus.ACTIVE:
        raise ActionError(_("This item is already under way."), 409)
    if item.status != ItemStatus.PENDING:
        raise ActionError(_("This item is already done or tabled."), 409)
    now = timezone.now()
    for current in meeting.items.filter(status=ItemStatus.ACTIVE):
        _finish_with_breakout(current, now)
    start(item, now)
    return item


@transaction.atomic
def do_finish_item(item: AgendaItem) -> AgendaItem:
    locked_item(item)
    check_live(item.meeting)
    if item.status != ItemStatus.ACTIVE:
        raise ActionError(_("Only the item under way can be finished."), 409)
    _finish_with_breakout(item, timezone.now())
    item.refresh_from_db()
    return item


def _finish_with_breakout(item: AgendaItem, now: datetime) -> None:
    breakout = item.breakouts.filter(closed_at__isnull=True).first()
    if breakout is not None:
        close_breakout(breakout, now)  # finishes the item too
    else:
        finish(item, now)
