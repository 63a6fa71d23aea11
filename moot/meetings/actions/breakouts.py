"""Breakouts: the meeting splits into committees for a while, then hears each report.

Whoever runs the meeting opens a timed breakout from a breakout item (one open breakout
per meeting; a database constraint holds it). By default every committee of the group
takes part, except committees only their own members may see. Participants join one or
more of the breakout's committees. Each committee's report-back (who may file it:
``moot.meetings.rules``) is kept once per committee; filing again replaces the text.
When the breakout ends — someone ends it, or its time is up and
``do_close_due_breakouts`` runs — each report-back becomes a ``report_back`` item right
after the breakout item, in committee order. A report-back filed after the end joins
the agenda at once, after the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.groups.queries import committees_of
from moot.meetings import queries
from moot.meetings.actions.common import (
    ItemDraft,
    check_live,
    check_open,
    create_item,
    finish,
    locked,
    locked_item,
    next_position,
    renumber,
    start,
)
from moot.meetings.live import publish_meeting_event
from moot.meetings.models import (
    AgendaItem,
    Breakout,
    BreakoutSeat,
    ItemKind,
    ItemStatus,
    ReportBack,
)

MINUTES_MAX = 240
REPORT_MAX = 20000


@transaction.atomic
def do_open_breakout(
    item: AgendaItem, *, minutes: int, committees: Sequence[Group] = (), now: datetime | None = None
) -> Breakout:
    """Open a breakout of ``minutes`` from a breakout item, which gets under way."""
    locked_item(item)
    meeting = item.meeting
    check_live(meeting)
    _check_can_open(item, minutes)
    chosen = _breakout_committees(meeting.group, committees)
    now = now or timezone.now()
    if item.status == ItemStatus.PENDING:
        for current in meeting.items.filter(status=ItemStatus.ACTIVE):
            finish(current, now)
        start(item, now)
    breakout = _create(item, now + timedelta(minutes=minutes), now)
    breakout.committees.set(chosen)
    publish_meeting_event(
        meeting,
        "breakout.opened",
        {
            "breakout_id": breakout.pk,
            "item_id": item.pk,
            "ends_at": breakout.ends_at,
            "committees": [{"id": c.pk, "name": c.name} for c in chosen],
        },
    )
    return breakout


@transaction.atomic
def do_join_breakout(
    user: User, breakout: Breakout, committees: Sequence[Group], now: datetime | None = None
) -> list[int]:
    """Seat ``user`` in exactly ``committees`` of the breakout; returns their ids."""
    _locked_open(breakout, now or timezone.now())
    offered = {c.pk for c in breakout.committees.all()}
    chosen = sorted({c.pk for c in committees})
    if not chosen:
        raise ActionError(_("Choose at least one committee."), 400)
    if not set(chosen) <= offered:
        raise ActionError(_("Choose among the committees of this breakout."), 400)
    _reseat(user, breakout, chosen)
    counts = queries.seat_counts(breakout)
    publish_meeting_event(
        breakout.meeting,
        "breakout.joined",
        {
            "breakout_id": breakout.pk,
            "user_id": user.pk,
            "committee_ids": chosen,
            "seats": [{"committee_id": pk, "seated": n} for pk, n in sorted(counts.items())],
        },
    )
    return chosen


@transaction.atomic
def do_file_report_back(user: User, breakout: Breakout, committee: Group, text: str) -> ReportBack:
    locked(breakout.meeting)
    breakout.refresh_from_db()
    check_open(breakout.meeting)
    if not breakout.committees.filter(pk=committee.pk).exists():
        raise ActionError(
            _("%(committee)s is not in this breakout.") % {"committee": committee.name}, 400
        )
    report = _upsert_report(user, breakout, committee, _clean_report(text))
    if breakout.closed_at is not None:
        _place_late_report(breakout, report)
    publish_meeting_event(
        breakout.meeting,
        "breakout.report_back_filed",
        {
            "breakout_id": breakout.pk,
            "report_back_id": report.pk,
            "committee_id": committee.pk,
            "item_id": report.item_id,
        },
    )
    return report


@transaction.atomic
def do_close_breakout(breakout: Breakout, now: datetime | None = None) -> list[AgendaItem]:
    """End the breakout; returns the report-back items it added to the agenda."""
    locked(breakout.meeting)
    breakout.refresh_from_db()
    if breakout.closed_at is not None:
        raise ActionError(_("This breakout has already ended."), 409)
    check_open(breakout.meeting)
    return close_breakout(breakout, now or timezone.now())


def do_close_due_breakouts(now: datetime) -> int:
    """End every open breakout whose time is up; returns how many were ended."""
    closed = 0
    for breakout in queries.due_breakouts(now).select_related("meeting"):
        with transaction.atomic():
            locked(breakout.meeting)
            breakout.refresh_from_db()
            if breakout.closed_at is None:
                close_breakout(breakout, now)
                closed += 1
    return closed


def close_breakout(breakout: Breakout, now: datetime, finish_item: bool = True) -> list[AgendaItem]:
    """End the breakout and put its report-backs on the agenda (checked and locked)."""
    breakout.closed_at = now
    breakout.save(update_fields=["closed_at"])
    by_committee = {r.committee_id: r for r in breakout.report_backs.filter(item__isnull=True)}
    reports = [
        by_committee[c.pk] for c in queries.breakout_committees(breakout) if c.pk in by_committee
    ]
    items = _add_report_items(breakout, reports)
    item = AgendaItem.objects.get(pk=breakout.item_id)
    item.meeting = breakout.meeting
    if finish_item and item.status == ItemStatus.ACTIVE:
        finish(item, now)
    publish_meeting_event(
        breakout.meeting,
        "breakout.closed",
        {
            "breakout_id": breakout.pk,
            "closed_at": now,
            "report_back_item_ids": [i.pk for i in items],
        },
    )
    return items


def _reseat(user: User, breakout: Breakout, chosen: list[int]) -> None:
    seats = BreakoutSeat.objects.filter(breakout=breakout, user=user)
    seats.exclude(committee_id__in=chosen).delete()
    have = set(seats.values_list("committee_id", flat=True))
    new = [BreakoutSeat(breakout=breakout, committee_id=pk, user=user) for pk in chosen]
    BreakoutSeat.objects.bulk_create([seat for seat in new if seat.committee_id not in have])


def _check_can_open(item: AgendaItem, minutes: int) -> None:
    if item.kind != ItemKind.BREAKOUT:
        raise ActionError(_("A breakout opens from a breakout item."), 400)
    if item.status not in (ItemStatus.PENDING, ItemStatus.ACTIVE):
        raise ActionError(_("This item is already done or tabled."), 409)
    if queries.open_breakout(item.meeting) is not None:
        raise ActionError(_("A breakout is already open in this meeting."), 409)
    if not 1 <= minutes <= MINUTES_MAX:
        raise ActionError(
            _("A breakout lasts between 1 and %(max)d minutes.") % {"max": MINUTES_MAX}, 400
        )


def _breakout_committees(group: Group, asked: Sequence[Group]) -> list[Group]:
    tree = committees_of(group)
    if not asked:
        chosen = [c for c in tree if c.visibility != Visibility.COMMITTEE]
        if not chosen:
            raise ActionError(
                _("%(group)s has no committees to break out into.") % {"group": group.name}, 400
            )
        return chosen
    asked_ids = {c.pk for c in asked}
    chosen = [c for c in tree if c.pk in asked_ids]
    if len(chosen) != len(asked_ids):
        raise ActionError(
            _("Choose among the committees of %(group)s.") % {"group": group.name}, 400
        )
    return chosen


def _create(item: AgendaItem, ends_at: datetime, now: datetime) -> Breakout:
    try:
        with transaction.atomic():
            return Breakout.objects.create(
                meeting=item.meeting, item=item, opened_at=now, ends_at=ends_at
            )
    except IntegrityError:  # another breakout opened a moment ago
        raise ActionError(_("A breakout is already open in this meeting."), 409) from None


def _locked_open(breakout: Breakout, now: datetime) -> None:
    locked(breakout.meeting)
    breakout.refresh_from_db()
    check_live(breakout.meeting)
    if breakout.closed_at is not None or breakout.ends_at <= now:
        raise ActionError(_("This breakout is over."), 409)


def _clean_report(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Please write the report-back."), 400)
    if len(text) > REPORT_MAX:
        raise ActionError(
            _("A report-back can have at most %(max)d characters.") % {"max": REPORT_MAX}, 400
        )
    return text


def _upsert_report(user: User, breakout: Breakout, committee: Group, text: str) -> ReportBack:
    report, _created = ReportBack.objects.update_or_create(
        breakout=breakout,
        committee=committee,
        defaults={
            "meeting": breakout.meeting,
            "author": user,
            "text": text,
            "filed_at": timezone.now(),
        },
    )
    return report


def _add_report_items(breakout: Breakout, reports: list[ReportBack]) -> list[AgendaItem]:
    """Add one item per report right after the breakout item and its earlier reports."""
    meeting = breakout.meeting
    order = queries.agenda_order(meeting)
    earlier = set(
        breakout.report_backs.filter(item__isnull=False).values_list("item_id", flat=True)
    )
    after = order.index(breakout.item_id)
    while after + 1 < len(order) and order[after + 1] in earlier:
        after += 1
    items = [_report_item(report) for report in reports]
    order[after + 1 : after + 1] = [i.pk for i in items]
    renumber(meeting, order)
    for item in items:
        item.refresh_from_db(fields=["position"])
        publish_meeting_event(meeting, "agenda.item_added", {"item": queries.item_data(item)})
    return items


def _report_item(report: ReportBack) -> AgendaItem:
    title = _("Report-back: %(committee)s") % {"committee": report.committee.name}
    draft = ItemDraft(
        title=title[:200],
        kind=ItemKind.REPORT_BACK,
        description=report.text,
        committee=report.committee,
    )
    item = create_item(report.meeting, draft, next_position(report.meeting))
    report.item = item
    report.save(update_fields=["item"])
    return item


def _place_late_report(breakout: Breakout, report: ReportBack) -> None:
    if report.item_id is None:
        _add_report_items(breakout, [report])
        return
    item = AgendaItem.objects.get(pk=report.item_id)
    if item.status == ItemStatus.PENDING:
        item.description = report.text
        item.save(update_fields=["description"])
        publish_meeting_event(
            breakout.meeting, "agenda.item_updated", {"item": queries.item_data(item)}
        )
