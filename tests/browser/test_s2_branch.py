"""Scenario S2, the branch, in real browsers on phones: the branch changes its own
decision rule and the next proposal is counted by it; a secret ranked-choice election
fills three committee seats; a recall ends a term; the dissent is kept beside the
decision; a members-only document stays out of a non-member's sight everywhere — page,
API, export and live feed; members choose what reaches them by email."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.models import Proposal
from moot.groups import actions as groups
from moot.groups.models import Group
from moot.records.documents import do_create_document
from moot.roles.actions import do_create_role
from moot.roles.models import AccountableRole, EndReason, Term
from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]
MEMBERS = ("bob", "cleo", "dan", "erin", "fay")
TWO_THIRDS = "A two-thirds vote of those agreeing or disagreeing decides."


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


def the_branch() -> tuple[Group, dict[str, User]]:
    people = {name: person(name) for name in ("alice", *MEMBERS, "olga")}
    branch = groups.do_create_group(people["alice"], name="Eastside Branch", kind="branch")
    for name in MEMBERS:
        groups.do_add_member(people[name], branch)
    return branch, people


def vote(proposal: Proposal, people: dict[str, User], choices: dict[str, dict]) -> None:
    for name, choice in choices.items():
        decisions.do_cast_ballot(proposal, people[name], choice)


AGREE = {"position": "agree"}


def change_the_rule(page: Page, base: str, branch: Group, people: dict[str, User]) -> None:
    """Alice proposes on her phone that two thirds decide; everyone agrees; she closes it."""
    page.goto(f"{base}/g/{branch.pk}/proposals/new/")
    page.get_by_label("Title", exact=True).fill("Decide by two thirds")
    page.get_by_label("The proposal").fill("Consensus stalls us; two thirds decide from now on.")
    closes = timezone.localtime() + timedelta(days=2)
    page.get_by_label("Closes at (between meetings)").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("If it passes, the group decides from then on by").select_option(
        label=TWO_THIRDS
    )
    assert_accessible(page)
    page.get_by_role("button", name="Open it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decide by two thirds")
    proposal = Proposal.objects.get(title="Decide by two thirds")
    vote(proposal, people, dict.fromkeys(MEMBERS, AGREE))
    page.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Vote", exact=True).click()
    page.get_by_role("button", name="Close the vote and count").click()
    expect(page.get_by_role("region", name="Outcome: Passed")).to_be_visible()


def next_proposal_counts_by_the_new_rule(
    page: Page, base: str, branch: Group, people: dict[str, User]
) -> None:
    """A block no longer stops a proposal: two thirds decide, and the page says so."""
    branch.refresh_from_db()  # the rule changed in the server, not in this copy
    proposal = decisions.do_open_proposal(
        people["alice"],
        branch,
        title="Join the tenants' federation",
        mode="async",
        closes_at=timezone.now() + timedelta(days=2),
    )
    page.goto(f"{base}/proposals/{proposal.pk}/")
    expect(page.get_by_role("main")).to_contain_text(TWO_THIRDS)
    block = {"position": "block", "reason": "We lose our independence"}
    vote(proposal, people, {"alice": AGREE, "bob": AGREE, "cleo": AGREE, "dan": block})
    decisions.do_close_proposal(proposal)
    page.reload()
    expect(page.get_by_role("region", name="Outcome: Passed")).to_be_visible()


def elect_the_committee(page: Page, base: str, branch: Group, people: dict[str, User]) -> None:
    """Three seats by secret ranked ballot (STV); a decision seats the winners."""
    committee = do_create_role(people["alice"], branch, name="Branch committee", seats=3)
    election = decisions.do_open_proposal(
        people["alice"],
        branch,
        title="Branch committee election",
        kind="election",
        mode="async",
        secret=True,
        seats=3,
        options=["Bob", "Cleo", "Dan", "Erin"],
        closes_at=timezone.now() + timedelta(days=2),
    )
    rankings = {"alice": [0, 1, 2], "bob": [0, 2, 1], "cleo": [1, 0, 2]}
    rankings |= {"dan": [2, 1, 0], "erin": [2, 3], "fay": [1, 2, 0]}
    vote(election, people, {name: {"ranking": r} for name, r in rankings.items()})
    decisions.do_close_proposal(election)
    page.goto(f"{base}/proposals/{election.pk}/")
    expect(page.get_by_text("Chosen:")).to_contain_text("Bob, Cleo, Dan")
    assert_accessible(page)
    seat_them = decisions.do_open_proposal(
        people["alice"],
        branch,
        title="Seat the elected committee",
        mode="async",
        closes_at=timezone.now() + timedelta(days=2),
        change={
            "kind": "role.fill",
            "role_id": committee.pk,
            "term_days": 365,
            "election_id": election.pk,
        },
    )
    vote(seat_them, people, dict.fromkeys(("alice", "bob", "cleo", "erin"), AGREE))
    decisions.do_close_proposal(seat_them)
    page.goto(f"{base}/roles/{committee.pk}/")
    for name in ("Bob", "Cleo", "Dan"):
        expect(page.get_by_role("heading", name=name, level=3)).to_be_visible()


def recall_dan(page: Page, base: str, people: dict[str, User]) -> Proposal:
    """Bob proposes on his phone to recall Dan; the meeting decides; the term ends."""
    committee = AccountableRole.objects.get(name="Branch committee")
    term = Term.objects.get(role=committee, holder=people["dan"])
    page.goto(f"{base}/roles/{committee.pk}/")
    article = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Dan"))
    article.get_by_text("Propose a recall").click()
    article.get_by_role("textbox").fill("Dan spoke for the branch without a mandate.")
    article.get_by_role("button", name="Propose the recall").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recall Dan")
    recall = Proposal.objects.get(title__startswith="Recall Dan")
    decisions.do_open_round(recall)
    vote(recall, people, dict.fromkeys(("alice", "bob", "cleo", "erin"), AGREE))
    vote(recall, people, {"dan": {"position": "disagree"}})
    decisions.do_close_round(recall)
    term.refresh_from_db()
    assert term.end_reason == EndReason.RECALLED
    page.goto(f"{base}/roles/{committee.pk}/")
    expect(page.get_by_role("article").filter(has_text="Dan")).to_contain_text(
        "Recalled by decision"
    )
    return recall


def dissent_is_kept(page: Page, base: str, branch: Group, recall: Proposal) -> None:
    """Dan files a minority report; the decision log shows it beside the recall."""
    page.goto(f"{base}/proposals/{recall.pk}/")
    page.get_by_label("Your minority report").fill("I carried what the committee agreed.")
    page.get_by_role("button", name="File it beside the decision").click()
    expect(page.get_by_role("status")).to_contain_text("filed beside the decision")
    page.goto(f"{base}/g/{branch.pk}/decisions/")
    decision = page.get_by_role("article").filter(has_text="Recall Dan")
    expect(decision.get_by_role("complementary", name="Minority report")).to_contain_text(
        "I carried what the committee agreed."
    )
    assert_accessible(page)


def members_only_stays_hidden(
    outsider: Page, member: Page, base: str, branch: Group, people: dict[str, User]
) -> None:
    secret = do_create_document(
        people["alice"],
        branch,
        title="Bargaining strategy",
        body="Our floor is 8%.",
        visibility="members",
    )
    do_create_document(people["alice"], branch, title="Newsletter", body="Spring issue.")
    member.goto(f"{base}/documents/{secret.pk}/")
    expect(member.get_by_role("heading", level=1)).to_have_text("Bargaining strategy")
    outsider.goto(f"{base}/g/{branch.pk}/documents/")
    expect(outsider.get_by_role("main")).to_contain_text("Newsletter")
    expect(outsider.get_by_role("main")).not_to_contain_text("Bargaining strategy")
    assert outsider.goto(f"{base}/documents/{secret.pk}/").status == 404  # type: ignore[union-attr]
    api = outsider.request
    assert api.get(f"{base}/api/documents/{secret.pk}").status == 404
    assert "Bargaining" not in api.get(f"{base}/api/groups/{branch.pk}/documents").text()
    export = api.get(f"{base}/g/{branch.pk}/export/documents.md")
    assert export.ok
    assert "Newsletter" in export.text()
    assert "Bargaining" not in export.text()
    assert api.get(f"{base}/live/?s=documents:{branch.pk}.members").status == 404
    assert "Bargaining" not in api.get(f"{base}/g/{branch.pk}/calendar.ics").text()


def choose_notices(page: Page, base: str, branch: Group) -> None:
    """Fay takes her private calendar link, and wants outcomes in her digest."""
    page.goto(f"{base}/accounts/profile/")
    page.get_by_role("link", name="Notifications and calendars").click()
    page.get_by_role("button", name="Make my calendar link").click()
    expect(page.get_by_label("Your private calendar link.")).to_have_value(
        re.compile(r"/calendar/.+\.ics$")
    )
    assert_accessible(page)
    page.get_by_role("link", name="Notifications from Eastside Branch").click()
    expect(page.get_by_label("A proposal is decided")).to_have_value("immediate")
    page.get_by_label("A proposal is decided").select_option("digest")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your notice settings are saved.")
    expect(page.get_by_label("A proposal is decided")).to_have_value("digest")
    assert_accessible(page)


def test_a_branch_changes_its_rule_elects_recalls_keeps_dissent_and_its_secrets(
    live_url: str, new_context: OpenContext
) -> None:
    branch, people = the_branch()
    alice, bob, dan, olga, fay = (new_context() for _ in range(5))
    for page, name in ((alice, "alice"), (bob, "bob"), (dan, "dan"), (olga, "olga"), (fay, "fay")):
        sign_in(page, live_url, name)
    change_the_rule(alice, live_url, branch, people)
    next_proposal_counts_by_the_new_rule(bob, live_url, branch, people)
    elect_the_committee(bob, live_url, branch, people)
    recall = recall_dan(bob, live_url, people)
    dissent_is_kept(dan, live_url, branch, recall)
    members_only_stays_hidden(olga, bob, live_url, branch, people)
    choose_notices(fay, live_url, branch)
