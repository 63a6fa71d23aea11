"""Scenario S1 end to end, in real browsers: a general assembly in a room, on phones and
on the big screen.

The group, its members, its committees with their note-takers and the meeting with its
agenda are set up through actions; everything that happens in the meeting happens by
clicking. The facilitator opens the meeting; Ana, Ben and Cleo check in from their
phones; a check-in circle goes round; the stack runs with a point of process that jumps
it, a countdown and a wrap-up only the speaker sees; the assembly adopts "full
consensus; if a proposal is blocked twice, a 90% vote decides"; the committees break
out and their note-takers report back; the proposal not to seek legal permits is
blocked twice and passes the fallback vote with one stand-aside; a photo-consent
agreement joins the standing agreements; the demands are tabled to the next meeting;
and the minutes are there when the meeting ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role
from moot.meetings import actions as meeting_actions
from moot.meetings.actions import ItemDraft
from moot.meetings.models import ItemKind, Meeting
from tests.browser.conftest import assert_accessible
from tests.browser.s1_steps import (
    REPORTS,
    OpenContext,
    check_in_and_enter_the_room,
    count_the_round,
    decide_by_consensus_on_the_proposal_page,
    expect_live,
    file_report_back,
    finish_item,
    join_committees,
    propose_a_change,
    say_on_the_proposal,
    signed_in,
    stack_names,
    start_item,
    vote_in_the_room,
)

COMMITTEES = ("Outreach", "Communications", "Sanitation", "Morale", "Legal & Research")
MORE_COMMITTEES = ("Medical", "Facilitation")
AGENDA = [
    ItemDraft(title="Check-in", kind=ItemKind.CHECK_IN),
    ItemDraft(title="Open discussion"),
    ItemDraft(title="Committees", kind=ItemKind.BREAKOUT),
    ItemDraft(title="Permits", kind=ItemKind.PROPOSAL),
    ItemDraft(title="Photo consent"),
    ItemDraft(title="Demands"),
]
BLOCK = "The kitchen needs a health permit."
STAND_ASIDE = "I will not march without a permit."
RULE_SENTENCE = "Full consensus; if a proposal is blocked twice"
PHOTO_CONSENT = "Ask before you photograph anyone; never post a face without a yes."
PASSED = "Passed: 2 agree, 1 stand aside — 100% ≥ 90%"
BLOCKED_TALLY = "Agree 1, Disagree 0, Abstain 0, Stand aside 1, Block 1"
PASSED_TALLY = "Agree 2, Disagree 0, Abstain 0, Stand aside 1, Block 0"
# The agenda as the minutes keep it: each report-back joins it after the breakout.
KEPT_AGENDA = [
    *(item.title for item in AGENDA[:3]),
    *(f"Report-back: {committee}" for committee in REPORTS),
    *(item.title for item in AGENDA[3:]),
]


# --- Setting up the assembly ----------------------------------------------------------


def person(name: str) -> User:
    return User.objects.create_user(
        email=f"{name}@example.org", password="pw", display_name=name.title()
    )


def set_up_committees(admin: User, group: Group, people: dict[str, User]) -> None:
    """Seven committees and Engineering below Communications; Ana takes Outreach's notes
    and Ben Sanitation's."""
    made = {
        name: group_actions.do_create_committee(admin, group, name=name)
        for name in COMMITTEES + MORE_COMMITTEES
    }
    group_actions.do_create_committee(admin, made["Communications"], name="Engineering")
    group_actions.do_add_member(people["ana"], made["Outreach"], Role.NOTE_TAKER)
    group_actions.do_add_member(people["ben"], made["Sanitation"], Role.NOTE_TAKER)


