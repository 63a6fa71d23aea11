"""What the people of scenario S1 do in their browsers, one step each: sign in, check in,
take the stack, vote, say a block or a stand-aside, join committees and report back."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from moot.accounts.models import User

OpenContext = Callable[..., Page]
REPORTS = {"Outreach": "We print 500 flyers for Saturday.", "Sanitation": "Two compost bins."}


def signed_in(new_context: OpenContext, live_url: str, user: User, path: str) -> Page:
    """A browser context signed in as ``user`` (by session cookie), at ``path``."""
    client = Client()
    client.force_login(user)
    page = new_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_url}]
    )
    page.goto(live_url + path)
    return page


# --- What people do -------------------------------------------------------------------


def expect_live(page: Page) -> None:
    expect(page.locator("#room")).to_have_attribute("data-live", "on")


def check_in_and_enter_the_room(page: Page, presence: str = "In the room") -> None:
    page.get_by_label("Where are you?").select_option(label=presence)
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text(f"You are checked in ({presence}).")).to_be_visible()
    page.get_by_role("link", name="Go to the live room").click()
    expect_live(page)


def start_item(agenda: Page, title: str) -> None:
    item = agenda.locator("#agenda li", has_text=title)
    item.get_by_role("button", name="Start").click()
    expect(agenda.locator("#agenda li", has_text=title)).to_contain_text("Now")


def finish_item(agenda: Page, title: str) -> None:
    agenda.locator("#agenda li", has_text=title).get_by_role("button", name="Finish").click()
    expect(agenda.locator("#agenda li", has_text=title)).not_to_contain_text("Now")


def stack_names(page: Page) -> list[str]:
    return [text.split(" ")[0] for text in page.locator("[data-room=stack] li").all_inner_texts()]


def propose_a_change(page: Page, new_proposal_url: str, title: str, **change: str) -> str:
    """A member makes a proposal to decide in this meeting; answers its address."""
    page.goto(new_proposal_url)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("The proposal").fill(change.pop("text"))
    page.get_by_label("When is it decided?").select_option(label="In a meeting")
    if "rule" in change:
        page.get_by_label("If it passes, the group decides from then on by").select_option(
            change["rule"]
        )
    else:
        page.get_by_label("If it passes, the group adopts this standing agreement (title)").fill(
            change["agreement_title"]
        )
        page.get_by_label("Text of the standing agreement").fill(change["agreement_text"])
    page.get_by_role("button", name="Open it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def vote_on_the_proposal_page(page: Page, url: str, position: str) -> None:
    page.goto(url)
    page.get_by_label(position, exact=True).check()
    page.get_by_role("button", name="Vote", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your vote is counted.")


def decide_by_consensus_on_the_proposal_page(fay: Page, url: str, voters: list[Page]) -> None:
    """Fay calls a test for consensus; everyone agrees; she counts."""
    fay.goto(url)
    fay.get_by_label("Move to").select_option("testing")
    fay.get_by_role("button", name="Move on").click()
    expect(fay.get_by_role("group", name="Ballot for round 1")).to_be_visible()
    for voter in voters:
        vote_on_the_proposal_page(voter, url, "Agree")
    fay.reload()
    fay.get_by_role("button", name="Close the vote and count").click()
    expect(fay.get_by_role("region", name="Outcome: Passed")).to_contain_text("no block")


def vote_in_the_room(page: Page, position: str, reason: str = "") -> None:
    form = page.locator("[data-proposal=vote-form]")
    form.get_by_role("radio", name=re.compile("^" + position)).check()
    form.get_by_label("Reason (needed for a block)").fill(reason)
    form.get_by_role("button", name="Vote").click()
    expect(form.locator("[data-room-error]")).to_contain_text("counted")


def say_on_the_proposal(page: Page, kind: str, text: str) -> None:
    ask = page.locator("[data-proposal=ask-form]")
    ask.get_by_label("Kind").select_option(label=kind)
    ask.get_by_label("What you say").fill(text)
    ask.get_by_role("button", name="Add").click()


def count_the_round(fay: Page, pages: list[Page], expected: str) -> None:
    fay.get_by_role("button", name="Close the round and count").click()
    for page in pages:
        expect(page.locator("[data-proposal=outcome]")).to_contain_text(expected)


def join_committees(page: Page, meeting_url: str, committees: list[str]) -> None:
    page.goto(meeting_url)
    page.get_by_role("link", name="Join a committee and report back").click()
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"1[45]:\d\d"))
    for committee in committees:
        page.get_by_label(committee, exact=True).check()
    page.get_by_role("button", name="Join").click()
    for committee in committees:
        expect(page.locator(".cards li", has_text=committee).first).to_contain_text("you are here")


def file_report_back(page: Page, committee: str) -> None:
    page.get_by_label("Committee", exact=True).select_option(label=committee)
    page.get_by_role("textbox", name="Report-back").fill(REPORTS[committee])
    page.get_by_role("button", name="File the report-back").click()
    expect(page.get_by_role("status")).to_contain_text(f"report-back of {committee} is filed")
