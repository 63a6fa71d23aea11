"""The constitution changes only by decision: a rule change applies when it passes, the
next proposal is tallied under the new rule, and a change that is no rule is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from moot.accounts.models import User
from moot.core.rules import TEMPLATES
from moot.decisions import actions
from moot.decisions.changes import CHANGE_KINDS, ChangeError, ChangeKind
from moot.decisions.models import Proposal
from moot.groups.errors import ActionError
from moot.groups.models import Group
from tests.apps.test_decisions_helpers import live, people, test_round, vote

OCCUPY = {"kind": "decision_rule", "rule": TEMPLATES["occupy"].to_dict()}


def test_the_built_in_decision_rule_change_is_registered() -> None:
    assert "decision_rule" in CHANGE_KINDS


def test_a_passed_rule_change_makes_the_next_proposal_tallied_under_the_new_rule(
    assembly: Group, admin: User
) -> None:
    crowd = people(assembly, 10)
    adopt = live(
        admin, assembly, title="We decide by consensus, with a 90% fallback", change=OCCUPY
    )
    test_round(adopt)
    vote(adopt, crowd, "agree")
    assert actions.do_close_round(adopt).passed
    assembly.refresh_from_db()
    assert assembly.decision_rule == TEMPLATES["occupy"].to_dict()
    assert Proposal.objects.get(pk=adopt.pk).change_applied

    following = live(admin, assembly, title="Build a kitchen")
    assert following.rule == TEMPLATES["occupy"].to_dict()
    for _ in range(2):
        test_round(following)
        vote(following, crowd[:1], "block", "Fire risk")
        actions.do_close_round(following)
    test_round(following)
    vote(following, crowd[:9], "agree")
    vote(following, crowd[9:], "disagree")
    decision = actions.do_close_round(following)
    assert decision.passed
    assert decision.summary == "Passed: 9 agree, 1 disagree — 90% ≥ 90%"


def test_a_rule_change_that_fails_changes_nothing(assembly: Group, admin: User) -> None:
    crowd = people(assembly, 3)
    before = dict(assembly.decision_rule)
    adopt = live(admin, assembly, change=OCCUPY)
    test_round(adopt)
    vote(adopt, crowd, "disagree")
    assert not actions.do_close_round(adopt).passed
    assembly.refresh_from_db()
    assert assembly.decision_rule == before


def test_a_proposed_rule_that_is_no_valid_rule_is_refused_with_its_reason(
    assembly: Group, admin: User
) -> None:
    broken = {"kind": "decision_rule", "rule": {"first": {"kind": "majority", "threshold": 0.9}}}
    with pytest.raises(ActionError) as refused:
        live(admin, assembly, change=broken)
    assert refused.value.status == 400
    assert "This is not a valid decision rule" in refused.value.message
    assert 'exact fraction such as "9/10"' in refused.value.message
    assert not Proposal.objects.exists()


def test_the_api_refuses_an_invalid_rule_change_with_400_and_creates_nothing(
    assembly: Group, admin: User, api_client: Callable[[User | None], Client]
) -> None:
    before = dict(assembly.decision_rule)
    body = {
        "title": "Unanimity of nobody",
        "change": {"kind": "decision_rule", "rule": {"first": {"kind": "vote"}}},
    }
    response = api_client(admin).post(
        f"/api/groups/{assembly.pk}/proposals", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "unknown kind of stage 'vote'" in response.json()["detail"]
    assert not Proposal.objects.exists()
    assembly.refresh_from_db()
    assert assembly.decision_rule == before


def test_an_unknown_kind_of_change_is_refused(assembly: Group, admin: User) -> None:
    with pytest.raises(ActionError) as refused:
        live(admin, assembly, change={"kind": "abolish_the_state"})
    assert refused.value.status == 400
    assert not Proposal.objects.exists()


def test_a_poll_cannot_carry_a_change(assembly: Group, admin: User) -> None:
    with pytest.raises(ActionError):
        live(admin, assembly, kind="poll", options=["a", "b"], change=OCCUPY)
    assert not Proposal.objects.exists()


def test_a_passed_change_that_can_no_longer_be_made_keeps_the_decision_and_says_why(
    assembly: Group, admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(group: Group, change: dict[str, object]) -> None:
        raise ChangeError("the agreement was retired meanwhile")

    monkeypatch.setitem(
        CHANGE_KINDS, "test.refused", ChangeKind(validate=lambda group, change: {}, apply=refuse)
    )
    crowd = people(assembly, 2)
    proposal = live(admin, assembly, change={"kind": "test.refused"})
    test_round(proposal)
    vote(proposal, crowd, "agree")
    assert actions.do_close_round(proposal).passed
    proposal.refresh_from_db()
    assert proposal.outcome == "passed"
    assert not proposal.change_applied
    assert proposal.summary.endswith(
        "The change could not be made: the agreement was retired meanwhile"
    )