def set_up_assembly() -> tuple[Meeting, Meeting, dict[str, User]]:
    """The assembly, its facilitator Fay, Ana, Ben and Cleo, tonight's meeting and the next."""
    people = {name: person(name) for name in ("ada", "fay", "ana", "ben", "cleo")}
    group = group_actions.do_create_group(
        people["ada"], name="Liberty Square Assembly", kind="assembly"
    )
    group_actions.do_add_member(people["fay"], group, Role.FACILITATOR)
    for name in ("ana", "ben", "cleo"):
        group_actions.do_add_member(people[name], group)
    set_up_committees(people["ada"], group, people)
    now = timezone.now()
    meeting = meeting_actions.do_schedule_meeting(
        people["fay"], group, title="General assembly", starts_at=now, items=AGENDA
    )
    # Three people in the room: two asking the speaker to wrap up are enough.
    Meeting.objects.filter(pk=meeting.pk).update(wrap_up_threshold=2)
    next_meeting = meeting_actions.do_schedule_meeting(
        people["fay"], group, title="Next general assembly", starts_at=now + timedelta(days=1)
    )
    return meeting, next_meeting, people


# --- The assembly, step by step -------------------------------------------------------


@dataclass
class Assembly:
    """Everyone's pages: Fay's agenda tab and room tab, three phones, the big screen."""

    base: str
    meeting: Meeting
    agenda: Page
    fay: Page
    ana: Page
    ben: Page
    cleo: Page
    screen: Page

    @property
    def meeting_url(self) -> str:
        return f"{self.base}/meetings/{self.meeting.pk}/"

    @property
    def room_url(self) -> str:
        return f"{self.base}/room/{self.meeting.pk}/"

    @property
    def new_proposal_url(self) -> str:
        return f"{self.base}/g/{self.meeting.group_id}/proposals/new/"

    @property
    def phones(self) -> list[Page]:
        return [self.ana, self.ben, self.cleo]

    @property
    def everyone(self) -> list[Page]:
        return [self.fay, *self.phones, self.screen]


def open_the_meeting(
    new_context: OpenContext, live_url: str, meeting: Meeting, people: dict[str, User]
) -> Assembly:
    """Fay opens the meeting from its page; Ana, Ben and Cleo check in on their phones."""
    meeting_path, room_path = f"/meetings/{meeting.pk}/", f"/room/{meeting.pk}/"
    agenda = signed_in(new_context, live_url, people["fay"], meeting_path)
    assert_accessible(agenda)
    agenda.get_by_role("button", name="Open the meeting").click()
    expect(agenda.locator(".status")).to_have_text("In session")
    ana, ben, cleo = (
        signed_in(new_context, live_url, people[name], meeting_path)
        for name in ("ana", "ben", "cleo")
    )
    assert_accessible(ana)
    check_in_and_enter_the_room(ana)
    check_in_and_enter_the_room(ben)
    check_in_and_enter_the_room(cleo, "Remote")
    fay = agenda.context.new_page()  # Fay keeps the agenda in one tab, the room in another
    fay.goto(live_url + room_path + "facilitate/")
    screen = signed_in(new_context, live_url, people["ada"], room_path + "projector/")
    screen.set_viewport_size({"width": 1920, "height": 1080})
    for page in (fay, screen):
        expect_live(page)
    return Assembly(live_url, meeting, agenda, fay, ana, ben, cleo, screen)


def go_round_the_check_in_circle(a: Assembly) -> None:
    """The talking piece goes round: Ana speaks, Ben passes, Cleo speaks."""
    start_item(a.agenda, "Check-in")
    expect(a.screen.locator("[data-room=item]")).to_have_text("Check-in")
    for page in (a.fay, a.ana, a.screen):
        assert_accessible(page)
    a.fay.get_by_role("button", name="Start a circle with everyone present").click()
    circle = a.screen.locator("[data-room=circle]")
    expect(a.ana.get_by_role("heading", name="You hold the talking piece")).to_be_visible()
    expect(circle).to_contain_text("Ana — holds the talking piece")
    a.ana.get_by_role("button", name="Done", exact=True).click()
    expect(circle).to_contain_text("Ben — holds the talking piece")
    a.ben.get_by_role("button", name="Pass", exact=True).click()
    expect(a.cleo.get_by_role("heading", name="You hold the talking piece")).to_be_visible()
    a.cleo.get_by_role("button", name="Done", exact=True).click()
    expect(circle.locator("li")).to_have_text(["Ana — spoke", "Ben — passed", "Cleo — spoke"])
    finish_item(a.agenda, "Check-in")


