"""Secret ballots: nothing in moot links a voter to their choice — no table, page, API
answer or live event — and a result that would reveal votes is withheld."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import reverse

from moot.accounts.models import User
from moot.decisions import actions
from moot.decisions.models import Outcome, Proposal, SecretCount
from moot.groups.errors import ActionError
from moot.groups.models import Group
from tests.apps.conftest import client_for
from tests.apps.test_decisions_helpers import between_meetings, events, people, vote


def reason_of(user: User) -> str:
    """A reason only this voter gives (and that does not contain their name)."""
    return f"reason number {user.pk * 7919}"


def every_row() -> list[dict[str, object]]:
    rows = []
    for model in apps.get_models():
        rows.extend(serializers.serialize("python", model._default_manager.all()))
    return rows


def links(row: dict[str, object], voter: User) -> bool:
    """Whether a serialized row points at ``voter`` in any field."""
    fields = row["fields"]
    assert isinstance(fields, dict)
    own_row = row["model"] == "accounts.user" and row["pk"] == voter.pk
    return own_row or any(
        value == voter.pk
        for key, value in fields.items()
        if key in ("voter", "user", "author", "created_by")
    )


def secret_vote(assembly: Group, admin: User) -> tuple[Proposal, list[User]]:
    crowd = people(assembly, 4)
    proposal = between_meetings(admin, assembly, secret=True)
    for voter in crowd[:2]:
        actions.do_cast_ballot(
            proposal, voter, {"position": "stand_aside", "reason": reason_of(voter)}
        )
    for voter in crowd[2:]:
        actions.do_cast_ballot(proposal, voter, {"position": "agree", "reason": reason_of(voter)})
    return proposal, crowd


def test_no_table_holds_a_link_from_a_voter_to_a_choice(assembly: Group, admin: User) -> None:
    proposal, crowd = secret_vote(assembly, admin)
    actions.do_close_proposal(proposal)
    rows = every_row()
    for voter in crowd:
        for row in rows:
            if links(row, voter):
                assert reason_of(voter) not in str(row)
                assert "stand_aside" not in str(row)
                assert "agree" not in str(row["fields"]).replace("agreement", "")
    counts = serializers.serialize("python", SecretCount.objects.all())
    assert {c["fields"]["count"] for c in counts} == {1}
    assert all(set(c["fields"]) == {"round", "choice_key", "choice", "count"} for c in counts)


def test_no_page_or_api_answer_links_a_voter_to_a_choice(
    assembly: Group, admin: User, api_client: Callable[[User | None], Client]
) -> None:
    proposal, crowd = secret_vote(assembly, admin)
    voter = crowd[0]
    before = client_for(voter).get(reverse("decisions:proposal", args=[proposal.pk]))
    assert reason_of(voter) not in before.content.decode()
    assert "A secret ballot cannot be changed." in before.content.decode()
    actions.do_close_proposal(proposal)
    answers = [
        client_for(admin).get(reverse("decisions:proposal", args=[proposal.pk])),
        client_for(admin).get(reverse("decisions:log", args=[assembly.pk])),
        api_client(admin).get(f"/api/proposals/{proposal.pk}"),
    ]
    for answer in answers:
        text = answer.content.decode()
        assert reason_of(voter) in text  # the reasons are shown …
        assert all(person.shown_name not in text for person in crowd)  # … and no voter


def test_live_events_never_name_a_secret_voter(
    assembly: Group, admin: User, published: list[tuple[str, bytes]]
) -> None:
    proposal, crowd = secret_vote(assembly, admin)
    actions.do_close_proposal(proposal)
    for _stream, kind, data in events(published):
        text = str(data)
        assert all(person.shown_name not in text for person in crowd), kind
        if kind == "decision.ballot_cast":
            assert set(data) == {"group_id", "proposal_id", "round", "ballots"}


def test_a_secret_ballot_cannot_be_cast_twice_or_changed(assembly: Group, admin: User) -> None:
    proposal, crowd = secret_vote(assembly, admin)
    with pytest.raises(ActionError) as refused:
        actions.do_cast_ballot(proposal, crowd[0], {"position": "block", "reason": "No"})
    assert refused.value.status == 409
    assert sum(SecretCount.objects.values_list("count", flat=True)) == 4


def test_a_secret_result_with_fewer_than_three_voters_is_withheld(
    assembly: Group, admin: User
) -> None:
    pair = people(assembly, 2)
    proposal = between_meetings(admin, assembly, secret=True)
    vote(proposal, pair, "agree")
    assert actions.do_close_proposal(proposal).outcome == Outcome.WITHHELD
    closed = proposal.rounds.get()
    assert closed.result is None
    assert "fewer than 3 people voted by secret ballot" in closed.summary
    page = client_for(None).get(reverse("decisions:proposal", args=[proposal.pk]))
    assert "2 agree" not in page.content.decode()


def test_no_email_export_or_log_line_links_a_secret_voter_to_a_choice(
    assembly: Group, admin: User, caplog: pytest.LogCaptureFixture, settings: object
) -> None:
    from django.core import mail
    from django.utils import timezone

    from moot.notices.actions import do_send_daily_digests, do_send_due_notices
    from moot.records.exports import export_decisions, export_group

    settings.MOOT_DIGEST_HOUR = 0  # type: ignore[attr-defined]
    caplog.set_level("DEBUG")
    proposal, crowd = secret_vote(assembly, admin)
    actions.do_close_proposal(proposal)
    do_send_due_notices(timezone.now())
    do_send_daily_digests(timezone.now())
    assert mail.outbox, "the outcome is sent by email"
    texts = [f"{m.subject}\n{m.body}\n{m.alternatives}" for m in mail.outbox]
    texts += ["".join(export_group(admin, assembly))]
    texts += ["".join(export_decisions(admin, assembly, fmt)) for fmt in ("md", "csv", "jsonl")]
    texts += [caplog.text]
    for text in texts:
        for voter in crowd:
            assert reason_of(voter) not in text or voter.shown_name not in text
            assert voter.email not in text or "stand" not in text
