"""On their phones, members vote on a proposal between meetings; the proposer closes it;
a member who stood aside files a minority report beside the decision in the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from moot.accounts.models import User
from moot.decisions import actions
from moot.groups import actions as group_actions
from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]


def person(name: str) -> User:
    return User.objects.create_user(
        email=f"{name}@example.org", password=f"pw-{name}-long", display_name=name.title()
    )


def sign_in(page: Page, base: str, name: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(f"{name}@example.org")
    page.get_by_label("Password").fill(f"pw-{name}-long")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name=name.title())).to_be_visible()


def test_members_vote_the_proposer_closes_and_dissent_is_kept(
    live_url: str, new_context: OpenContext
) -> None:
    alice, bob = person("alice"), person("bob")
    group = group_actions.do_create_group(alice, name="Riverside Assembly", kind="assembly")
    group_actions.do_add_member(bob, group)
    proposal = actions.do_open_proposal(
        alice,
        group,
        actions.Draft(
            title="Buy a sound system",
            text="For the general assembly in the square.",
            mode="async",
            closes_at=timezone.now() + timedelta(days=3),
        ),
    )
    proposal_url = f"{live_url}/proposals/{proposal.pk}/"

    phone = new_context()
    sign_in(phone, live_url, "bob")
    phone.goto(proposal_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Buy a sound system")
    assert_accessible(phone)
    phone.get_by_label("Block — a principled objection").check()
    phone.get_by_role("button", name="Vote", exact=True).click()
    expect(phone.get_by_role("alert").first).to_contain_text("A block must give its reason.")
    phone.get_by_label("Stand aside — I won't stop it").check()
    phone.get_by_label("Reason (needed for a block)").fill("We could borrow one")
    phone.get_by_role("button", name="Vote", exact=True).click()
    expect(phone.get_by_role("status")).to_contain_text("Your vote is counted.")
    expect(phone.get_by_text("You may change your vote until the vote closes.")).to_be_visible()
    assert_accessible(phone)

    proposer = new_context()
    sign_in(proposer, live_url, "alice")
    proposer.goto(proposal_url)
    proposer.get_by_label("Agree", exact=True).check()
    proposer.get_by_role("button", name="Vote", exact=True).click()
    proposer.get_by_role("button", name="Close the vote and count").click()
    outcome = proposer.get_by_role("region", name="Outcome: Passed")
    expect(outcome).to_contain_text("Passed by consensus: 1 agree, 1 stand aside — no block.")
    assert_accessible(proposer)

    phone.goto(proposal_url)
    phone.get_by_label("Your minority report").fill("A borrowed system would have done.")
    phone.get_by_role("button", name="File it beside the decision").click()
    expect(phone.get_by_role("status")).to_contain_text("filed beside the decision")

    phone.goto(f"{live_url}/g/{group.pk}/decisions/")
    log = phone.get_by_role("main")
    expect(log).to_contain_text("Full consensus decides.")
    expect(log).to_contain_text("Bob: “We could borrow one”")
    expect(log).to_contain_text("A borrowed system would have done.")
    assert_accessible(phone)

    proposer.goto(f"{live_url}/g/{group.pk}/proposals/new/")
    expect(proposer.get_by_role("heading", level=1)).to_have_text("Make a proposal")
    assert_accessible(proposer)


def test_a_facilitator_runs_a_live_proposal_and_reads_an_election_count(
    live_url: str, new_context: OpenContext
) -> None:
    alice, bob, cleo = person("alice"), person("bob"), person("cleo")
    group = group_actions.do_create_group(alice, name="Riverside Assembly", kind="assembly")
    for member in (bob, cleo):
        group_actions.do_add_member(member, group)
    proposal = actions.do_open_proposal(
        alice, group, title="Hold the square", text="We stay in the square overnight."
    )
    actions.do_propose_amendment(proposal, bob, "We stay in the square until Sunday.")
    election = actions.do_open_proposal(
        alice,
        group,
        title="Two delegates",
        kind="election",
        mode="async",
        seats=2,
        options=["Ana", "Bo", "Chen"],
        closes_at=timezone.now() + timedelta(days=1),
    )
    for voter, ranking in ((alice, [0, 1]), (bob, [1, 2]), (cleo, [2, 0])):
        actions.do_cast_ballot(election, voter, {"ranking": ranking})
    actions.do_close_proposal(election)

    page = new_context()
    sign_in(page, live_url, "alice")
    page.goto(f"{live_url}/proposals/{proposal.pk}/")
    expect(page.get_by_role("region", name="Run this proposal")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status")).to_contain_text("The amendment is accepted")
    expect(page.get_by_role("article")).to_contain_text("We stay in the square until Sunday.")
    page.get_by_label("Move to").select_option("testing")
    page.get_by_role("button", name="Move on").click()
    expect(page.get_by_role("group", name="Ballot for round 1")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_url}/proposals/{election.pk}/")
    expect(page.get_by_role("table")).to_contain_text("Ana")
    expect(page.get_by_text("Chosen:")).to_be_visible()
    assert_accessible(page)
