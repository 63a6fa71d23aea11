"""Casting a ballot: counted exactly once, never after its round has closed.

The proposal's row is locked first, so the ballot and the close of the round queue one
behind the other: a ballot that arrives after the tally is refused and changes nothing.
Each person has at most one ballot per round, held by a unique constraint rather than a
check-then-insert, so any number of identical submissions at once store one ballot:

- a **named** ballot is inserted, or — if the person already voted — replaced by the new
  choice (people may change their mind until the round closes);
- a **secret** ballot first records that the person took part (a second one is refused
  with 409: a secret ballot cannot be changed, since nothing links it to its voter), then
  adds one to the count of its choice with an ``F()`` increment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.decisions.actions.common import check_open, lock, open_round, publish
from moot.decisions.choices import choice_key, clean_choice
from moot.decisions.models import Ballot, Proposal, Round, SecretCount, SecretParticipation
from moot.groups import queries
from moot.groups.errors import ActionError


@dataclass(frozen=True)
class Receipt:
    """What a voter is told: the ballot is in; how many ballots the round holds."""

    round: int
    ballots: int
    changed: bool  # a named ballot replaced the person's earlier choice


@transaction.atomic
def do_cast_ballot(proposal: Proposal, voter: User, choice: object) -> Receipt:
    lock(proposal)
    current = _round_taking_ballots(proposal)
    if not queries.is_member(voter, proposal.group):
        raise ActionError(
            _("Only members of %(group)s vote on this.") % {"group": proposal.group.name}, 403
        )
    cleaned = clean_choice(proposal, proposal.options.count(), choice)
    if proposal.secret:
        _cast_secret(current, voter, cleaned)
        changed = False
    else:
        changed = _cast_named(current, voter, cleaned)
    current.refresh_from_db(fields=["ballots"])
    publish(proposal, "decision.ballot_cast", {"round": current.number, "ballots": current.ballots})
    return Receipt(current.number, current.ballots, changed)


def _round_taking_ballots(proposal: Proposal) -> Round:
    check_open(proposal)
    now = timezone.now()
    if proposal.opens_at > now:
        raise ActionError(_("The vote has not opened yet."), 409)
    if proposal.closes_at is not None and proposal.closes_at <= now:
        raise ActionError(_("The vote has closed."), 409)
    current = open_round(proposal)
    if current is None:
        raise ActionError(_("No vote is open right now."), 409)
    return current


def _cast_named(current: Round, voter: User, choice: dict[str, object]) -> bool:
    """Insert the ballot, or replace the person's earlier one; True when replaced."""
    try:
        with transaction.atomic():
            Ballot.objects.create(round=current, voter=voter, choice=choice)
    except IntegrityError:
        earlier = Ballot.objects.get(round=current, voter=voter)
        if earlier.choice == choice:
            return False
        Ballot.objects.filter(pk=earlier.pk).update(choice=choice, changed_at=timezone.now())
        return True
    Round.objects.filter(pk=current.pk).update(ballots=F("ballots") + 1)
    return False


def _cast_secret(current: Round, voter: User, choice: dict[str, object]) -> None:
    try:
        with transaction.atomic():
            SecretParticipation.objects.create(round=current, voter=voter)
    except IntegrityError:
        raise ActionError(
            _("You have already voted. A secret ballot cannot be changed."), 409
        ) from None
    _add_to_count(current, choice)
    Round.objects.filter(pk=current.pk).update(ballots=F("ballots") + 1)


def _add_to_count(current: Round, choice: dict[str, object]) -> None:
    key = choice_key(choice)
    counts = SecretCount.objects.filter(round=current, choice_key=key)
    if counts.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SecretCount.objects.create(round=current, choice_key=key, choice=choice, count=1)
    except IntegrityError:  # the same new choice was counted a moment ago
        counts.update(count=F("count") + 1)
