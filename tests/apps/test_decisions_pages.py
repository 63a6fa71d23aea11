"""The proposal pages: make one, vote on the phone-sized form, read the outcome and log."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions.models import Ballot, Proposal
from moot.groups.models import Group
from tests.apps.conftest import client_for
from tests.apps.test_decisions_helpers import between_meetings, people, vote


def test_a_member_makes_a_proposal_between_meetings_from_the_form(
    assembly: Group, member: User
) -> None:
    closes = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(member).post(
        reverse("decisions:new", args=[assembly.pk]),
        {
            "title": "Paint the hall",
            "text": "Green.",
            "kind": "proposal",
            "mode": "async",
            "closes_at": closes,
            "visibility": "public",
            "seats": 1,
            "score_max": 5,
            "dots": 5,
            "max_per_option": 3,
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:proposal", args=[proposal.pk])
    assert proposal.rounds.get().is_open


def test_a_member_votes_and_changes_their_named_vote(
    assembly: Group, member: User, admin: User
) -> None:
    proposal = between_meetings(admin, assembly)
    client = client_for(member)
    url = reverse("decisions:vote", args=[proposal.pk])
    assert client.post(url, {"position": "agree"}).status_code == 302
    assert client.post(url, {"position": "stand_aside", "reason": "Away"}).status_code == 302
    assert Ballot.objects.get().choice == {"position": "stand_aside", "reason": "Away"}
    page = client.get(reverse("decisions:proposal", args=[proposal.pk]))
    assert "You may change your vote until the vote closes." in page.content.decode()


def test_a_block_without_a_reason_is_refused_on_the_page(
    assembly: Group, member: User, admin: User
) -> None:
    proposal = between_meetings(admin, assembly)
    response = client_for(member).post(
        reverse("decisions:vote", args=[proposal.pk]), {"position": "block"}
    )
    assert response.status_code == 400
    assert "A block must give its reason." in response.content.decode()
    assert not Ballot.objects.exists()


def test_the_decision_log_shows_rule_outcome_reasons_and_minority_report(
    assembly: Group, admin: User
) -> None:
    crowd = people(assembly, 3)
    proposal = between_meetings(admin, assembly)
    vote(proposal, crowd[:2], "agree")
    vote(proposal, crowd[2:], "stand_aside", "I distrust the supplier")
    client_for(admin).post(reverse("decisions:close", args=[proposal.pk]), {})
    client_for(crowd[2]).post(
        reverse("decisions:minority_report", args=[proposal.pk]),
        {"text": "We should have asked the neighbours first."},
    )
    page = client_for(None).get(reverse("decisions:log", args=[assembly.pk])).content.decode()
    assert "Full consensus decides." in page
    assert "Passed by consensus: 2 agree, 1 stand aside — no block." in page
    assert "I distrust the supplier" in page
    assert "We should have asked the neighbours first." in page


def test_an_election_page_shows_every_round_of_the_count(assembly: Group, admin: User) -> None:
    crowd = people(assembly, 5)
    proposal = between_meetings(
        admin, assembly, kind="ranked", title="Choose a name", options=["Alder", "Birch", "Cedar"]
    )
    for voter, ranking in zip(crowd, ["1 2", "1 2", "2 1", "2 3", "3 2"], strict=True):
        marks = {f"option_{int(i) - 1}": n + 1 for n, i in enumerate(ranking.split())}
        client_for(voter).post(reverse("decisions:vote", args=[proposal.pk]), marks)
    client_for(admin).post(reverse("decisions:close", args=[proposal.pk]), {})
    page = client_for(None).get(reverse("decisions:proposal", args=[proposal.pk])).content.decode()
    assert '<th scope="col">Alder</th>' in page
    assert "Chosen:" in page
    assert Proposal.objects.get().outcome == "decided"
