"""Standing agreements change only when a proposal that names the change passes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions.actions.ballots import do_cast_ballot
from moot.decisions.actions.proposals import Draft, do_open_proposal
from moot.decisions.actions.rounds import do_close_round, do_open_round
from moot.decisions.models import Proposal
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.records.models import Agreement
from tests.apps.conftest import client_for

PHOTO_CONSENT = {
    "kind": "agreement.adopt",
    "title": "Photo consent",
    "text": "Anyone may ask not to be photographed, and that is respected.",
}


def decide(author: User, group: Group, change: dict[str, object], votes: list[tuple[User, str]]):
    proposal = do_open_proposal(author, group, Draft(title="Adopt it", change=change))
    do_open_round(proposal)
    for voter, position in votes:
        choice = {"position": position, "reason": "no" if position == "block" else ""}
        do_cast_ballot(proposal, voter, choice)
    do_close_round(proposal)
    proposal.refresh_from_db()
    return proposal


def test_a_passed_proposal_adopts_the_agreement_it_names(
    admin: User, member: User, assembly: Group
) -> None:
    decide(admin, assembly, PHOTO_CONSENT, [(admin, "agree"), (member, "stand_aside")])
    agreement = Agreement.objects.get(group=assembly)
    assert agreement.title == "Photo consent"
    assert agreement.is_standing
    assert [v.number for v in agreement.versions.all()] == [1]


def test_a_blocked_proposal_leaves_the_agreements_as_they_were(
    admin: User, member: User, assembly: Group
) -> None:
    decide(admin, assembly, PHOTO_CONSENT, [(admin, "agree"), (member, "block")])
    assert not Agreement.objects.filter(group=assembly).exists()


def test_an_amendment_keeps_every_version_and_a_retirement_keeps_the_record(
    admin: User, assembly: Group
) -> None:
    decide(admin, assembly, PHOTO_CONSENT, [(admin, "agree")])
    agreement = Agreement.objects.get(group=assembly)
    amended = {
        "kind": "agreement.amend",
        "agreement": agreement.pk,
        "title": "Photo consent",
        "text": "Ask before you photograph anyone.",
    }
    decide(admin, assembly, amended, [(admin, "agree")])
    decide(
        admin, assembly, {"kind": "agreement.retire", "agreement": agreement.pk}, [(admin, "agree")]
    )
    agreement.refresh_from_db()
    assert not agreement.is_standing
    assert [v.text for v in agreement.versions.order_by("number")] == [
        PHOTO_CONSENT["text"],
        "Ask before you photograph anyone.",
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "agreement.adopt", "title": "", "text": "x"},
        {"kind": "agreement.adopt", "title": "x" * 201, "text": "x"},
        {"kind": "agreement.amend", "agreement": 999999, "title": "t", "text": "x"},
        {"kind": "agreement.retire", "agreement": "one"},
    ],
)
def test_a_change_that_could_never_apply_is_refused_when_proposed(
    admin: User, assembly: Group, change: dict[str, object]
) -> None:
    with pytest.raises(ActionError) as refused:
        do_open_proposal(admin, assembly, Draft(title="Change it", change=change))
    assert refused.value.status == 400


def test_the_agreements_page_shows_standing_agreements_to_anyone_who_sees_the_group(
    admin: User, assembly: Group, private_group: Group
) -> None:
    decide(admin, assembly, PHOTO_CONSENT, [(admin, "agree")])
    page = Client().get(f"/g/{assembly.pk}/agreements/")
    assert page.status_code == 200
    assert "Anyone may ask not to be photographed" in page.content.decode()
    assert Client().get(f"/g/{private_group.pk}/agreements/").status_code == 404
    assert client_for(admin).get(f"/g/{private_group.pk}/agreements/").status_code == 404


def test_the_proposal_form_offers_a_standing_agreement_that_is_adopted_when_it_passes(
    admin: User, assembly: Group
) -> None:
    page = client_for(admin).post(
        f"/g/{assembly.pk}/proposals/new/",
        {
            "title": "Photo consent",
            "kind": "proposal",
            "mode": "async",
            "visibility": "public",
            "seats": 1,
            "score_max": 5,
            "dots": 5,
            "max_per_option": 3,
            "closes_at": (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "agreement_title": PHOTO_CONSENT["title"],
            "agreement_text": PHOTO_CONSENT["text"],
        },
    )
    assert page.status_code == 302
    proposal = Proposal.objects.get(group=assembly)
    assert proposal.change == PHOTO_CONSENT
    do_cast_ballot(proposal, admin, {"position": "agree"})
    do_close_round(proposal)
    assert Agreement.objects.get(group=assembly).title == "Photo consent"


def test_a_proposal_cannot_change_the_rule_and_adopt_an_agreement_at_once(
    admin: User, assembly: Group
) -> None:
    page = client_for(admin).post(
        f"/g/{assembly.pk}/proposals/new/",
        {
            "title": "Two things",
            "kind": "proposal",
            "mode": "async",
            "visibility": "public",
            "seats": 1,
            "score_max": 5,
            "dots": 5,
            "max_per_option": 3,
            "new_rule": "occupy",
            "agreement_title": "Photo consent",
            "agreement_text": "Ask first.",
        },
    )
    assert page.status_code == 400
    assert "one change" in page.content.decode()