def join_the_stack_with_a_point_of_process(a: Assembly) -> None:
    """Ana and Ben join the stack; Cleo's point of process jumps it once Fay approves."""
    start_item(a.agenda, "Open discussion")
    expect(a.screen.locator("[data-room=item]")).to_have_text("Open discussion")
    a.ana.get_by_role("button", name="Join the stack").click()
    expect(a.ana.get_by_role("button", name="Leave the stack")).to_be_visible()
    a.ben.get_by_role("button", name="Join the stack").click()
    you = a.cleo.get_by_role("region", name="You")
    you.get_by_role("button", name="Point of process").click()
    expect(a.fay.locator("[data-room=stack]")).to_contain_text("waits for approval")
    a.fay.get_by_role("button", name="Approve Cleo").click()
    expect(a.screen.locator("[data-room=stack] li").first).to_contain_text("Cleo")
    assert stack_names(a.fay) == ["Cleo", "Ana", "Ben"]


def call_the_speakers_and_wrap_up(a: Assembly) -> None:
    """Fay calls each speaker; a countdown runs; the room asks Ana to wrap up."""
    speaker = a.screen.locator("[data-room=speaker]")
    a.fay.get_by_role("button", name="Call the next speaker").click()
    expect(speaker).to_contain_text("Cleo")
    expect(a.screen.locator("[data-room=countdown]")).to_have_text(re.compile(r"[12]:\d\d"))
    a.fay.get_by_role("button", name="Call the next speaker").click()
    expect(a.ana.get_by_role("button", name="I have finished speaking")).to_be_visible()
    a.ben.get_by_role("button", name="Wrap up").click()
    a.cleo.get_by_role("button", name="Wrap up").click()
    expect(a.ana.locator("[data-room=wrap-up]")).to_be_visible()
    for page in (a.ben, a.cleo):  # the other phones stay quiet; the big screen shows it
        expect(page.locator("[data-room=wrap-up]")).to_be_hidden()
    a.ana.get_by_role("button", name="I have finished speaking").click()
    a.fay.get_by_role("button", name="Call the next speaker").click()
    expect(speaker).to_contain_text("Ben")
    a.fay.get_by_role("button", name="End the speech").click()
    expect(speaker).to_have_text("Nobody is speaking.")


def adopt_the_assemblys_rule(a: Assembly) -> None:
    """Ben proposes "full consensus; blocked twice, a 90% vote"; all agree."""
    text = "We decide by full consensus, with a 90% vote after two blocks."
    url = propose_a_change(a.ben, a.new_proposal_url, "How we decide", text=text, rule="occupy")
    expect(a.ben.get_by_role("article")).to_contain_text(RULE_SENTENCE)
    assert_accessible(a.ben)
    decide_by_consensus_on_the_proposal_page(a.agenda, url, a.phones)
    assert_accessible(a.agenda)
    a.agenda.goto(a.meeting_url)
    finish_item(a.agenda, "Open discussion")


def break_out_and_report_back(a: Assembly) -> None:
    """A 15-minute breakout; Ana and Ben, the note-takers, report back for their committees."""
    item = a.agenda.locator("#agenda li", has_text="Committees")
    item.get_by_role("link", name="Open a breakout").click()
    a.agenda.get_by_label("How long (minutes)").fill("15")
    a.agenda.get_by_role("button", name="Open the breakout").click()
    expect(a.agenda.get_by_role("heading", level=1)).to_have_text("Breakout: Committees")
    join_committees(a.ana, a.meeting_url, ["Outreach"])
    join_committees(a.ben, a.meeting_url, ["Sanitation", "Engineering"])
    join_committees(a.cleo, a.meeting_url, ["Morale", "Medical"])
    assert_accessible(a.ana)
    file_report_back(a.ana, "Outreach")
    file_report_back(a.ben, "Sanitation")
    expect(a.cleo.get_by_role("region", name="File a report-back")).to_have_count(0)
    a.agenda.reload()
    a.agenda.get_by_role("button", name="End the breakout").click()
    for committee, report in REPORTS.items():
        reported = a.agenda.locator("#agenda li", has_text=f"Report-back: {committee}")
        expect(reported).to_contain_text(report)


