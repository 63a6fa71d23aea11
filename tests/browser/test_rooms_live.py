"""The live room in real browsers: a facilitator, three participants on phones and the
big screen, each in their own browser context, all updated through the live stream.

A point of process jumps the stack, the room asks the speaker to wrap up and only the
speaker sees it, a check-in circle goes round, and the big screen shows it all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Role
from moot.meetings.models import Meeting
from tests.apps.test_rooms_world import arrive, live_meeting
from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]


def person(name: str) -> User:
    return User.objects.create_user(
        email=f"{name}@example.org", password="pw", display_name=name.title()
    )


def open_as(new_context: OpenContext, live_url: str, user: User, path: str) -> Page:
    """A browser context signed in as ``user`` (by session cookie), at ``path``."""
    client = Client()
    client.force_login(user)
    page = new_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_url}]
    )
    page.goto(live_url + path)
    expect(page.locator("#room")).to_have_attribute("data-live", "on")
    return page


def set_up_meeting() -> tuple[Meeting, dict[str, User]]:
    admin = person("admin")
    group = group_actions.do_create_group(admin, name="Riverside Assembly", kind="assembly")
    people = {name: person(name) for name in ("fay", "ana", "ben", "cleo")}
    group_actions.do_add_member(people["fay"], group, Role.FACILITATOR)
    for name in ("ana", "ben", "cleo"):
        group_actions.do_add_member(people[name], group)
    meeting = live_meeting(group, wrap_up_threshold=2)
    arrive(meeting, people["ana"], people["ben"], people["cleo"])
    return meeting, people


def stack_names(page: Page) -> list[str]:
    return [text.split(" ")[0] for text in page.locator("[data-room=stack] li").all_inner_texts()]


def test_the_room_runs_a_stack_a_wrap_up_and_a_check_in_circle_live(
    live_url: str, new_context: OpenContext
) -> None:
    meeting, people = set_up_meeting()
    room = f"/room/{meeting.pk}/"
    fay = open_as(new_context, live_url, people["fay"], room + "facilitate/")
    ana, ben, cleo = (
        open_as(new_context, live_url, people[n], room) for n in ("ana", "ben", "cleo")
    )
    screen = open_as(new_context, live_url, people["fay"], room + "projector/")
    screen.set_viewport_size({"width": 1920, "height": 1080})
    for page in (fay, ana, screen):
        assert_accessible(page)

    # The stack: Ana and Ben join; Cleo's point of process jumps once approved.
    ana.get_by_role("button", name="Join the stack").click()
    expect(ana.get_by_role("button", name="Leave the stack")).to_be_visible()
    ben.get_by_role("button", name="Join the stack").click()
    cleo.get_by_role("region", name="You").get_by_role("button", name="Point of process").click()
    expect(fay.locator("[data-room=stack] li")).to_have_count(3)
    expect(fay.locator("[data-room=stack]")).to_contain_text("waits for approval")
    fay.get_by_role("button", name="Approve Cleo").click()
    expect(screen.locator("[data-room=stack] li").first).to_contain_text("Cleo")
    assert stack_names(fay) == ["Cleo", "Ana", "Ben"]

    fay.get_by_role("button", name="Call the next speaker").click()
    expect(screen.locator("[data-room=speaker]")).to_contain_text("Cleo")
    expect(screen.locator("[data-room=countdown]")).to_have_text(re.compile(r"[12]:\d\d"))
    fay.get_by_role("button", name="Call the next speaker").click()
    expect(ana.locator("[data-room=speaker]")).to_contain_text("Ana")
    expect(ana.get_by_role("button", name="I have finished speaking")).to_be_visible()

    # Wrap up: two people ask, and only the speaker sees the banner.
    ben.get_by_role("button", name="Wrap up").click()
    expect(fay.locator("[data-room=signal-names]")).to_contain_text("Ben: Wrap up")
    expect(ana.locator("[data-room=wrap-up]")).to_be_hidden()
    cleo.get_by_role("button", name="Wrap up").click()
    expect(ana.locator("[data-room=wrap-up]")).to_be_visible()
    expect(ben.locator("[data-room=wrap-up]")).to_be_hidden()
    expect(screen.locator("[data-room=signal-counts]")).to_contain_text("Wrap up 2")
    assert_accessible(ana)
    ben.get_by_role("button", name="Wrap up").click()
    expect(ben.locator("[data-room=message]")).to_contain_text("wait")

    # A check-in circle goes round: Ana speaks, Ben passes, Cleo speaks.
    fay.get_by_role("button", name="Start a circle with everyone present").click()
    expect(ana.get_by_role("heading", name="You hold the talking piece")).to_be_visible()
    expect(ben.get_by_role("heading", name="You hold the talking piece")).to_be_hidden()
    expect(screen.locator("[data-room=circle]")).to_contain_text("Ana — holds the talking piece")
    ana.get_by_role("button", name="Done", exact=True).click()
    expect(ben.get_by_role("heading", name="You hold the talking piece")).to_be_visible()
    ben.get_by_role("button", name="Pass", exact=True).click()
    fay.get_by_role("button", name="Done, for Cleo").click()
    circle = screen.locator("[data-room=circle] li")
    expect(circle).to_have_text(["Ana — spoke", "Ben — passed", "Cleo — spoke"])
    expect(screen.locator("[data-room=speaker]")).to_have_text("Nobody is speaking.")
    assert_accessible(screen)
    assert_accessible(fay)
