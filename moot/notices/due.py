"""What there is to tell people now: each (person, kind, object) a notice could be about.

A proposal opened, a vote closing within a day, an outcome, a meeting called (an
emergency call is its own kind), a role term of yours ending soon. Only what happened in
the last two days counts, so a group that starts using moot is not sent its whole past.
Every candidate passes ``rules.may_hear``; the log of sent notices (``SentNotice``)
decides later whether it was already told.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from moot.accounts.models import User
from moot.decisions.models import Ballot, Mode, Proposal, SecretParticipation, Status
from moot.groups import queries as group_queries
from moot.groups.models import Group
from moot.meetings.models import Meeting, MeetingStatus
from moot.notices.kinds import NoticeKind
from moot.notices.rules import may_hear
from moot.roles.models import Term
from moot.roles.queries import due_role_reminders

LOOKBACK = timedelta(days=2)
CLOSING_SOON = timedelta(hours=24)
Subject = Proposal | Meeting | Term


@dataclass(frozen=True)
class Due:
    person: User
    group: Group
    kind: str
    subject: Subject

    @property
    def ref(self) -> str:
        return ref_of(self.subject)


def ref_of(subject: Subject) -> str:
    return f"{type(subject).__name__.lower()}:{subject.pk}"


def load(ref: str) -> Subject | None:
    """The object a notice's ``ref`` names, or None if it is gone."""
    name, _, pk = ref.partition(":")
    model = {"proposal": Proposal, "meeting": Meeting, "term": Term}.get(name)
    if model is None or not pk.isdigit():
        return None
    related = {"term": ["role__group", "holder"]}.get(name, ["group"])
    return model.objects.select_related(*related).filter(pk=int(pk)).first()  # type: ignore[attr-defined]


def due_notices(now: datetime) -> list[Due]:
    found: list[Due] = []
    found.extend(_proposals_opened(now))
    found.extend(_votes_closing(now))
    found.extend(_outcomes(now))
    found.extend(_meetings_called(now))
    found.extend(_roles_ending(now))
    return found


def _members(group: Group, kind: str, subject: Subject, *, skip: set[int]) -> Iterator[Due]:
    for membership in group_queries.active_members(group):
        person = membership.user
        if person.pk not in skip and person.is_active and may_hear(person, kind, subject):
            yield Due(person, group, kind, subject)


def _proposals_opened(now: datetime) -> Iterator[Due]:
    recent = Proposal.objects.filter(
        status=Status.OPEN, created_at__gte=now - LOOKBACK, opens_at__lte=now
    ).select_related("group")
    for proposal in recent:
        skip = {proposal.author_id} if proposal.author_id else set()
        yield from _members(proposal.group, NoticeKind.PROPOSAL_OPENED, proposal, skip=skip)


def _votes_closing(now: datetime) -> Iterator[Due]:
    closing = Proposal.objects.filter(
        status=Status.OPEN, mode=Mode.ASYNC, closes_at__gt=now, closes_at__lte=now + CLOSING_SOON
    ).select_related("group")
    for proposal in closing:
        yield from _members(
            proposal.group, NoticeKind.VOTE_CLOSING, proposal, skip=_voted(proposal)
        )


def _voted(proposal: Proposal) -> set[int]:
    """Who already voted in the open round: a reminder is for those who have not."""
    open_round = {"round__proposal": proposal, "round__closed_at__isnull": True}
    named = Ballot.objects.filter(**open_round).values_list("voter_id", flat=True)
    secret = SecretParticipation.objects.filter(**open_round).values_list("voter_id", flat=True)
    return set(named) | set(secret)


def _outcomes(now: datetime) -> Iterator[Due]:
    decided = Proposal.objects.filter(
        status=Status.CLOSED, closed_at__gte=now - LOOKBACK
    ).select_related("group")
    for proposal in decided:
        yield from _members(proposal.group, NoticeKind.OUTCOME, proposal, skip=set())


def _meetings_called(now: datetime) -> Iterator[Due]:
    called = Meeting.objects.filter(
        created_at__gte=now - LOOKBACK,
        status__in=(MeetingStatus.SCHEDULED, MeetingStatus.LIVE),
    ).select_related("group")
    for meeting in called:
        kind = NoticeKind.EMERGENCY_CALLED if meeting.is_emergency else NoticeKind.MEETING_CALLED
        skip = {meeting.created_by_id} if meeting.created_by_id else set()
        yield from _members(meeting.group, kind, meeting, skip=skip)


def _roles_ending(now: datetime) -> Iterator[Due]:
    for holder, term, _days in due_role_reminders(now):
        if holder.is_active and may_hear(holder, NoticeKind.ROLE_ENDING, term):
            yield Due(holder, term.role.group, NoticeKind.ROLE_ENDING, term)
