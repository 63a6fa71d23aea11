"""A newcomer starts a group, builds its committees and brings a second person in."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]


def sign_up(page: Page, email: str, name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password").fill("a long enough passphrase 42")
    page.get_by_role("button", name="Create my account").click()


def add_committee(page: Page, name: str, visibility: str) -> None:
    page.get_by_role("link", name="Add a committee").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("New committee")
    assert_accessible(page)
    page.get_by_label("Name").fill(name)
    page.get_by_label("Who can see the committee").select_option(visibility)
    page.get_by_role("button", name="Create the committee").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_a_group_grows_committees_and_a_second_person_joins_by_invitation(
    live_url: str, new_context: OpenContext
) -> None:
    alice = new_context()
    alice.goto(live_url + "/accounts/signup/")
    sign_up(alice, "alice@example.org", "Alice")
    expect(alice.get_by_role("status")).to_contain_text("Welcome to moot, Alice")
    assert_accessible(alice)

    alice.get_by_role("link", name="Start a group").click()
    assert_accessible(alice)
    alice.get_by_label("Name").fill("Riverside Assembly")
    alice.get_by_label("Kind of group").select_option("assembly")
    alice.get_by_role("button", name="Create the group").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Riverside Assembly")
    assert_accessible(alice)
    group_url = alice.url

    add_committee(alice, "Outreach", "public")
    outreach_url = alice.url
    add_committee(alice, "Street team", "committee")
    street_team_url = alice.url
    expect(alice.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Outreach")

    alice.goto(group_url)
    expect(alice.locator(".tree")).to_contain_text("Street team")
    alice.get_by_role("link", name="Invite people").click()
    assert_accessible(alice)
    alice.get_by_role("button", name="Create an invitation link").click()
    link = alice.get_by_label("Send this link to the person you invite").input_value()
    assert re.search(r"/invite/[\w-]+/$", link)

    bob = new_context()
    bob.goto(link)
    expect(bob.get_by_role("heading", level=1)).to_contain_text("Riverside Assembly")
    assert_accessible(bob)
    bob.get_by_role("main").get_by_role("link", name="Sign up").click()
    sign_up(bob, "bob@example.org", "Bob")
    expect(bob).to_have_url(link)
    bob.get_by_role("button", name="Join Riverside Assembly").click()
    expect(bob.get_by_role("status")).to_contain_text("Welcome to Riverside Assembly")
    expect(bob.get_by_role("region", name="You and this group")).to_contain_text("You are a member")

    bob.goto(outreach_url)
    bob.get_by_role("button", name="Join Outreach").click()
    expect(bob.get_by_role("status")).to_contain_text("You joined Outreach")
    bob.get_by_role("link", name="Members").click()
    expect(bob.get_by_role("table")).to_contain_text("Alice")
    expect(bob.get_by_role("table")).to_contain_text("Bob")
    assert_accessible(bob)

    # The same link cannot bring in a third person.
    bob.goto(link)
    expect(bob.get_by_role("alert")).to_contain_text("already been used")

    anonymous = new_context()
    anonymous.goto(group_url + "members/")
    expect(anonymous.get_by_role("alert")).to_contain_text("nothing here")
    anonymous.goto(street_team_url)
    expect(anonymous.get_by_role("alert")).to_contain_text("nothing here")
    expect(anonymous.locator("body")).not_to_contain_text("Street team")
    anonymous.goto(group_url)
    expect(anonymous.locator(".tree")).not_to_contain_text("Street team")
    assert_accessible(anonymous)
