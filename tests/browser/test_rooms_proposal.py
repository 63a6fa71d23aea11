"""A proposal in the live room, in real browsers: the facilitator, three participants on
phones and the big screen, each in their own browser context, all updated live.

The assembly decides by the Occupy rule — full consensus; if a proposal is blocked
twice, a 90% vote decides. The proposal not to seek legal permits gets a clarifying
question, is blocked twice (with a reason everyone sees), and then passes the fallback
vote; the outcome sentence shows on every page.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from moot.core.rules import TEMPLATES
from moot.groups import actions as group_actions
from moot.meetings import actions as meeting_actions
from tests.browser.conftest import assert_accessible
from tests.browser.test_rooms_live import OpenContext, open_as, set_up_meeting

REASON = "The kitchen needs a health permit."


def vote(page: Page, position: str, reason: str = "") -> None:
    form = page.locator("[data-proposal=vote-form]")
    form.get_by_role("radio", name=re.compile("^" + position)).check()
    form.get_by_label("Reason (needed for a block)").fill(reason)
    form.get_by_role("button", name="Vote").click()
    expect(form.locator("[data-room-error]")).to_contain_text("counted")


def test_a_blocked_proposal_goes_to_the_fallback_vote_and_passes_live(
    live_url: str, new_context: OpenContext
) -> None:
    meeting, people = set_up_meeting()
    group_actions.do_update_group(meeting.group, decision_rule=TEMPLATES["occupy"].to_dict())
    meeting_actions.do_start_item(meeting.items.get(title="Permits"))
    room = f"/room/{meeting.pk}/"
    fay = open_as(new_context, live_url, people["fay"], room + "facilitate/")
    ana, ben, cleo = (
        open_as(new_context, live_url, people[n], room) for n in ("ana", "ben", "cleo")
    )
    screen = open_as(new_context, live_url, people["fay"], room + "projector/")
    screen.set_viewport_size({"width": 1920, "height": 1080})
    expect(ana.locator("[data-proposal=none]")).to_be_visible()

    # The facilitator puts the proposal on the item; everyone sees it and its rule.
    put = fay.locator("[data-proposal=put-form]")
    put.get_by_label("Title").fill("Do not seek legal permits")
    put.get_by_label("The proposal").fill("We hold the camp without asking for permits.")
    put.get_by_role("button", name="Put the proposal on this item").click()
    for page in (ana, screen):
        expect(page.locator("[data-proposal=title]")).to_have_text("Do not seek legal permits")
    expect(screen.locator("[data-proposal=rule]")).to_contain_text("blocked twice")
    expect(ana.locator("[aria-current=step]")).to_have_text("Clarifying questions")

    # A clarifying question reaches the big screen.
    ask = ana.locator("[data-proposal=ask-form]")
    ask.get_by_label("What you say").fill("Does this include the kitchen?")
    ask.get_by_role("button", name="Add").click()
    expect(screen.locator("[data-proposal=contributions]")).to_contain_text(
        "Clarifying question · Ana: Does this include the kitchen?"
    )
    assert_accessible(ana)

    for attempt in (1, 2):
        fay.get_by_role("button", name="Test for consensus").click()
        expect(screen.locator("[aria-current=step]")).to_have_text("Test for consensus")
        if attempt == 1:  # a block needs its reason: the form says so and counts nothing
            ben.locator("[data-proposal=vote-form]").get_by_role(
                "radio", name=re.compile("^Block")
            ).check()
            ben.get_by_role("button", name="Vote").click()
            expect(ben.locator("[data-proposal=vote-form] [data-room-error]")).to_have_text(
                "A block must give its reason."
            )
            expect(screen.locator("[data-proposal=ballots]")).to_have_text("Ballots cast: 0")
        vote(ana, "Agree")
        vote(ben, "Block", REASON)
        vote(cleo, "Stand aside")
        expect(screen.locator("[data-proposal=ballots]")).to_have_text("Ballots cast: 3")
        fay.get_by_role("button", name="Close the round and count").click()
        for page in (fay, ana, cleo, screen):
            expect(page.locator("[data-proposal=outcome]")).to_contain_text("Blocked")
            expect(page.locator("[data-proposal=outcome]")).to_contain_text(REASON)
    expect(screen.locator("[data-proposal=rounds]")).to_contain_text("Blocks · Ben: " + REASON)
    fallback_note = "The next round is the fallback vote: a 90% vote"
    for page in (fay, ana, screen):
        expect(page.locator("[data-proposal=stage-note]")).to_contain_text(fallback_note)
    assert_accessible(fay)

    # The fallback vote: 90% of those agreeing or disagreeing decide.
    fay.get_by_role("button", name="Open the fallback vote").click()
    expect(ana.locator("[aria-current=step]")).to_have_text("Fallback vote")
    vote(ana, "Agree")
    vote(ben, "Agree")
    vote(cleo, "Agree")
    expect(fay.locator("[data-proposal=ballots]")).to_have_text("Ballots cast: 3")
    fay.get_by_role("button", name="Close the round and count").click()
    passed = "Passed: 3 agree — 100% ≥ 90%"
    for page in (fay, ana, ben, cleo, screen):
        expect(page.locator("[data-proposal=outcome]")).to_have_text(passed)
    expect(ana.locator("[data-proposal=vote-form]")).to_be_hidden()
    assert_accessible(screen)
    assert_accessible(ana)
