"""Recall and elections go through the group's decisions: a passed recall ends the term,
a recall of a vacant role is refused before anything changes, and an election's winners
take the role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.changes import CHANGE_KINDS
from moot.decisions.models import Proposal
from moot.groups import actions as group_actions
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.roles import actions
from moot.roles.models import AccountableRole, EndReason, Term
from tests.apps.conftest import make_user
from tests.apps.test_decisions_helpers import live, people, test_round, vote

TODAY = timezone.localdate()


@pytest.fixture
def delegate(admin: User, assembly: Group) -> AccountableRole:
    return actions.do_create_role(admin, assembly, name="Delegate", seats=2)


@pytest.fixture
def term(admin: User, member: User, delegate: AccountableRole) -> Term:
    return actions.do_start_term(
        admin, delegate, member, starts_on=TODAY, ends_on=TODAY + timedelta(days=90)
    )


def pass_proposal(proposal: Proposal, group: Group) -> None:
    crowd = people(group, 3, prefix=f"p{proposal.pk}")
    test_round(proposal)
    vote(proposal, crowd, "agree")
    decisions.do_close_round(proposal)


def test_both_role_changes_are_registered() -> None:
    assert {"role.recall", "role.fill"} <= set(CHANGE_KINDS)


def test_a_passed_recall_ends_the_term(
    admin: User, assembly: Group, member: User, term: Term
) -> None:
    proposal = actions.do_propose_recall(admin, term, reason="Kept the minutes secret")
    assert proposal.change == {"kind": "role.recall", "term_id": term.pk}
    assert proposal.title == "Recall Member as Delegate"
    pass_proposal(proposal, assembly)
    term.refresh_from_db()
    assert term.end_reason == EndReason.RECALLED
    assert Proposal.objects.get(pk=proposal.pk).change_applied


def test_a_recall_that_fails_leaves_the_term_running(
    admin: User, assembly: Group, term: Term
) -> None:
    proposal = actions.do_propose_recall(admin, term)
    crowd = people(assembly, 3)
    test_round(proposal)
    vote(proposal, crowd, "disagree")
    decisions.do_close_round(proposal)
    term.refresh_from_db()
    assert term.ended_at is None


def test_a_recall_of_a_vacant_role_is_refused_and_nothing_changes(
    admin: User, assembly: Group, delegate: AccountableRole
) -> None:
    with pytest.raises(ActionError) as error:
        live(admin, assembly, change={"kind": "role.recall", "role_id": delegate.pk})
    assert error.value.status == 400
    assert "vacant" in error.value.message
    assert not Proposal.objects.exists()


def test_a_recall_of_a_term_already_ended_is_refused(
    admin: User, assembly: Group, member: User, term: Term
) -> None:
    actions.do_end_term(member, term)
    with pytest.raises(ActionError) as error:
        actions.do_propose_recall(admin, term)
    assert error.value.status == 400
    assert not Proposal.objects.exists()


def test_a_recall_names_a_term_of_its_own_group(
    admin: User, private_group: Group, term: Term
) -> None:
    owner = private_group.memberships.get().user
    with pytest.raises(ActionError):
        live(owner, private_group, change={"kind": "role.recall", "term_id": term.pk})


def test_a_role_with_one_holder_can_be_recalled_by_naming_the_role(
    admin: User, assembly: Group, delegate: AccountableRole, term: Term
) -> None:
    proposal = live(admin, assembly, change={"kind": "role.recall", "role_id": delegate.pk})
    assert proposal.change == {"kind": "role.recall", "term_id": term.pk}


def test_a_passed_fill_gives_the_role_to_the_named_holders(
    admin: User, assembly: Group, member: User, facilitator: User, delegate: AccountableRole
) -> None:
    change = {
        "kind": "role.fill",
        "role_id": delegate.pk,
        "seats": 2,
        "term_days": 180,
        "holders": [member.pk, facilitator.pk],
    }
    proposal = live(admin, assembly, title="Our delegates", change=change)
    pass_proposal(proposal, assembly)
    terms = Term.objects.filter(role=delegate).order_by("holder__display_name")
    assert [t.holder for t in terms] == [facilitator, member]
    assert terms[0].ends_on == TODAY + timedelta(days=179)


ROLE = "the delegate role"  # stands for the role's id in the cases below


@pytest.mark.parametrize(
    "change",
    [
        {"role_id": 999999, "term_days": 30, "holders": [1]},
        {"term_days": 30, "holders": [1]},
        {"role_id": ROLE, "seats": 3, "term_days": 30, "holders": [1]},
        {"role_id": ROLE, "term_days": 0, "holders": [1]},
        {"role_id": ROLE, "term_days": 30},
        {"role_id": ROLE, "term_days": 30, "holders": [1], "election_id": 1},
        {"role_id": ROLE, "term_days": 30, "holders": "everyone"},
        {"role_id": ROLE, "term_days": 30, "election_id": 999999},
        {"role_id": ROLE, "term_days": 30, "holders": [1], "colour": "red"},
    ],
)
def test_a_fill_that_cannot_be_made_is_refused_when_proposed(
    admin: User, assembly: Group, delegate: AccountableRole, change: dict[str, object]
) -> None:
    full = {"kind": "role.fill", **change}
    if full.get("role_id") == ROLE:
        full["role_id"] = delegate.pk
    with pytest.raises(ActionError) as error:
        live(admin, assembly, change=full)
    assert error.value.status == 400
    assert not Proposal.objects.exists()


def test_a_fill_refuses_a_holder_who_is_no_member(
    admin: User, assembly: Group, outsider: User, delegate: AccountableRole
) -> None:
    change = {
        "kind": "role.fill",
        "role_id": delegate.pk,
        "term_days": 30,
        "holders": [outsider.pk],
    }
    with pytest.raises(ActionError) as error:
        live(admin, assembly, change=change)
    assert "not a member" in error.value.message


def run_election(admin: User, group: Group, candidates: list[str]) -> Proposal:
    election = live(admin, group, kind="election", title="Delegates", seats=2, options=candidates)
    voters = people(group, 5, prefix="elector")
    rankings = [[0, 1, 2], [0, 1, 2], [1, 0, 2], [1, 2, 0], [0, 2, 1]]
    for voter, ranking in zip(voters, rankings, strict=True):
        decisions.do_cast_ballot(election, voter, {"ranking": ranking})
    decisions.do_close_round(election)
    election.refresh_from_db()
    return election


def test_the_winners_of_an_election_take_the_role(
    admin: User, assembly: Group, member: User, facilitator: User, delegate: AccountableRole
) -> None:
    group_actions.do_add_member(make_user("third"), assembly)
    election = run_election(admin, assembly, ["Member", "Facilitator", "Third"])
    assert actions.election_winners(election) == ["Member", "Facilitator"]
    terms = actions.do_fill_role_from_election(admin, delegate, election, term_days=365)
    assert {t.holder for t in terms} == {member, facilitator}
    assert all(t.proposal_id == election.pk for t in terms)
    with pytest.raises(ActionError) as error:
        actions.do_fill_role_from_election(admin, delegate, election, term_days=365)
    assert error.value.status == 409


def test_a_proposal_can_give_the_role_to_a_decided_elections_winners(
    admin: User, assembly: Group, member: User, facilitator: User, delegate: AccountableRole
) -> None:
    election = run_election(admin, assembly, ["Member", "Facilitator", "Nobody Here"])
    change = {
        "kind": "role.fill",
        "role_id": delegate.pk,
        "term_days": 90,
        "election_id": election.pk,
    }
    proposal = live(admin, assembly, title="Seat the elected delegates", change=change)
    pass_proposal(proposal, assembly)
    assert {t.holder for t in Term.objects.filter(role=delegate)} == {member, facilitator}


def test_an_election_whose_winner_is_no_member_fills_nothing(
    admin: User, assembly: Group, member: User, delegate: AccountableRole
) -> None:
    election = run_election(admin, assembly, ["Member", "Somebody Else", "Third"])
    with pytest.raises(ActionError) as error:
        actions.do_fill_role_from_election(admin, delegate, election, term_days=30)
    assert error.value.status == 400
    assert "Somebody Else" in error.value.message
    assert not Term.objects.exists()


def test_a_proposal_that_is_no_election_fills_nothing(
    admin: User, assembly: Group, delegate: AccountableRole
) -> None:
    proposal = live(admin, assembly)
    with pytest.raises(ActionError) as error:
        actions.do_fill_role_from_election(admin, delegate, proposal, term_days=30)
    assert error.value.status == 400
    assert not Term.objects.exists()
