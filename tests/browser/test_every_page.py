"""Every page of moot, in English and in Spanish: accessible, and fully translated.

A world with something on every page is set up through the apps' actions: a group with
a public and a members-only committee, a meeting in session with a proposal under way, a
second one in a breakout, an ended one with its minutes, proposals of every kind (one
closed with a minority report), a role with a term, a document, standing agreements and
the notices. Each page is visited in English and in Spanish, anonymously and as the
group's admin: axe finds nothing wrong, ``<html lang>`` names the language, and no
English sentence of ours is left on a Spanish page. Every GET page that moot's URLs name
is on the list, or is exempt below with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.actions import Draft
from moot.decisions.models import Proposal
from moot.groups import actions as groups
from moot.groups.models import Role, Visibility
from moot.meetings import actions as meetings
from moot.meetings.actions import ItemDraft
from moot.meetings.models import AgendaItem, ItemKind, Meeting
from moot.records.actions import do_adopt_agreement
from moot.records.documents import do_create_document
from moot.roles import actions as roles
from moot.rooms import actions as rooms
from moot.rooms.actions.proposals import do_put_proposal
from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]
NOT_THERE = "/g/999999/"  # the one page visited for what it says when nothing is there
PO_FILE = Path(settings.BASE_DIR) / "moot/locale/es/LC_MESSAGES/django.po"

# Routes that are not pages a person reads, each with the reason. A button's POST target
# needs no entry: it is recognised by answering a GET with 405.
DOWNLOAD = "a file to download, not an HTML page"
EXEMPT_PREFIXES = {
    "api/": "the JSON API, checked by the API tests",
    "i18n/": "the language switcher's POST target",
}
EXEMPT_NAMES = {
    "notices:group_calendar": DOWNLOAD,
    "notices:personal_calendar": DOWNLOAD,
    "records:minutes_markdown": DOWNLOAD,
    "records:export_group": DOWNLOAD,
    "records:export_decisions": DOWNLOAD,
    "records:export_documents": DOWNLOAD,
}


# --- The world ------------------------------------------------------------------------


def person(name: str) -> User:
    return User.objects.create_user(
        email=f"{name}@example.org", password="pw", display_name=name.title()
    )


def set_up_group() -> dict[str, object]:
    people = {name: person(name) for name in ("ada", "fay", "ben", "cleo")}
    group = groups.do_create_group(
        people["ada"], name="Plaza Assembly", kind="assembly", description="Every evening."
    )
    groups.do_add_member(people["fay"], group, Role.FACILITATOR)
    groups.do_add_member(people["ben"], group)
    groups.do_add_member(people["cleo"], group)
    outreach = groups.do_create_committee(people["ada"], group, name="Outreach")
    groups.do_add_member(people["cleo"], outreach, Role.NOTE_TAKER)
    morale = groups.do_create_committee(
        people["ada"], group, name="Morale", visibility=Visibility.MEMBERS
    )
    token = groups.do_create_invitation(people["ada"], group, note="for Dan")
    return {**people, "group": group, "outreach": outreach, "morale": morale, "token": token}


def item(meeting: Meeting, kind: str) -> AgendaItem:
    return meeting.items.get(kind=kind)


def live_room(world: dict[str, object]) -> Meeting:
    """A meeting in session: a proposal under way with a question and an amendment, two
    people on the stack, a signal."""
    ada, ben, group = world["ada"], world["ben"], world["group"]
    meeting = meetings.do_schedule_meeting(
        ada,
        group,
        title="Evening assembly",
        starts_at=timezone.now(),
        location="The fountain",
        items=[ItemDraft("Opening round", ItemKind.CHECK_IN), ItemDraft("Kitchen", "proposal")],
    )
    meetings.do_open_meeting(meeting)
    for someone in (ada, ben, world["cleo"]):
        meetings.do_check_in(someone, meeting)
    meetings.do_start_item(item(meeting, ItemKind.PROPOSAL))
    kitchen = do_put_proposal(meeting, ada, title="Share the kitchen", text="Open it to all.")
    decisions.do_add_contribution(kitchen, ben, "clarifying_question", "Who cleans it?")
    decisions.do_propose_amendment(kitchen, ben, "Open it to all, and clean it together.")
    rooms.do_join_stack(ben, meeting)
    rooms.do_join_stack(world["cleo"], meeting, "point_of_process")
    rooms.do_call_next(meeting)
    rooms.do_send_signal(ada, meeting, "wrap_up")
    return meeting


def breakout_meeting(world: dict[str, object]) -> tuple[Meeting, int, int]:
    """A meeting in a breakout into Outreach; Cleo, its note-taker, has joined."""
    meeting = meetings.do_schedule_meeting(
        world["ada"],
        world["group"],
        title="Morning assembly",
        starts_at=timezone.now(),
        items=[ItemDraft("Committees", ItemKind.BREAKOUT), ItemDraft("Banner", "discussion")],
    )
    meetings.do_open_meeting(meeting)
    committees = item(meeting, ItemKind.BREAKOUT)
    meetings.do_start_item(committees)
    breakout = meetings.do_open_breakout(committees, minutes=15, committees=[world["outreach"]])
    meetings.do_join_breakout(world["cleo"], breakout, [world["outreach"]])
    return meeting, breakout.pk, committees.pk


def ended_meeting(world: dict[str, object]) -> tuple[Meeting, Meeting]:
    """Last week's meeting, ended with an item tabled to the next (an emergency call)."""
    ada, group = world["ada"], world["group"]
    meeting = meetings.do_schedule_meeting(
        ada,
        group,
        title="Last assembly",
        starts_at=timezone.now() - timedelta(days=7),
        items=[ItemDraft("Budget", "discussion"), ItemDraft("Demands", "discussion")],
    )
    meetings.do_open_meeting(meeting)
    meetings.do_check_in(ada, meeting)
    meetings.do_start_item(meeting.items.get(title="Budget"))
    meetings.do_finish_item(meeting.items.get(title="Budget"))
    meetings.do_table_item(meeting.items.get(title="Demands"), reason="No time left.")
    meetings.do_end_meeting(meeting)
    emergency = meetings.do_schedule_meeting(
        ada,
        group,
        title="Emergency: eviction",
        starts_at=timezone.now() + timedelta(days=1),
        is_emergency=True,
        emergency_reason="The city plans to clear the square.",
        items=[ItemDraft("What we do", "discussion")],
    )
    return meeting, emergency


