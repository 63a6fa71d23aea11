"""Bad input answers a clear message and a 4xx — never a 500 — and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions
from moot.decisions.models import Proposal
from moot.groups.errors import ActionError
from moot.groups.models import Group
from tests.apps.conftest import client_for
from tests.apps.test_decisions_helpers import between_meetings, people

JSON = "application/json"


def decisions_state() -> list[Any]:
    """Every decisions row, serialized: the state that must not change."""
    rows = []
    for model in apps.get_app_config("decisions").get_models():
        rows.extend(serializers.serialize("python", model.objects.all()))
    return rows


@pytest.fixture
def scene(assembly: Group, admin: User, member: User) -> Proposal:
    return between_meetings(admin, assembly)


def api(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api{path}", body, content_type=JSON)


CASES: dict[str, tuple[str, int, str]] = {
    # name: (who, status, message part)
    "block without a reason": ("member", 400, "A block must give its reason."),
    "unknown position": ("member", 400, "Choose agree, disagree"),
    "an empty ballot": ("member", 400, "Choose agree, disagree"),
    "non-member votes": ("outsider", 403, "You may not do this"),
    "forged proposal id": ("member", 404, ""),
}
BODIES = {
    "block without a reason": {"choice": {"position": "block", "reason": "   "}},
    "unknown position": {"choice": {"position": "maybe"}},
    "an empty ballot": {"choice": {}},
    "non-member votes": {"choice": {"position": "agree"}},
    "forged proposal id": {"choice": {"position": "agree"}},
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_ballot_is_refused_and_changes_nothing(
    scene: Proposal,
    member: User,
    outsider: User,
    case: str,
    api_client: Callable[[User | None], Client],
) -> None:
    who, expected, message = CASES[case]
    client = api_client(member if who == "member" else outsider)
    pid = 987654 if case == "forged proposal id" else scene.pk
    before = decisions_state()
    response = api(client, f"/proposals/{pid}/ballots", BODIES[case])
    assert response.status_code == expected
    assert message in response.json()["detail"]
    assert decisions_state() == before


def test_a_vote_after_the_deadline_is_refused_and_never_changes_the_tally(
    assembly: Group, admin: User, member: User
) -> None:
    early = people(assembly, 3)
    proposal = between_meetings(admin, assembly)
    for voter in early:
        actions.do_cast_ballot(proposal, voter, {"position": "agree"})
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    before = decisions_state()
    late = client_for(member).post(
        reverse("decisions:vote", args=[proposal.pk]), {"position": "block", "reason": "Late"}
    )
    assert late.status_code == 409
    assert "The vote has closed." in late.content.decode()
    assert decisions_state() == before
    closed = actions.do_close_due_proposals()
    assert [p.pk for p in closed] == [proposal.pk]
    assert closed[0].summary == "Passed by consensus: 3 agree — no block."
    after = client_for(member).post(
        reverse("decisions:vote", args=[proposal.pk]), {"position": "agree"}
    )
    assert after.status_code == 409
    assert proposal.rounds.get().result["counts"]["agree"] == 3


def test_a_second_secret_ballot_answers_409(
    assembly: Group, admin: User, member: User, api_client: Callable[[User | None], Client]
) -> None:
    proposal = between_meetings(admin, assembly, secret=True)
    client = api_client(member)
    assert (
        api(
            client, f"/proposals/{proposal.pk}/ballots", {"choice": {"position": "agree"}}
        ).status_code
        == 200
    )
    before = decisions_state()
    again = api(client, f"/proposals/{proposal.pk}/ballots", {"choice": {"position": "disagree"}})
    assert again.status_code == 409
    assert "A secret ballot cannot be changed." in again.json()["detail"]
    assert decisions_state() == before


PROPOSALS: dict[str, tuple[dict[str, Any], str]] = {
    "no title": ({"title": "  "}, "Please give a title"),
    "unknown kind": ({"title": "x", "kind": "lottery"}, "Unknown kind"),
    "between meetings without a deadline": ({"title": "x", "mode": "async"}, "Say when"),
    "a deadline in the past": (
        {"title": "x", "mode": "async", "closes_at": "2001-01-01T00:00:00Z"},
        "in the future",
    ),
    "a poll with one option": ({"title": "x", "kind": "poll", "options": ["a"]}, "from 2 to"),
    "options twice": ({"title": "x", "kind": "poll", "options": ["a", "a"]}, "different"),
    "a time poll of no times": (
        {"title": "x", "kind": "time_poll", "options": ["soon", "later"]},
        "is not a date",
    ),
    "more seats than candidates": (
        {"title": "x", "kind": "election", "seats": 3, "options": ["a", "b"]},
        "fewer seats",
    ),
    "an unknown method": (
        {"title": "x", "kind": "ranked", "method": "coin", "options": ["a", "b"]},
        "counting method",
    ),
    "dots above the budget": (
        {"title": "x", "kind": "dots", "dots": 2, "max_per_option": 5, "options": ["a", "b"]},
        "most dots",
    ),
    "options on a proposal": ({"title": "x", "options": ["a", "b"]}, "no options"),
}


@pytest.mark.parametrize("case", list(PROPOSALS))
def test_a_bad_proposal_is_refused_with_400_and_nothing_is_created(
    assembly: Group, member: User, case: str, api_client: Callable[[User | None], Client]
) -> None:
    body, message = PROPOSALS[case]
    response = api(api_client(member), f"/groups/{assembly.pk}/proposals", body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Proposal.objects.exists()


def test_forged_ids_answer_404_on_pages(assembly: Group, admin: User) -> None:
    client = client_for(admin)
    assert client.get(reverse("decisions:proposal", args=[987654])).status_code == 404
    assert client.get(reverse("decisions:log", args=[987654])).status_code == 404
    assert client.post(reverse("decisions:accept_amendment", args=[987654])).status_code == 404


def test_an_answer_to_a_contribution_of_another_proposal_is_404(
    assembly: Group, admin: User, member: User
) -> None:
    one = between_meetings(admin, assembly)
    other = between_meetings(admin, assembly)
    asked = actions.do_add_contribution(one, member, "clarifying_question", "Why?")
    before = decisions_state()
    with pytest.raises(ActionError) as refused:
        actions.do_add_contribution(other, admin, "answer", "Because", answer_to=asked.pk)
    assert refused.value.status == 404
    assert decisions_state() == before
