"""The live events of decisions: their schemas, one per event type, and their streams.

Every event of a proposal goes to its group's decision stream, ``decisions:<group_id>``
when the proposal is public, or ``decisions:<group_id>.members`` /
``decisions:<group_id>.committee`` when it is seen only by members (see ``streams.py``):
a listener hears only about proposals they may see.

No event ever names a voter or carries a choice: ``decision.ballot_cast`` says only how
many ballots the round holds, so nobody can tie a person's ballot to a change of the
tally by its timing. Results travel only when a round closes, and not at all for a
secret ballot withheld because too few voted.
"""

from __future__ import annotations

from typing import Any

from moot.groups.models import Visibility
from moot.realtime.events import EventSchema, event_schema


def decision_stream(group_id: int, visibility: str = Visibility.PUBLIC) -> str:
    if visibility == Visibility.PUBLIC:
        return f"decisions:{group_id}"
    return f"decisions:{group_id}.{visibility}"


class ProposalEvent(EventSchema):
    group_id: int
    proposal_id: int


@event_schema("decision.proposal_opened")
class ProposalOpened(ProposalEvent):
    title: str
    kind: str
    mode: str
    phase: str


@event_schema("decision.phase_changed")
class PhaseChanged(ProposalEvent):
    phase: str


@event_schema("decision.contribution_added")
class ContributionAdded(ProposalEvent):
    contribution_id: int
    phase: str
    kind: str
    author: str
    text: str
    answer_to: int | None


@event_schema("decision.amendment_proposed")
class AmendmentProposed(ProposalEvent):
    amendment_id: int
    author: str
    text: str


@event_schema("decision.amendment_decided")
class AmendmentDecided(ProposalEvent):
    amendment_id: int
    accepted: bool
    proposal_text: str


@event_schema("decision.round_opened")
class RoundOpened(ProposalEvent):
    round: int
    stage: int
    phase: str


@event_schema("decision.ballot_cast")
class BallotCast(ProposalEvent):
    round: int
    ballots: int


@event_schema("decision.round_closed")
class RoundClosed(ProposalEvent):
    round: int
    outcome: str
    summary: str
    moves_to_fallback: bool
    result: dict[str, Any] | None


@event_schema("decision.proposal_closed")
class ProposalClosed(ProposalEvent):
    outcome: str
    summary: str
    change_applied: bool


@event_schema("decision.proposal_withdrawn")
class ProposalWithdrawn(ProposalEvent):
    reason: str


@event_schema("decision.minority_report_filed")
class MinorityReportFiled(ProposalEvent):
    report_id: int
    author: str