def closed_proposal(world: dict[str, object]) -> Proposal:
    """Decided between meetings; Ben disagreed and filed a minority report."""
    ada, ben, group = world["ada"], world["ben"], world["group"]
    closes = timezone.now() + timedelta(days=1)
    proposal = decisions.do_open_proposal(
        ada, group, Draft(title="Buy a banner", text="A red one.", mode="async", closes_at=closes)
    )
    decisions.do_cast_ballot(proposal, ada, {"position": "agree"})
    decisions.do_cast_ballot(proposal, world["fay"], {"position": "stand_aside"})
    decisions.do_cast_ballot(proposal, ben, {"position": "disagree"})
    decisions.do_close_proposal(proposal)
    decisions.do_file_minority_report(proposal, ben, "Red fades in the sun.")
    return proposal


def proposals_of_each_kind(world: dict[str, object]) -> list[Proposal]:
    ada, group = world["ada"], world["group"]
    closes = timezone.now() + timedelta(days=2)
    options = ["Monday", "Tuesday", "Friday"]
    drafts = [
        Draft(title="Keep the library open", text="Every day.", mode="async", closes_at=closes),
        Draft(title="Where to march", kind="poll", mode="async", closes_at=closes, options=options),
        Draft(title="Open days", kind="approval", mode="async", closes_at=closes, options=options),
        Draft(title="Rate the days", kind="score", mode="async", closes_at=closes, options=options),
        Draft(title="Spend the fund", kind="dots", mode="async", closes_at=closes, options=options),
        Draft(
            title="Rank the days", kind="ranked", mode="async", closes_at=closes, options=options
        ),
        Draft(
            title="Elect the stewards",
            kind="election",
            mode="async",
            closes_at=closes,
            options=["Ada", "Ben", "Cleo"],
            seats=2,
        ),
        Draft(
            title="When we meet",
            kind="time_poll",
            mode="async",
            closes_at=closes,
            options=["2031-06-01 18:30", "2031-06-02 18:30"],
        ),
    ]
    found = [decisions.do_open_proposal(ada, group, draft) for draft in drafts]
    decisions.do_add_contribution(found[0], world["ben"], "concern", "Who holds the keys?")
    return found


