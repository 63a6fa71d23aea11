"""The group's constitution: founded from a template, changed only by decision, with a
history of who changed what by which proposal."""

from __future__ import annotations

import pytest
from django.test import Client

from moot.accounts.models import User
from moot.core.rules import TEMPLATES
from moot.decisions.actions.ballots import do_cast_ballot
from moot.decisions.actions.proposals import Draft, do_open_proposal
from moot.decisions.actions.rounds import do_close_round, do_open_round
from moot.groups import actions
from moot.groups.errors import ActionError
from moot.groups.models import Group
from tests.apps.conftest import client_for

SIGNALS = {
    "kind": "hand_signals",
    "signals": [{"key": "agree"}, {"key": "louder", "label": "Louder, please"}],
}


def passed(author: User, group: Group, change: dict[str, object]) -> None:
    proposal = do_open_proposal(author, group, Draft(title="Change how we work", change=change))
    do_open_round(proposal)
    do_cast_ballot(proposal, author, {"position": "agree"})
    do_close_round(proposal)


def test_a_new_group_starts_from_the_rule_template_it_chose(admin: User) -> None:
    group = actions.do_create_group(admin, name="Plaza", kind="assembly", rule_template="occupy")
    assert group.decision_rule == TEMPLATES["occupy"].to_dict()


def test_an_unknown_rule_template_is_refused_and_no_group_is_made(admin: User) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_create_group(admin, name="Plaza", kind="assembly", rule_template="dictator")
    assert refused.value.status == 400
    assert not Group.objects.filter(name="Plaza").exists()


def test_the_start_form_offers_each_template_as_the_sentence_it_reads_as(admin: User) -> None:
    page = client_for(admin).get("/groups/new/")
    assert TEMPLATES["occupy"].describe() in page.content.decode()
    made = client_for(admin).post(
        "/groups/new/",
        {
            "name": "Plaza",
            "kind": "assembly",
            "visibility": "public",
            "rule_template": "two-thirds",
        },
    )
    assert made.status_code == 302
    assert Group.objects.get(name="Plaza").decision_rule == TEMPLATES["two-thirds"].to_dict()


def test_a_passed_proposal_changes_the_hand_signals(admin: User, assembly: Group) -> None:
    passed(admin, assembly, SIGNALS)
    assembly.refresh_from_db()
    assert assembly.hand_signals == SIGNALS["signals"]


@pytest.mark.parametrize(
    "signals",
    [
        [],
        "agree",
        [{"key": "Agree!"}],
        [{"key": "a"}, {"key": "a"}],
        [{"key": "a", "label": "x" * 61}],
        [{"key": f"s{i}"} for i in range(21)],
    ],
)
def test_a_hand_signal_set_that_is_not_one_is_refused_when_proposed(
    admin: User, assembly: Group, signals: object
) -> None:
    with pytest.raises(ActionError) as refused:
        do_open_proposal(
            admin,
            assembly,
            Draft(title="Signals", change={"kind": "hand_signals", "signals": signals}),
        )
    assert refused.value.status == 400


def test_the_constitution_page_shows_the_rule_the_signals_and_who_changed_what(
    admin: User, assembly: Group
) -> None:
    passed(admin, assembly, {"kind": "decision_rule", "template": "occupy"})
    passed(admin, assembly, SIGNALS)
    page = Client().get(f"/g/{assembly.pk}/constitution/").content.decode()
    assert TEMPLATES["occupy"].describe() in page
    assert "Louder, please" in page
    assert page.index("hand signals become") < page.index("decision rule becomes")
    assert "proposed by Admin" in page


def test_a_members_only_group_keeps_its_constitution_from_strangers(
    private_group: Group, outsider: User
) -> None:
    assert Client().get(f"/g/{private_group.pk}/constitution/").status_code == 404
    assert client_for(outsider).get(f"/g/{private_group.pk}/constitution/").status_code == 404
