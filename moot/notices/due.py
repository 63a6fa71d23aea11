"""What there is to tell people now: each (person, kind, object) a notice could be about.

A vote opened between meetings (a proposal made in a meeting is heard in the room), a
vote closing within a day, an outcome, a meeting called (an emergency call is its own
kind), a role term of yours ending soon. Only what happened in
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
    return _Collection(now).everything()


class _Collection:
    """One pass over what is due. It keeps one User object per person, so each person's
    memberships are read once (``groups.queries.roles_of`` keeps them on the object),
    not once per proposal or meeting."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.people: dict[int, User] = {}

    def everything(self) -> list[Due]:
        found: list[Due] = []
        for kind in (
            self.proposals_opened,
            self.votes_closing,
            self.outcomes,
            self.meetings_called,
            self.roles_ending,
        ):
            found.extend(kind())
        return found

    def members(self, group: Group, kind: str, subject: Subject, skip: set[int]) -> Iterator[Due]:
        for membership in group_queries.active_members(group):
            person = self.people.setdefault(membership.user_id, membership.user)
            if person.pk not in skip and person.is_active and may_hear(person, kind, subject):
                yield Due(person, group, kind, subject)

    def proposals_opened(self) -> Iterator[Due]:
        recent = Proposal.objects.filter(
            status=Status.OPEN,
            mode=Mode.ASYNC,
            created_at__gte=self.now - LOOKBACK,
            opens_at__lte=self.now,
        ).select_related("group")
        for proposal in recent:
            skip = {proposal.author_id} if proposal.author_id else set()
            yield from self.members(proposal.group, NoticeKind.PROPOSAL_OPENED, proposal, skip)

    def votes_closing(self) -> Iterator[Due]:
        closing = Proposal.objects.filter(
            status=Status.OPEN,
            mode=Mode.ASYNC,
            closes_at__gt=self.now,
            closes_at__lte=self.now + CLOSING_SOON,
        ).select_related("group")
        for proposal in closing:
            yield from self.members(
                proposal.group, NoticeKind.VOTE_CLOSING, proposal, _voted(proposal)
            )

    def outcomes(self) -> Iterator[Due]:
        decided = Proposal.objects.filter(
            status=Status.CLOSED, closed_at__gte=self.now - LOOKBACK
        ).select_related("group")
        for proposal in decided:
            yield from self.members(proposal.group, NoticeKind.OUTCOME, proposal, set())

    def meetings_called(self) -> Iterator[Due]:
        called = Meeting.objects.filter(
            created_at__gte=self.now - LOOKBACK,
            status__in=(MeetingStatus.SCHEDULED, MeetingStatus.LIVE),
        ).select_related("group")
        for meeting in called:
            emergency = meeting.is_emergency
            kind = NoticeKind.EMERGENCY_CALLED if emergency else NoticeKind.MEETING_CALLED
            skip = {meeting.created_by_id} if meeting.created_by_id else set()
            yield from self.members(meeting.group, kind, meeting, skip)

    def roles_ending(self) -> Iterator[Due]:
        for holder, term, _days in due_role_reminders(self.now):
            if holder.is_active and may_hear(holder, NoticeKind.ROLE_ENDING, term):
                yield Due(holder, term.role.group, NoticeKind.ROLE_ENDING, term)


def _voted(proposal: Proposal) -> set[int]:
    """Who already voted in the open round: a reminder is for those who have not."""
    open_round = {"round__proposal": proposal, "round__closed_at__isnull": True}
    named = Ballot.objects.filter(**open_round).values_list("voter_id", flat=True)
    secret = SecretParticipation.objects.filter(**open_round).values_list("voter_id", flat=True)
    return set(named) | set(secret)