def put_the_permits_proposal(a: Assembly) -> None:
    """Fay puts the proposal on its item; Ana asks a clarifying question, Ben a concern."""
    for page in a.phones:
        page.goto(a.room_url)
        expect_live(page)
    start_item(a.agenda, "Permits")
    put = a.fay.locator("[data-proposal=put-form]")
    put.get_by_label("Title").fill("Do not seek legal permits")
    put.get_by_label("The proposal").fill("We hold the square without asking for permits.")
    put.get_by_role("button", name="Put the proposal on this item").click()
    for page in (a.ana, a.screen):
        expect(page.locator("[data-proposal=title]")).to_have_text("Do not seek legal permits")
    expect(a.screen.locator("[data-proposal=rule]")).to_contain_text(RULE_SENTENCE)
    say_on_the_proposal(a.ana, "Clarifying question", "Does this include the kitchen?")
    say_on_the_proposal(a.ben, "Concern", "The police may clear the square.")
    said = a.screen.locator("[data-proposal=contributions]")
    expect(said).to_contain_text("Clarifying question · Ana: Does this include the kitchen?")
    expect(said).to_contain_text("Concern · Ben: The police may clear the square.")


def block_twice_then_pass_by_the_fallback_vote(a: Assembly) -> None:
    """Ben blocks two tests for consensus; the 90% vote passes it; Cleo stands aside."""
    for _attempt in (1, 2):
        a.fay.get_by_role("button", name="Test for consensus").click()
        expect(a.ana.locator("[aria-current=step]")).to_have_text("Test for consensus")
        vote_in_the_room(a.ana, "Agree")
        vote_in_the_room(a.ben, "Block", BLOCK)
        vote_in_the_room(a.cleo, "Stand aside", STAND_ASIDE)
        expect(a.screen.locator("[data-proposal=ballots]")).to_have_text("Ballots cast: 3")
        count_the_round(a.fay, a.everyone, "Blocked")
    expect(a.screen.locator("[data-proposal=rounds]")).to_contain_text("Blocks · Ben: " + BLOCK)
    expect(a.ana.locator("[data-proposal=stage-note]")).to_contain_text("fallback vote: a 90%")
    assert_accessible(a.ana)
    a.fay.get_by_role("button", name="Open the fallback vote").click()
    expect(a.cleo.locator("[aria-current=step]")).to_have_text("Fallback vote")
    vote_in_the_room(a.ana, "Agree")
    vote_in_the_room(a.ben, "Agree")
    vote_in_the_room(a.cleo, "Stand aside", STAND_ASIDE)
    count_the_round(a.fay, a.everyone, PASSED)
    assert_accessible(a.screen)
    finish_item(a.agenda, "Permits")


def adopt_the_photo_consent_agreement(a: Assembly) -> None:
    """Cleo proposes the agreement; it passes by consensus and joins the standing ones."""
    start_item(a.agenda, "Photo consent")
    url = propose_a_change(
        a.cleo,
        a.new_proposal_url,
        "Photo consent",
        text="We adopt a photo-consent agreement.",
        agreement_title="Photo consent",
        agreement_text=PHOTO_CONSENT,
    )
    expect(a.cleo.get_by_role("article")).to_contain_text(RULE_SENTENCE)  # the new rule holds
    decide_by_consensus_on_the_proposal_page(a.agenda, url, a.phones)
    a.ana.goto(f"{a.base}/g/{a.meeting.group_id}/agreements/")
    expect(a.ana.get_by_role("main")).to_contain_text(PHOTO_CONSENT)
    assert_accessible(a.ana)
    a.agenda.goto(a.meeting_url)
    finish_item(a.agenda, "Photo consent")