def records(world: dict[str, object]) -> tuple[int, int, int]:
    """A document, a standing agreement and a role Ada holds for a term."""
    ada, group = world["ada"], world["group"]
    document = do_create_document(ada, group, title="Kitchen rota", body="Ada on Mondays.")
    do_adopt_agreement(group, title="Photo consent", text="Ask before you take a photo.")
    role = roles.do_create_role(ada, group, name="Treasurer", duties="Keep the fund.")
    today = date.today()
    term = roles.do_start_term(ada, role, ada, starts_on=today, ends_on=today + timedelta(days=90))
    return document.pk, role.pk, term.pk


def seed(language: str = "en") -> dict[str, list[str]]:
    """Set up the world, with its stored sentences in ``language``; the pages to visit."""
    with translation.override(language):
        world = set_up_group()
        room = live_room(world)
        morning, breakout, committees = breakout_meeting(world)
        ended, emergency = ended_meeting(world)
        closed = closed_proposal(world)
        open_ones = proposals_of_each_kind(world)
        document, role, term = records(world)
    g, token = world["group"].pk, world["token"]  # type: ignore[attr-defined]
    everyone = [
        "/",
        f"/g/{g}/",
        f"/g/{g}/meetings/",
        f"/meetings/{room.pk}/",
        f"/meetings/{morning.pk}/",
        f"/breakouts/{breakout}/",
        f"/meetings/{ended.pk}/",
        f"/meetings/{ended.pk}/minutes/",
        f"/meetings/{emergency.pk}/",
        f"/room/{room.pk}/",
        f"/room/{room.pk}/projector/",
        f"/g/{g}/proposals/",
        f"/g/{g}/decisions/",
        f"/g/{g}/constitution/",
        f"/proposals/{closed.pk}/",
        *[f"/proposals/{p.pk}/" for p in open_ones],
        f"/g/{g}/roles/",
        f"/roles/{role}/",
        f"/g/{g}/agreements/",
        f"/g/{g}/documents/",
        f"/documents/{document}/",
        f"/g/{g}/export/",
        f"/invite/{token}/",
        "/g/999999/",
    ]
    anonymous = [
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password-reset/",
        "/accounts/password-reset/sent/",
        "/accounts/password-reset/MQ/bad-token/",
        "/accounts/password-reset/done/",
    ]
    admin = [
        "/accounts/profile/",
        "/groups/new/",
        f"/g/{world['morale'].pk}/",  # type: ignore[attr-defined]
        f"/g/{g}/members/",
        f"/g/{g}/audit/",
        f"/g/{g}/committees/new/",
        f"/g/{g}/settings/",
        f"/g/{g}/invitations/",
        f"/g/{g}/meetings/new/",
        f"/meetings/{room.pk}/edit/",
        f"/items/{room.items.first().pk}/edit/",  # type: ignore[union-attr]
        f"/items/{committees}/breakout/",
        f"/room/{room.pk}/facilitate/",
        f"/room/{morning.pk}/",
        f"/g/{g}/proposals/new/",
        f"/g/{g}/roles/new/",
        f"/roles/{role}/edit/",
        f"/roles/{role}/terms/new/",
        f"/roles/{role}/election/",
        f"/terms/{term}/report-back/",
        f"/g/{g}/documents/new/",
        f"/documents/{document}/edit/",
        "/notifications/",
        f"/g/{g}/notifications/",
    ]
    return {"anonymous": everyone + anonymous, "admin": everyone + admin}


# --- What is checked ------------------------------------------------------------------


