"""A scripted client runs a whole decision through the API, with the same rules as pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from moot.accounts.models import User
from moot.decisions.models import Proposal
from moot.groups.models import Group, Role
from tests.apps.test_decisions_helpers import people

JSON = "application/json"


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"/api{path}", body or {}, content_type=JSON)


def test_a_scripted_client_runs_a_live_consensus_decision(
    assembly: Group, admin: User, api_client: Callable[[User | None], Client]
) -> None:
    facilitator, *crowd = people(assembly, 4)
    facilitator_membership = facilitator.memberships.get(group=assembly)
    facilitator_membership.role = Role.FACILITATOR
    facilitator_membership.save()
    proposer, runner = api_client(admin), api_client(facilitator)
    created = post(
        proposer,
        f"/groups/{assembly.pk}/proposals",
        {"title": "No permits", "text": "We do not seek permits."},
    )
    assert created.status_code == 201
    pid = created.json()["id"]
    asked = post(
        api_client(crowd[0]),
        f"/proposals/{pid}/contributions",
        {"kind": "clarifying_question", "text": "Which permits?"},
    )
    post(
        runner,
        f"/proposals/{pid}/contributions",
        {"kind": "answer", "text": "Any of them.", "answer_to": asked.json()["id"]},
    )
    post(runner, f"/proposals/{pid}/phase", {"phase": "amendments"})
    amendment = post(
        api_client(crowd[1]),
        f"/proposals/{pid}/amendments",
        {"text": "We do not seek permits for the square."},
    )
    accepted = post(proposer, f"/amendments/{amendment.json()['id']}/accept")
    assert accepted.json()["text"] == "We do not seek permits for the square."
    assert post(runner, f"/proposals/{pid}/rounds").status_code == 201
    for voter in crowd:
        assert (
            post(
                api_client(voter), f"/proposals/{pid}/ballots", {"choice": {"position": "agree"}}
            ).status_code
            == 200
        )
    post(
        api_client(facilitator),
        f"/proposals/{pid}/ballots",
        {"choice": {"position": "stand_aside", "reason": "I am the facilitator"}},
    )
    closed = post(runner, f"/proposals/{pid}/rounds/close", {"present": 30})
    record = closed.json()
    assert record["outcome"] == "passed"
    assert record["summary"] == "Passed by consensus: 3 agree, 1 stand aside — no block."
    assert record["rounds"][0]["result"]["stand_asides"] == [
        {"name": facilitator.shown_name, "reason": "I am the facilitator"}
    ]
    assert [c["kind"] for c in record["contributions"]] == ["clarifying_question", "answer"]
    assert record["amendments"][0]["previous_text"] == "We do not seek permits."


def test_the_api_lists_and_reads_proposals_a_person_may_see(
    assembly: Group, private_group: Group, admin: User, api_client: Callable[[User | None], Client]
) -> None:
    post(api_client(admin), f"/groups/{assembly.pk}/proposals", {"title": "Open to all"})
    listed = api_client(None).get(f"/api/groups/{assembly.pk}/proposals").json()
    assert [p["title"] for p in listed] == ["Open to all"]
    assert api_client(None).get(f"/api/groups/{private_group.pk}/proposals").status_code == 404
    assert api_client(None).get(f"/api/proposals/{listed[0]['id']}").status_code == 200


def test_results_of_a_hidden_vote_are_not_given_before_it_closes(
    assembly: Group, admin: User, api_client: Callable[[User | None], Client]
) -> None:
    voter = people(assembly, 1)[0]
    made = post(
        api_client(admin),
        f"/groups/{assembly.pk}/proposals",
        {
            "title": "Hidden",
            "mode": "async",
            "hide_results": True,
            "closes_at": "2099-01-01T00:00:00Z",
        },
    ).json()
    post(api_client(voter), f"/proposals/{made['id']}/ballots", {"choice": {"position": "agree"}})
    read = api_client(None).get(f"/api/proposals/{made['id']}").json()
    assert read["rounds"][0]["running"] is None
    assert read["rounds"][0]["result"] is None
    assert read["rounds"][0]["ballots"] == 1
    assert Proposal.objects.get().hide_results
