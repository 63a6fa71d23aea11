"""Pieces every decisions action shares: locking a proposal, publishing its events,
and the headcount its rule may need.

Every action that changes a proposal first locks its row (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's IMMEDIATE transactions queue writers anyway), so a ballot and the
close of its round can never interleave: a ballot either lands before the tally or is
refused.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from moot.core.rules import DecisionRule, Headcount, rule_from_dict
from moot.decisions.events import decision_stream
from moot.decisions.models import Proposal, Round
from moot.groups import queries
from moot.groups.errors import ActionError
from moot.realtime.events import publish_on_commit


def lock(proposal: Proposal) -> Proposal:
    """Reload ``proposal`` under a row lock and return it."""
    proposal.refresh_from_db(from_queryset=Proposal.objects.select_for_update())
    return proposal


def check_open(proposal: Proposal) -> None:
    if not proposal.is_open:
        raise ActionError(_("This proposal is closed."), 409)


def open_round(proposal: Proposal) -> Round | None:
    return proposal.rounds.filter(closed_at__isnull=True).first()


def rule_of(proposal: Proposal) -> DecisionRule:
    return rule_from_dict(proposal.rule)


def headcount(proposal: Proposal, present: int | None) -> Headcount:
    """Members are counted now; people present come from the caller (the meeting)."""
    if present is not None and (isinstance(present, bool) or present < 0):
        raise ActionError(_("The number of people present cannot be negative."), 400)
    members = queries.active_members(proposal.group).count()
    return Headcount(members=members, present=present, electorate=members)


def publish(proposal: Proposal, event_type: str, payload: dict[str, Any]) -> None:
    stream = decision_stream(proposal.group_id, proposal.visibility)
    publish_on_commit(
        stream, event_type, {"group_id": proposal.group_id, "proposal_id": proposal.pk, **payload}
    )