def english_sentences() -> list[str]:
    """Our English sentences whose Spanish differs: each run of 12+ characters between
    placeholders and tags, so "Passed by consensus:" is found in a stored summary too."""
    found = set()
    for entry in polib.pofile(str(PO_FILE)):
        spanish = entry.msgstr or " ".join(entry.msgstr_plural.values())
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            for piece in re.split(r"%\(\w+\)\d*\w|\{\w+\}|<[^>]+>", msgid):
                piece = piece.strip(" .,:;")
                if len(piece) >= 12 and " " in piece and piece not in spanish:
                    found.add(piece)
    return sorted(found)


def words_on(page: Page) -> str:
    """What a person reads or hears: the text, the title and labelling attributes."""
    attributes = page.eval_on_selector_all(
        "[aria-label], [title], [placeholder], [alt]",
        """nodes => nodes.flatMap(n => ['aria-label', 'title', 'placeholder', 'alt']
            .map(a => n.getAttribute(a) || ''))""",
    )
    return "\n".join([page.title(), page.locator("body").inner_text(), *attributes])


def visit(page: Page, url: str, language: str, english: list[str]) -> list[str]:
    """Open ``url``; check it; the English sentences left on a Spanish page."""
    response = page.goto(url)
    assert response is not None, url
    assert response.status == (404 if url.endswith(NOT_THERE) else 200), url
    if page.locator("#room").count():
        expect(page.locator("#room")).to_have_attribute("data-live", "on")
    assert page.locator("html").get_attribute("lang") == language, url
    assert_accessible(page)
    if language == "en":
        return []
    # A sentence may start a stored summary or a longer sentence: compare in lower case.
    text = words_on(page).lower()
    return [sentence for sentence in english if sentence.lower() in text]


def signed_in_cookie(user: User, base: str) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": base}


# --- Tests ----------------------------------------------------------------------------


def test_the_spanish_translation_is_complete_and_current() -> None:
    po = polib.pofile(str(PO_FILE))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.obsolete_entries() == []
    assert po.percent_translated() == 100


def routes(resolver: URLResolver | None = None, prefix: str = "", space: str = "") -> Iterator:
    """(route, namespaced name) of every URL pattern moot has."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{space}{pattern.namespace}:" if pattern.namespace else space
            yield from routes(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{space}{pattern.name}"


def exemption(route: str, name: str, client: Client) -> str | None:
    """Why ``route`` is no page to visit, or None if it is one."""
    for prefix, reason in EXEMPT_PREFIXES.items():
        if route.startswith(prefix):
            return reason
    if name in EXEMPT_NAMES:
        return EXEMPT_NAMES[name]
    example = "/" + re.sub(r"<int:\w+>", "1", re.sub(r"<(str:)?\w+>", "x", route))
    if client.get(example).status_code == 405:
        return "a button's POST target: it answers a GET with 405"
    return None


@pytest.mark.django_db
def test_every_page_that_moot_serves_is_on_the_list_or_exempt_with_a_reason() -> None:
    pages = seed()
    visited = {resolve(path.split("?")[0]).route for paths in pages.values() for path in paths}
    client = Client()
    client.force_login(User.objects.get(email="ada@example.org"))
    missing = [
        route
        for route, name in routes()
        if route not in visited and not exemption(route, name, client)
    ]
    assert missing == []


@pytest.mark.parametrize(("locale", "language"), [("en-GB", "en"), ("es-ES", "es")])
def test_every_page_is_accessible_and_speaks_the_chosen_language(
    live_url: str, new_context: OpenContext, locale: str, language: str
) -> None:
    pages = seed(language)
    english = english_sentences() if language == "es" else []
    admin = User.objects.get(email="ada@example.org")
    leftovers: dict[str, list[str]] = {}
    for who, paths in pages.items():
        page = new_context(locale=locale)
        if who == "admin":
            page.context.add_cookies([signed_in_cookie(admin, live_url)])  # type: ignore[list-item]
        for path in paths:
            found = visit(page, live_url + path, language, english)
            if found:
                leftovers[f"{who} {path}"] = found
    assert leftovers == {}
