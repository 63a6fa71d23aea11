"""A group's stored rule decides: blocked once, blocked again, then the fallback vote."""

from __future__ import annotations

import pytest

from moot.accounts.models import User
from moot.core.rules import TEMPLATES, Outcome
from moot.decisions import actions
from moot.decisions.models import Phase, Proposal, Status
from moot.groups import actions as group_actions
from moot.groups.models import Group
from tests.apps.test_decisions_helpers import live, people, test_round, vote


@pytest.fixture
def occupy(assembly: Group) -> Group:
    group_actions.do_update_group(assembly, decision_rule=TEMPLATES["occupy"].to_dict())
    return assembly


def test_blocked_twice_then_the_ninety_percent_vote_decides(occupy: Group, admin: User) -> None:
    crowd = people(occupy, 20)
    proposal = live(admin, occupy)
    assert proposal.phase == Phase.CLARIFYING
    assert proposal.rule_text.startswith("Full consensus; if a proposal is blocked twice")

    test_round(proposal)
    vote(proposal, crowd[:18], "agree")
    vote(proposal, crowd[18:19], "block", "It puts undocumented people at risk")
    first = actions.do_close_round(proposal)
    assert first.outcome is Outcome.BLOCKED
    assert not first.moves_to_fallback
    proposal.refresh_from_db()
    assert (proposal.status, proposal.blocks_so_far, proposal.phase) == ("open", 1, "concerns")

    test_round(proposal)
    vote(proposal, crowd[:17], "agree")
    vote(proposal, crowd[17:19], "block", "Still unsafe")
    second = actions.do_close_round(proposal)
    assert second.outcome is Outcome.BLOCKED
    assert second.moves_to_fallback
    assert "Next time, a 90% vote of those agreeing or disagreeing decides." in second.summary
    proposal.refresh_from_db()
    assert proposal.blocks_so_far == 2

    actions.do_move_to_phase(proposal, "testing")
    proposal.refresh_from_db()
    assert proposal.phase == Phase.FALLBACK
    vote(proposal, crowd[:18], "agree")
    vote(proposal, crowd[18:20], "disagree")
    vote(proposal, [admin], "stand_aside", "I was not here for the debate")
    third = actions.do_close_round(proposal)
    assert third.passed
    assert third.stage == 1
    assert third.summary == "Passed: 18 agree, 2 disagree, 1 stand aside — 90% ≥ 90%"
    proposal.refresh_from_db()
    assert proposal.status == Status.CLOSED
    assert proposal.outcome == "passed"
    assert [r.number for r in proposal.rounds.all()] == [1, 2, 3]
    assert [r.stage for r in proposal.rounds.all()] == [0, 0, 1]


def test_the_fallback_vote_fails_below_ninety_percent(occupy: Group, admin: User) -> None:
    crowd = people(occupy, 10)
    proposal = live(admin, occupy)
    for _ in range(2):
        test_round(proposal)
        vote(proposal, crowd[:1], "block", "No")
        actions.do_close_round(proposal)
    test_round(proposal)
    vote(proposal, crowd[:8], "agree")
    vote(proposal, crowd[8:], "disagree")
    decision = actions.do_close_round(proposal)
    assert not decision.passed
    assert decision.summary == "Failed: 8 agree, 2 disagree — 80% < 90%"
    assert Proposal.objects.get(pk=proposal.pk).outcome == "failed"
