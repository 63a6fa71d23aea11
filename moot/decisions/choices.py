"""What a ballot may say for each kind of proposal, and how a round's ballots are counted.

A choice is a small dict: ``{"position": "block", "reason": "…"}`` for a proposal,
``{"option": 2}`` for a poll, ``{"options": [0, 2]}`` for approval and meeting-time
polls, ``{"scores": [5, 0, 3]}`` for score votes, ``{"dots": [2, 0, 1]}`` for dot votes and
``{"ranking": [2, 0]}`` (most preferred first) for ranked choice and elections. Options
are numbered from 0 in the order the proposal lists them. ``clean_choice`` accepts only
a well-formed choice and returns it in one canonical form, so two identical choices have
the same ``choice_key`` — the key secret counts are kept under.

Counting reads (choice, how many) pairs — one per named ballot, or one per secret count —
so named and secret rounds are counted by the same code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from moot.core.ballots import Profile
from moot.core.methods import METHODS, ApprovalBallots, DotBallots, ScoreBallots
from moot.core.results import ElectionResult
from moot.core.rules import Position, Tally
from moot.decisions.models import Kind, Proposal
from moot.groups.errors import ActionError

Weighted = Iterable[tuple[dict[str, Any], int]]
REASON_MAX = 1000

RANKED_METHODS = ("irv", "schulze", "ranked-pairs", "borda")
ELECTION_METHODS = ("stv-scottish", "stv-wigm", "stv-meek")
DEFAULT_METHOD = {Kind.RANKED: "irv", Kind.ELECTION: "stv-scottish"}


def choice_key(choice: dict[str, Any]) -> str:
    """The same key for the same choice, whatever order its fields were written in."""
    canonical = json.dumps(choice, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def clean_choice(proposal: Proposal, options: int, raw: object) -> dict[str, Any]:
    """The choice in canonical form, or ``ActionError`` (400) saying what is wrong."""
    if not isinstance(raw, dict):
        raise _bad(_("A ballot must say what you choose."))
    cleaners = {
        Kind.PROPOSAL: _clean_position,
        Kind.POLL: _clean_one_option,
        Kind.APPROVAL: _clean_options,
        Kind.TIME_POLL: _clean_options,
        Kind.SCORE: _clean_scores,
        Kind.DOTS: _clean_dots,
        Kind.RANKED: _clean_ranking,
        Kind.ELECTION: _clean_ranking,
    }
    return cleaners[Kind(proposal.kind)](proposal, options, raw)


def _bad(message: str) -> ActionError:
    return ActionError(message, 400)


def _clean_position(proposal: Proposal, options: int, raw: dict[str, Any]) -> dict[str, Any]:
    try:
        position = Position(raw.get("position"))
    except ValueError:
        raise _bad(_("Choose agree, disagree, abstain, stand aside or block.")) from None
    reason = raw.get("reason") or ""
    if not isinstance(reason, str) or len(reason) > REASON_MAX:
        raise _bad(_("A reason can have at most %(max)d characters.") % {"max": REASON_MAX})
    reason = reason.strip()
    if position is Position.BLOCK and not reason:
        raise _bad(_("A block must give its reason."))
    choice: dict[str, Any] = {"position": position.value}
    if reason:
        choice["reason"] = reason
    return choice


def _index(value: object, options: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < options:
        raise _bad(_("That option is not on this ballot."))
    return value


def _clean_one_option(proposal: Proposal, options: int, raw: dict[str, Any]) -> dict[str, Any]:
    return {"option": _index(raw.get("option"), options)}


def _index_list(raw: object, options: int) -> list[int]:
    if not isinstance(raw, list):
        raise _bad(_("A ballot must list the options you choose."))
    chosen = [_index(value, options) for value in raw]
    if len(set(chosen)) != len(chosen):
        raise _bad(_("An option can be named only once."))
    return chosen


def _clean_options(proposal: Proposal, options: int, raw: dict[str, Any]) -> dict[str, Any]:
    return {"options": sorted(_index_list(raw.get("options"), options))}


def _clean_ranking(proposal: Proposal, options: int, raw: dict[str, Any]) -> dict[str, Any]:
    ranking = _index_list(raw.get("ranking"), options)
    if not ranking:
        raise _bad(_("Rank at least one option."))
    return {"ranking": ranking}


def _numbers(raw: object, options: int, highest: int) -> list[int]:
    if not isinstance(raw, list) or len(raw) != options:
        raise _bad(_("Give one number for each option."))
    for value in raw:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= highest:
            raise _bad(_("Each number must be from 0 to %(max)d.") % {"max": highest})
    return list(raw)


def _clean_scores(proposal: Proposal, options: int, raw: dict[str, Any]) -> dict[str, Any]:
    return {"scores": _numbers(raw.get("scores"), options, proposal.score_max)}


def _clean_dots(proposal: Proposal, options: int, raw: dict[str, Any]) -> dict[str, Any]:
    dots = _numbers(raw.get("dots"), options, proposal.max_per_option)
    if sum(dots) > proposal.dots:
        raise _bad(_("You have %(dots)d dots to place.") % {"dots": proposal.dots})
    return {"dots": dots}


def tally_positions(weighted: Weighted) -> Tally:
    """The positions taken, each block with its reason."""
    counts = dict.fromkeys(Position, 0)
    reasons: list[str] = []
    for choice, weight in weighted:
        position = Position(choice["position"])
        counts[position] += weight
        if position is Position.BLOCK:
            reasons.extend([choice["reason"]] * weight)
    return Tally(
        agree=counts[Position.AGREE],
        disagree=counts[Position.DISAGREE],
        abstain=counts[Position.ABSTAIN],
        stand_aside=counts[Position.STAND_ASIDE],
        block_reasons=tuple(reasons),
    )


def count_choices(proposal: Proposal, labels: Sequence[str], weighted: Weighted) -> ElectionResult:
    """Count a poll or election's ballots by its method; every round is kept."""
    names = tuple(labels)
    pairs = list(weighted)
    kind = Kind(proposal.kind)
    seed = f"proposal-{proposal.pk}"
    if kind in (Kind.APPROVAL, Kind.TIME_POLL):
        approvals = tuple(frozenset(c["options"]) for c, _w in pairs)
        ballots: Any = ApprovalBallots(names, approvals, tuple(w for _c, w in pairs))
        return METHODS["approval"](ballots, proposal.seats, seed=seed)
    if kind is Kind.SCORE:
        scores = tuple(tuple(c["scores"]) for c, _w in pairs)
        weights = tuple(w for _c, w in pairs)
        ballots = ScoreBallots(names, scores, weights, 0, proposal.score_max)
        return METHODS["score"](ballots, proposal.seats, seed=seed)
    if kind is Kind.DOTS:
        rows = tuple(tuple(c["dots"]) for c, _w in pairs)
        weights = tuple(w for _c, w in pairs)
        ballots = DotBallots(names, rows, weights, proposal.dots, proposal.max_per_option)
        return METHODS["dots"](ballots, proposal.seats, seed=seed)
    if kind is Kind.POLL:
        return _count_ranked(proposal, names, [((c["option"],), w) for c, w in pairs], seed)
    rankings = [(tuple(c["ranking"]), w) for c, w in pairs]
    return _count_ranked(proposal, names, rankings, seed)


def _count_ranked(
    proposal: Proposal,
    names: tuple[str, ...],
    rankings: list[tuple[tuple[int, ...], int]],
    seed: str,
) -> ElectionResult:
    merged: dict[tuple[int, ...], int] = {}
    for ranking, weight in rankings:
        merged[ranking] = merged.get(ranking, 0) + weight
    profile = Profile(names, tuple(merged), tuple(merged.values()))
    method = "plurality" if proposal.kind == Kind.POLL else proposal.method
    return METHODS[method](profile, proposal.seats, seed=seed)
