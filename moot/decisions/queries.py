"""Reading decisions: what pages, the API, the minutes and the live room show.

``proposal_record`` is a proposal's full record — its rule as a sentence, each round
with its tally, outcome and summary, blocks and stand-asides with their reasons (with
names only on a named ballot), amendments, contributions and minority reports. A round's
results appear once it has closed; while it is open, only a named ballot that does not
hide its results shows the running count, and a secret ballot never does (a count that
moves as people vote would tell who chose what).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moot.core.rules import Position, rule_from_dict
from moot.decisions.choices import count_choices, tally_positions
from moot.decisions.models import Kind, Outcome, Proposal, Round, Status
from moot.groups.models import Group
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see


def open_proposals(group: Group) -> QuerySet[Proposal]:
    return Proposal.objects.filter(group=group, status=Status.OPEN).order_by("created_at", "id")


def visible(user: AnyUser, proposals: QuerySet[Proposal]) -> list[Proposal]:
    return [p for p in proposals.select_related("group") if can_see(user, p.group, p.visibility)]


def decided_proposals(group: Group) -> QuerySet[Proposal]:
    """The decision log: proposals that ended with an outcome, newest first."""
    return (
        Proposal.objects.filter(group=group, status=Status.CLOSED)
        .prefetch_related("minority_reports__author", "rounds")
        .order_by("-closed_at", "-id")
    )


def rule_sentence(proposal: Proposal) -> str:
    """The rule the proposal is decided by, as a sentence in the reader's language."""
    if proposal.kind != Kind.PROPOSAL:
        return ""
    return rule_from_dict(proposal.rule).describe(_)


def proposal_brief(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "kind": proposal.kind,
        "mode": proposal.mode,
        "phase": proposal.phase,
        "status": proposal.status,
        "closes_at": proposal.closes_at.isoformat() if proposal.closes_at else None,
    }


POSITION_LABELS = {
    "agree": gettext_lazy("Agree"),
    "disagree": gettext_lazy("Disagree"),
    "abstain": gettext_lazy("Abstain"),
    "stand_aside": gettext_lazy("Stand aside"),
    "block": gettext_lazy("Block"),
}


def counts_table(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(position, count) rows for a results table."""
    return [(str(POSITION_LABELS[key]), counts.get(key, 0)) for key in POSITION_LABELS]


def rounds_table(election: dict[str, Any]) -> dict[str, Any]:
    """A count's rounds as a table: one row per round, one column per option."""
    names = election["candidates"]
    rows = [
        {
            "round": r["round"],
            "cells": [r["totals"].get(name, "") for name in names],
            "events": [e["text"] for e in r["events"] if e["text"]],
        }
        for r in election["rounds"]
    ]
    return {"candidates": names, "rows": rows, "winners": election["winners"]}


def _display(result: dict[str, Any] | None) -> dict[str, Any] | None:
    if result is None:
        return None
    if result["kind"] == "positions":
        return {"counts": counts_table(result["counts"])}
    return {"table": rounds_table(result["election"])}


def round_record(proposal: Proposal, current: Round) -> dict[str, Any]:
    running = running_result(proposal, current)
    return {
        "display": _display(current.result),
        "running_display": _display(running),
        "number": current.number,
        "stage": current.stage,
        "open": current.is_open,
        "ballots": current.ballots,
        "outcome": current.outcome,
        "outcome_label": current.get_outcome_display(),
        "summary": current.summary,
        "result": current.result,
        "running": running,
    }


def running_result(proposal: Proposal, current: Round) -> dict[str, Any] | None:
    """The count so far of an open round, where it may be shown."""
    if not current.is_open or proposal.secret or proposal.hide_results or not current.ballots:
        return None
    choices = [(b.choice, 1) for b in current.named_ballots.all()]
    if proposal.kind == Kind.PROPOSAL:
        tally = tally_positions(choices)
        return {"kind": "positions", "counts": {p.value: tally.count(p) for p in Position}}
    labels = list(proposal.options.values_list("label", flat=True))
    return {"kind": "choices", "election": count_choices(proposal, labels, choices).to_dict()}


def proposal_record(proposal: Proposal) -> dict[str, Any]:
    """Everything that was said and decided about a proposal, for pages and minutes."""
    return {
        **proposal_brief(proposal),
        "group_id": proposal.group_id,
        "text": proposal.text,
        "author": proposal.author.shown_name if proposal.author else None,
        "secret": proposal.secret,
        "rule": rule_sentence(proposal),
        "outcome": proposal.outcome,
        "summary": proposal.summary,
        "blocks_so_far": proposal.blocks_so_far,
        "change": proposal.change,
        "change_applied": proposal.change_applied,
        "options": [o.label for o in proposal.options.all()],
        "rounds": [round_record(proposal, r) for r in proposal.rounds.all()],
        "amendments": [_amendment(a) for a in proposal.amendments.select_related("author")],
        "contributions": [
            _contribution(c) for c in proposal.contributions.select_related("author")
        ],
        "minority_reports": [
            {"id": m.pk, "author": _name(m.author), "text": m.text, "filed_at": m.created_at}
            for m in proposal.minority_reports.select_related("author")
        ],
    }


def _name(user: Any) -> str | None:
    return user.shown_name if user is not None else None


def _amendment(amendment: Any) -> dict[str, Any]:
    return {
        "id": amendment.pk,
        "author": _name(amendment.author),
        "text": amendment.text,
        "reason": amendment.reason,
        "status": amendment.status,
        "status_label": amendment.get_status_display(),
        "previous_text": amendment.previous_text,
        "created_at": amendment.created_at,
    }


def _contribution(contribution: Any) -> dict[str, Any]:
    return {
        "id": contribution.pk,
        "phase": contribution.phase,
        "kind": contribution.kind,
        "kind_label": contribution.get_kind_display(),
        "author": _name(contribution.author),
        "text": contribution.text,
        "answer_to": contribution.answer_to_id,
        "created_at": contribution.created_at,
    }


def last_result(proposal: Proposal) -> Round | None:
    """The round that decided the proposal (the last one counted)."""
    counted = [r for r in proposal.rounds.all() if r.outcome and r.outcome != Outcome.WITHDRAWN]
    return counted[-1] if counted else None
