"""Every decisions action: the state it changes and the live events it publishes."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions
from moot.decisions.models import (
    AmendmentStatus,
    Contribution,
    MinorityReport,
    Phase,
    Proposal,
    Status,
)
from moot.decisions.streams import authorize, snapshot
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.realtime.events import EVENT_SCHEMAS
from tests.apps.conftest import make_user
from tests.apps.test_decisions_helpers import (
    between_meetings,
    events,
    live,
    people,
    test_round,
    types,
    vote,
)

Published = list[tuple[str, bytes]]


def test_opening_a_live_proposal_copies_the_rule_and_starts_with_questions(
    assembly: Group, admin: User, published: Published
) -> None:
    proposal = live(admin, assembly)
    assert proposal.phase == Phase.CLARIFYING
    assert proposal.rule == assembly.decision_rule
    assert proposal.rule_text == "Full consensus decides."
    assert not proposal.rounds.exists()
    [(stream, kind, data)] = events(published)
    assert (stream, kind) == (f"decisions:{assembly.pk}", "decision.proposal_opened")
    assert data["phase"] == "clarifying"


def test_a_proposal_between_meetings_opens_its_vote_at_once(
    assembly: Group, admin: User, published: Published
) -> None:
    proposal = between_meetings(admin, assembly)
    assert proposal.phase == Phase.VOTING
    assert proposal.rounds.get().number == 1
    assert types(published) == ["decision.proposal_opened", "decision.round_opened"]


def test_moving_through_phases_keeps_contributions_per_phase(
    assembly: Group, admin: User, member: User, published: Published
) -> None:
    proposal = live(admin, assembly)
    actions.do_add_contribution(proposal, member, "clarifying_question", "Which square?")
    actions.do_move_to_phase(proposal, "concerns")
    actions.do_add_contribution(proposal, member, "concern", "The police")
    actions.do_add_contribution(proposal, admin, "point_of_information", "They said no")
    phases = list(Contribution.objects.values_list("phase", "kind"))
    assert phases == [
        ("clarifying", "clarifying_question"),
        ("concerns", "concern"),
        ("concerns", "point_of_information"),
    ]
    assert types(published)[1:] == [
        "decision.contribution_added",
        "decision.phase_changed",
        "decision.contribution_added",
        "decision.contribution_added",
    ]


def test_an_accepted_amendment_replaces_the_text_and_keeps_the_old_one(
    assembly: Group, admin: User, member: User, published: Published
) -> None:
    proposal = live(admin, assembly, text="Hold the square.")
    amendment = actions.do_propose_amendment(proposal, member, "Hold the square at night.")
    declined = actions.do_propose_amendment(proposal, member, "Leave the square.")
    actions.do_accept_amendment(amendment)
    actions.do_decline_amendment(declined)
    proposal.refresh_from_db()
    amendment.refresh_from_db()
    assert proposal.text == "Hold the square at night."
    assert amendment.previous_text == "Hold the square."
    assert declined.status == AmendmentStatus.DECLINED
    decided = [d for _s, k, d in events(published) if k == "decision.amendment_decided"]
    assert [d["accepted"] for d in decided] == [True, False]
    with pytest.raises(ActionError) as again:
        actions.do_accept_amendment(amendment)
    assert again.value.status == 409


def test_the_text_cannot_change_while_a_round_is_open(
    assembly: Group, admin: User, member: User
) -> None:
    proposal = live(admin, assembly)
    amendment = actions.do_propose_amendment(proposal, member, "Other words")
    test_round(proposal)
    with pytest.raises(ActionError):
        actions.do_accept_amendment(amendment)
    with pytest.raises(ActionError):
        actions.do_propose_amendment(proposal, member, "More words")
    assert Proposal.objects.get().text == proposal.text


def test_a_test_for_consensus_is_a_numbered_round_with_its_own_ballots(
    assembly: Group, admin: User, published: Published
) -> None:
    crowd = people(assembly, 3)
    proposal = live(admin, assembly)
    test_round(proposal)
    vote(proposal, crowd[:1], "block", "Unsafe")
    first = actions.do_close_round(proposal)
    assert first.outcome.value == "blocked"
    test_round(proposal)
    vote(proposal, crowd, "agree")
    assert actions.do_close_round(proposal).passed
    rounds = list(proposal.rounds.values_list("number", "ballots", "outcome"))
    assert rounds == [(1, 1, "blocked"), (2, 3, "passed")]
    kinds = types(published)
    assert kinds.count("decision.round_opened") == 2
    assert kinds.count("decision.ballot_cast") == 4
    assert kinds[-2:] == ["decision.round_closed", "decision.proposal_closed"]


def test_a_rule_that_counts_those_present_takes_the_number_from_the_meeting(
    assembly: Group, admin: User
) -> None:
    rule = {"first": {"kind": "majority", "threshold": "1/2", "base": "present", "strict": True}}
    assembly.decision_rule = rule
    assembly.save()
    crowd = people(assembly, 3)
    proposal = live(admin, assembly)
    test_round(proposal)
    vote(proposal, crowd, "agree")
    with pytest.raises(ActionError) as missing:
        actions.do_close_round(proposal)
    assert missing.value.status == 400
    assert proposal.rounds.get().is_open
    decision = actions.do_close_round(proposal, present=7)
    assert not decision.passed
    assert decision.base == 7


def test_withdrawing_closes_the_round_and_decides_nothing(
    assembly: Group, admin: User, published: Published
) -> None:
    proposal = between_meetings(admin, assembly)
    actions.do_withdraw(proposal, "We found another way")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (Status.WITHDRAWN, "withdrawn")
    assert not proposal.rounds.get().is_open
    assert types(published)[-1] == "decision.proposal_withdrawn"


def test_only_someone_who_disagreed_files_a_minority_report_once(
    assembly: Group, admin: User, published: Published
) -> None:
    agreeing, dissenting = people(assembly, 2)
    proposal = between_meetings(admin, assembly)
    vote(proposal, [agreeing], "agree")
    vote(proposal, [dissenting], "disagree")
    with pytest.raises(ActionError):
        actions.do_file_minority_report(proposal, dissenting, "Too early")
    actions.do_close_proposal(proposal)
    with pytest.raises(ActionError) as refused:
        actions.do_file_minority_report(proposal, agreeing, "I agreed")
    assert refused.value.status == 403
    actions.do_file_minority_report(proposal, dissenting, "We ignored the cost.")
    with pytest.raises(ActionError) as twice:
        actions.do_file_minority_report(proposal, dissenting, "Again")
    assert twice.value.status == 409
    assert list(MinorityReport.objects.values_list("text", flat=True)) == ["We ignored the cost."]
    assert types(published)[-1] == "decision.minority_report_filed"


def test_the_deadline_command_closes_only_proposals_that_are_due(
    assembly: Group, admin: User
) -> None:
    due = between_meetings(admin, assembly, title="Due")
    later = between_meetings(admin, assembly, title="Later", hours=48)
    Proposal.objects.filter(pk=due.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("close_due_proposals", stdout=out)
    assert f"{due.pk}\tfailed\tDue" in out.getvalue()
    assert Proposal.objects.get(pk=due.pk).summary == "Failed: nobody took part — nobody agrees."
    assert Proposal.objects.get(pk=later.pk).status == Status.OPEN


def test_a_proposal_that_opens_later_refuses_ballots_until_then(
    assembly: Group, admin: User, member: User
) -> None:
    proposal = between_meetings(admin, assembly, opens_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ActionError) as early:
        vote(proposal, [member], "agree")
    assert early.value.status == 409
    assert proposal.rounds.get().ballots == 0


@pytest.mark.django_db(transaction=True)
def test_events_are_published_only_when_the_transaction_commits(published: Published) -> None:
    admin = make_user("admin")
    from moot.groups import actions as group_actions

    group = group_actions.do_create_group(admin, name="Co-op", kind="coop")
    published.clear()
    with transaction.atomic():
        live(admin, group)
        assert published == []
    assert types(published) == ["decision.proposal_opened"]


def test_every_decisions_event_type_has_a_schema() -> None:
    ours = {k for k in EVENT_SCHEMAS if k.startswith("decision.")}
    assert ours == {
        "decision.proposal_opened",
        "decision.phase_changed",
        "decision.contribution_added",
        "decision.amendment_proposed",
        "decision.amendment_decided",
        "decision.round_opened",
        "decision.ballot_cast",
        "decision.round_closed",
        "decision.proposal_closed",
        "decision.proposal_withdrawn",
        "decision.minority_report_filed",
    }


def test_members_only_proposals_go_to_a_stream_only_members_may_follow(
    private_group: Group, outsider: User, published: Published
) -> None:
    owner = private_group.memberships.get().user
    proposal = live(owner, private_group)
    stream = events(published)[0][0]
    assert stream == f"decisions:{private_group.pk}.members"
    key = stream.partition(":")[2]
    assert not authorize(outsider, key)
    assert authorize(owner, key)
    assert snapshot(owner, key)["open_proposals"][0]["id"] == proposal.pk
