"""A meeting from the call to the end, in real browsers: the facilitator schedules it
and runs the agenda, a member answers, checks in, breaks out into a committee and files
its report-back, and a tabled item turns up on the next meeting by itself."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role
from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]


def person(name: str) -> User:
    return User.objects.create_user(
        email=f"{name.lower()}@example.org", password=f"pw-{name}-long-enough", display_name=name
    )


def sign_in(page: Page, live_url: str, user: User, name: str) -> None:
    page.goto(live_url + "/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(f"pw-{name}-long-enough")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()


def seed() -> tuple[User, User, Group]:
    ada, bea = person("Ada"), person("Bea")
    assembly = group_actions.do_create_group(ada, name="Plaza Assembly", kind="assembly")
    group_actions.do_add_member(bea, assembly)
    outreach = group_actions.do_create_committee(ada, assembly, name="Outreach")
    group_actions.do_add_member(bea, outreach, Role.NOTE_TAKER)
    return ada, bea, assembly


def schedule(page: Page, title: str, agenda: str, day: str) -> None:
    page.get_by_role("link", name="Schedule a meeting").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule a meeting")
    assert_accessible(page)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Starts at").fill(f"{day}T18:00")
    page.get_by_label("Agenda").fill(agenda)
    page.get_by_role("button", name="Schedule it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_meeting_runs_from_the_call_to_the_report_backs_and_tabling(
    live_url: str, new_context: OpenContext
) -> None:
    ada_user, bea_user, assembly = seed()
    ada, bea = new_context(), new_context()
    sign_in(ada, live_url, ada_user, "Ada")
    sign_in(bea, live_url, bea_user, "Bea")

    ada.goto(f"{live_url}/g/{assembly.pk}/")
    schedule(ada, "Next assembly", "", "2031-05-08")
    ada.goto(f"{live_url}/g/{assembly.pk}/")
    schedule(ada, "Plaza GA", "Welcome\nCommittees\nDemands", "2031-05-01")
    meeting_url = ada.url
    ada.get_by_role("link", name="Edit Committees").click()
    ada.get_by_label("Kind").select_option("breakout")
    ada.get_by_role("button", name="Save").click()
    assert_accessible(ada)

    bea.goto(meeting_url)
    bea.get_by_role("button", name="I'm coming").click()
    expect(bea.get_by_text("1 coming · 0 not coming")).to_be_visible()
    assert_accessible(bea)

    ada.get_by_role("button", name="Open the meeting").click()
    expect(ada.locator(".status")).to_have_text("In session")
    bea.reload()
    bea.get_by_label("Where are you?").select_option("remote")
    bea.get_by_role("button", name="Check in").click()
    expect(bea.get_by_text("You are checked in (Remote).")).to_be_visible()

    ada.reload()
    ada.locator("#agenda li", has_text="Welcome").get_by_role("button", name="Start").click()
    expect(ada.locator("#agenda li", has_text="Welcome")).to_contain_text("Now")
    ada.get_by_role("link", name="Open a breakout").click()
    assert_accessible(ada)
    ada.get_by_label("How long (minutes)").fill("15")
    ada.get_by_role("button", name="Open the breakout").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Breakout: Committees")

    bea.goto(meeting_url)
    bea.get_by_role("link", name="Join a committee and report back").click()
    expect(bea.get_by_role("timer")).to_contain_text(":")
    assert_accessible(bea)
    bea.get_by_label("Outreach").check()
    bea.get_by_role("button", name="Join").click()
    expect(bea.get_by_text("you are here")).to_be_visible()
    bea.get_by_role("textbox", name="Report-back").fill("We print 500 flyers.")
    bea.get_by_role("button", name="File the report-back").click()
    expect(bea.get_by_role("status")).to_contain_text("report-back of Outreach is filed")

    ada.reload()
    ada.get_by_role("button", name="End the breakout").click()
    report = ada.locator("#agenda li", has_text="Report-back: Outreach")
    expect(report).to_contain_text("We print 500 flyers.")
    demands = ada.locator("#agenda li", has_text="Demands")
    demands.get_by_label("Why it is tabled (optional)").fill("No time left")
    demands.get_by_role("button", name="Table").click()
    expect(ada.locator("#agenda")).to_contain_text("Demands is tabled to Next assembly.")
    assert_accessible(ada)
    ada.get_by_role("button", name="End the meeting").click()
    expect(ada.locator(".status")).to_have_text("Ended")

    ada.goto(f"{live_url}/g/{assembly.pk}/meetings/")
    assert_accessible(ada)
    ada.get_by_role("link", name="Next assembly").click()
    expect(ada.locator("#agenda")).to_contain_text("Carried from Plaza GA")