def table_the_demands_and_end(a: Assembly) -> None:
    demands = a.agenda.locator("#agenda li", has_text="Demands")
    demands.get_by_label("Why it is tabled (optional)").fill("We ran out of time.")
    demands.get_by_role("button", name="Table").click()
    expect(a.agenda.locator("#agenda")).to_contain_text(
        "Demands is tabled to Next general assembly."
    )
    a.agenda.get_by_role("button", name="End the meeting").click()
    expect(a.agenda.locator(".status")).to_have_text("Ended")


def read_the_minutes(page: Page) -> None:
    """Attendance, the items, the speakers, the proposal and the report-backs, as kept."""
    page.get_by_role("link", name="Read the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes: General assembly")
    attendance = page.get_by_role("region", name="Attendance")
    for line in ("Ana (In the room)", "Ben (In the room)", "Cleo (Remote)"):
        expect(attendance).to_contain_text(line)
    items = page.get_by_role("region", name="Agenda").locator("section.item")
    numbered = [re.compile(rf"^{n}\. {re.escape(t)} ") for n, t in enumerate(KEPT_AGENDA, 1)]
    expect(items.locator("h3")).to_have_text(numbered)
    read_the_permits_proposal(items.filter(has_text="Do not seek legal permits"))
    read_the_speakers(page)
    report_backs = page.get_by_role("region", name="Report-backs")
    for committee, report in REPORTS.items():
        expect(report_backs.locator("h3", has_text=committee)).to_be_visible()
        expect(report_backs).to_contain_text(report)
    tabled = page.get_by_role("region", name="Tabled items")
    expect(tabled).to_have_text(re.compile(r"Demands — Carried to Next general assembly\."))
    assert_accessible(page)


def read_the_permits_proposal(permits: Locator) -> None:
    """Its rule, each round's tally, the blocks with reasons, the stand-aside, the outcome."""
    expect(permits).to_contain_text("Rule: " + RULE_SENTENCE)
    rounds = permits.locator("ol > li")
    expect(rounds).to_have_count(3)
    for number in (0, 1):
        expect(rounds.nth(number)).to_contain_text("Blocked: 1 agree, 1 stand aside, 1 block")
        expect(rounds.nth(number)).to_contain_text(f"Tally: {BLOCKED_TALLY}")
        expect(rounds.nth(number)).to_contain_text(f"Block — Ben: {BLOCK}")
        expect(rounds.nth(number)).to_contain_text(f"Stand aside — Cleo: {STAND_ASIDE}")
    expect(rounds.nth(2)).to_contain_text(f"Tally: {PASSED_TALLY}")
    expect(rounds.nth(2)).to_contain_text(f"Stand aside — Cleo: {STAND_ASIDE}")
    expect(permits).to_contain_text(f"Outcome: {PASSED}")


def read_the_speakers(page: Page) -> None:
    """Everyone who spoke, in the order they first spoke, with the seconds they spoke."""
    rows = page.get_by_role("region", name="Speakers").locator("tbody tr")
    expect(rows.locator("td:first-child")).to_have_text(["Ana", "Cleo", "Ben"])
    for row in rows.all():
        expect(row.locator("td").nth(2)).to_have_text(re.compile(r"^\d+$"))


def test_a_general_assembly_runs_from_opening_to_minutes(
    live_url: str, new_context: OpenContext
) -> None:
    meeting, next_meeting, people = set_up_assembly()
    assembly = open_the_meeting(new_context, live_url, meeting, people)
    go_round_the_check_in_circle(assembly)
    join_the_stack_with_a_point_of_process(assembly)
    call_the_speakers_and_wrap_up(assembly)
    adopt_the_assemblys_rule(assembly)
    break_out_and_report_back(assembly)
    put_the_permits_proposal(assembly)
    block_twice_then_pass_by_the_fallback_vote(assembly)
    adopt_the_photo_consent_agreement(assembly)
    table_the_demands_and_end(assembly)
    read_the_minutes(assembly.agenda)

    assembly.ben.goto(f"{live_url}/meetings/{next_meeting.pk}/")
    expect(assembly.ben.locator("#agenda li", has_text="Demands")).to_contain_text(
        "Carried from General assembly"
    )
