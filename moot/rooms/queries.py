"""Reading the live room: the stack in call order, the speech under way, recent hand
signals, the circle, the speaking record, and the whole room as one snapshot.

The call order is ``moot.core.stack.order_stack`` fed with this meeting's speaking
record (turns and seconds per person, counting only speeches actually given). A hand
signal counts for ``SIGNAL_FADE`` after it is sent, once per person and kind.

The room shows the proposal its item under way decides, if everyone who may see the
meeting may see the proposal; while a round is open it shows how many have voted, and
each round's count once it has closed (see ``moot.decisions.queries``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.core import stack
from moot.core.rules import rule_from_dict
from moot.decisions import queries as decision_queries
from moot.decisions.models import Mode, Proposal, Round, Status
from moot.groups.constitution import signal_label
from moot.groups.models import Visibility
from moot.meetings import queries as meeting_queries
from moot.meetings.models import Meeting
from moot.rooms.models import RoomCircle, Signal, SpeakingTurn, StackEntry, TurnOutcome

SIGNAL_FADE = timedelta(seconds=20)


def waiting_entries(meeting: Meeting) -> list[StackEntry]:
    return list(
        StackEntry.objects.filter(meeting=meeting, closed_at__isnull=True).select_related("user")
    )


def spoken_record(meeting: Meeting) -> tuple[dict[int, int], dict[int, int]]:
    """(turns spoken, seconds spoken) per person in this meeting; passes do not count,
    the speech under way counts as a turn."""
    rows = (
        SpeakingTurn.objects.filter(
            meeting=meeting, outcome__in=(TurnOutcome.SPOKE, TurnOutcome.SPEAKING)
        )
        .values("user_id")
        .annotate(turns=Count("id"), seconds=Sum("seconds"))
    )
    counts = {row["user_id"]: row["turns"] for row in rows}
    seconds = {row["user_id"]: row["seconds"] or 0 for row in rows}
    return counts, seconds


def stack_in_order(meeting: Meeting) -> list[StackEntry]:
    """The waiting entries in the order the facilitator calls them."""
    entries = {entry.joined_seq: entry for entry in waiting_entries(meeting)}
    counts, seconds = spoken_record(meeting)
    ordered = stack.order_stack(
        (_core_entry(entry) for entry in entries.values()),
        progressive=meeting.progressive_stack,
        spoken_count=counts,
        spoken_seconds=seconds,
    )
    return [entries[core.joined_seq] for core in ordered]


def _core_entry(entry: StackEntry) -> stack.StackEntry:
    return stack.StackEntry(
        person_id=entry.user_id,
        kind=stack.EntryKind(entry.kind),
        joined_seq=entry.joined_seq,
        approved_jump=entry.approved,
    )


def order_ids(meeting: Meeting) -> list[int]:
    return [entry.pk for entry in stack_in_order(meeting)]


def current_turn(meeting: Meeting) -> SpeakingTurn | None:
    return (
        SpeakingTurn.objects.filter(meeting=meeting, ended_at__isnull=True)
        .select_related("user")
        .first()
    )


def open_circle(meeting: Meeting) -> RoomCircle | None:
    return RoomCircle.objects.filter(meeting=meeting, ended_at__isnull=True).first()


def present_in_arrival_order(meeting: Meeting) -> list[int]:
    """Who is in the meeting now, in the order they arrived (a circle's seating)."""
    rows = meeting_queries.present_attendance(meeting).order_by("arrived_at", "id")
    return list(rows.values_list("user_id", flat=True))


def signal_labels(meeting: Meeting) -> dict[str, str]:
    """The group's own hand signals, key → label, in the group's order."""
    return {signal["key"]: signal_label(signal) for signal in meeting.group.hand_signals}


def signal_expiries(
    meeting: Meeting, key: str | None = None, now: datetime | None = None
) -> dict[str, list[datetime]]:
    """Per signal kind, when each recent distinct sender's latest signal fades."""
    since = (now or timezone.now()) - SIGNAL_FADE
    rows = Signal.objects.filter(meeting=meeting, sent_at__gt=since)
    if key is not None:
        rows = rows.filter(key=key)
    latest = rows.values("key", "user_id").annotate(last=Max("sent_at")).order_by()
    expiries: dict[str, list[datetime]] = defaultdict(list)
    for row in latest:
        expiries[row["key"]].append(row["last"] + SIGNAL_FADE)
    return {kind: sorted(times) for kind, times in expiries.items()}


def recent_signals(meeting: Meeting, now: datetime | None = None) -> list[Signal]:
    since = (now or timezone.now()) - SIGNAL_FADE
    rows = Signal.objects.filter(meeting=meeting, sent_at__gt=since).select_related("user")
    return list(rows.order_by("sent_at", "id"))


def wrap_up_senders(turn: SpeakingTurn) -> int:
    """How many distinct people (not the speaker) asked this speech to wrap up."""
    senders = turn.signals.filter(key="wrap_up").exclude(user_id=turn.user_id)
    return senders.values("user_id").distinct().count()


@dataclass(frozen=True)
class Speaker:
    person_id: int
    name: str
    turns: int
    seconds: int
    first_spoke_at: datetime


def speakers_in_order(meeting: Meeting) -> list[Speaker]:
    """Everyone who spoke in the meeting, in the order they first spoke, with their
    number of speeches and seconds spoken (passes in a circle do not count)."""
    rows = (
        SpeakingTurn.objects.filter(meeting=meeting, outcome=TurnOutcome.SPOKE)
        .values("user_id")
        .annotate(turns=Count("id"), seconds=Sum("seconds"), first=Min("started_at"))
        .order_by("first", "user_id")
    )
    names = _names([row["user_id"] for row in rows])
    return [
        Speaker(
            row["user_id"], names[row["user_id"]], row["turns"], row["seconds"] or 0, row["first"]
        )
        for row in rows
    ]


def _names(person_ids: list[int]) -> dict[int, str]:
    from moot.accounts.models import User

    return {user.pk: user.shown_name for user in User.objects.filter(pk__in=person_ids)}


# --- payloads: what events and snapshots say about entries, speeches and circles ------


def entry_data(entry: StackEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "person_id": entry.user_id,
        "name": entry.user.shown_name,
        "kind": entry.kind,
        "kind_label": str(entry.get_kind_display()),
        "approved": entry.approved,
    }


def turn_data(turn: SpeakingTurn) -> dict[str, Any]:
    return {
        "id": turn.pk,
        "person_id": turn.user_id,
        "name": turn.user.shown_name,
        "source": turn.source,
        "kind": turn.kind,
        "kind_label": str(turn.get_kind_display()),
        "started_at": turn.started_at,
        "ends_at": turn.ends_at,
    }


def circle_data(room_circle: RoomCircle) -> dict[str, Any]:
    circle = room_circle.circle
    turns = {person: turn.value for person, turn in circle.turns}
    names = _names(list(circle.order))
    seats = [
        {
            "person_id": p,
            "name": names.get(p, "?"),
            "turn": turns.get(p, ""),
            "away": p in circle.away,
        }
        for p in circle.order
    ]
    return {
        "id": room_circle.pk,
        "round": circle.round,
        "holder_id": circle.holder,
        "seats": seats,
        "complete": circle.is_complete,
    }


def current_item_data(meeting: Meeting) -> dict[str, Any] | None:
    item = meeting.current_item
    if item is None:
        return None
    return {
        "id": item.pk,
        "title": item.title,
        "kind": item.kind,
        "kind_label": str(item.get_kind_display()),
    }


def room_state(meeting: Meeting) -> dict[str, Any]:
    """The whole room as one JSON-ready snapshot, at ``meeting.version``."""
    meeting.refresh_from_db()
    turn = current_turn(meeting)
    room_circle = open_circle(meeting)
    return {
        "meeting_id": meeting.pk,
        "version": meeting.version,
        "server_now": timezone.now().isoformat(),
        "meeting": meeting_queries.meeting_state(meeting),
        "current_item": current_item_data(meeting),
        "speaker_seconds": meeting.speaker_seconds,
        "stack": [entry_data(entry) for entry in stack_in_order(meeting)],
        "speaker": None
        if turn is None
        else {
            **_jsonable(turn_data(turn)),
            "wrap_up": turn.wrap_up_at is not None,
        },
        "signals": {
            key: [t.isoformat() for t in times] for key, times in signal_expiries(meeting).items()
        },
        "signal_labels": signal_labels(meeting),
        "circle": None if room_circle is None else circle_data(room_circle),
        "proposal": _current_proposal_data(meeting),
    }


# --- the proposal on the item under way ---------------------------------------------------

# From the most open to the most closed: the room shows a proposal no more closed than
# the meeting, so nobody watching the room sees a proposal they could not open.
OPENNESS = (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.COMMITTEE)


def room_proposal(meeting: Meeting) -> Proposal | None:
    """The proposal the item under way decides, if the whole room may see it."""
    item = meeting.current_item
    if item is None or item.proposal_id is None:
        return None
    proposal = Proposal.objects.select_related("group").filter(pk=item.proposal_id).first()
    if proposal is None:
        return None
    if OPENNESS.index(Visibility(proposal.visibility)) > OPENNESS.index(
        Visibility(meeting.visibility)
    ):
        return None
    return proposal


def _current_proposal_data(meeting: Meeting) -> dict[str, Any] | None:
    proposal = room_proposal(meeting)
    if proposal is None or meeting.current_item_id is None:
        return None
    return proposal_data(proposal, meeting.current_item_id)


def proposal_data(proposal: Proposal, item_id: int) -> dict[str, Any]:
    """The whole proposal as the room shows it (``events.ProposalData``)."""
    rounds = list(proposal.rounds.all())
    current = next((r for r in rounds if r.is_open), None)
    return {
        "id": proposal.pk,
        "item_id": item_id,
        "title": proposal.title,
        "text": proposal.text,
        "author_id": proposal.author_id,
        "secret": proposal.secret,
        "rule": decision_queries.rule_sentence(proposal),
        "phase": proposal.phase,
        "status": proposal.status,
        "outcome": proposal.outcome,
        "summary": proposal.summary,
        "blocks_so_far": proposal.blocks_so_far,
        "next": next_stage(proposal, current),
        "round": None if current is None else open_round_data(current),
        "rounds": [closed_round_data(r) for r in rounds if not r.is_open],
        "contributions": [
            contribution_data(c) for c in proposal.contributions.select_related("author")
        ],
        "amendments": [amendment_data(a) for a in proposal.amendments.select_related("author")],
    }


def next_stage(proposal: Proposal, current: Round | None = None) -> dict[str, Any]:
    """The stage of the rule that decides the open round, or else the next one."""
    rule = rule_from_dict(proposal.rule)
    stage = current.stage if current is not None else rule.stage_for(proposal.blocks_so_far)
    return {"stage": stage, "fallback": stage > 0, "rule": rule.stages[stage].phrase(_)}


def open_round_data(current: Round) -> dict[str, Any]:
    return {"number": current.number, "stage": current.stage, "ballots": current.ballots}


def closed_round_data(closed: Round) -> dict[str, Any]:
    result = closed.result or {}
    return {
        "number": closed.number,
        "stage": closed.stage,
        "outcome": closed.outcome,
        "summary": closed.summary,
        "counts": result.get("counts"),
        "blocks": result.get("blocks", []),
        "stand_asides": result.get("stand_asides", []),
    }


def contribution_data(contribution: Any) -> dict[str, Any]:
    author = contribution.author
    return {
        "id": contribution.pk,
        "phase": contribution.phase,
        "kind": contribution.kind,
        "author": author.shown_name if author else None,
        "text": contribution.text,
    }


def amendment_data(amendment: Any) -> dict[str, Any]:
    author = amendment.author
    return {
        "id": amendment.pk,
        "author": author.shown_name if author else None,
        "text": amendment.text,
        "reason": amendment.reason,
        "status": amendment.status,
    }


def facilitation_state(meeting: Meeting) -> dict[str, Any]:
    """What only the facilitators see: each recent signal with who sent it."""
    labels = signal_labels(meeting)
    return {
        "meeting_id": meeting.pk,
        "signals": [
            {
                "signal_id": s.pk,
                "person_id": s.user_id,
                "name": s.user.shown_name,
                "key": s.key,
                "label": labels.get(s.key, s.key),
                "sent_at": s.sent_at.isoformat(),
            }
            for s in recent_signals(meeting)
        ],
    }


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}


def waiting_proposals(group_id: int) -> list[Proposal]:
    """Open proposals of the group made for a meeting and on no agenda item yet."""
    return list(
        Proposal.objects.filter(
            group_id=group_id, status=Status.OPEN, mode=Mode.LIVE, agenda_items__isnull=True
        ).order_by("created_at", "id")
    )
