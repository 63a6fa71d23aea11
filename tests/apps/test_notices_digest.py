"""The daily digest: one email a day at most, every waiting notice in it, grouped by
group and kind; what the reader may no longer see, or what no longer matters, is dropped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.models import Proposal
from moot.groups import actions as groups
from moot.groups.models import Group, Visibility
from moot.meetings.actions import do_schedule_meeting
from moot.notices.actions import do_save_choices, do_send_daily_digests, do_send_due_notices
from moot.notices.models import SentNotice, Via

pytestmark = pytest.mark.django_db


def open_vote(author: User, group: Group, title: str, hours: float = 72) -> Proposal:
    return decisions.do_open_proposal(
        author,
        group,
        title=title,
        mode="async",
        closes_at=timezone.now() + timedelta(hours=hours),
    )


@pytest.fixture
def branch(admin: User, member: User) -> Group:
    group = groups.do_create_group(
        admin, name="Branch", kind="branch", visibility=Visibility.MEMBERS
    )
    groups.do_add_member(member, group)
    return group


def test_a_digest_groups_waiting_notices_by_group_and_kind(
    admin: User, member: User, assembly: Group, branch: Group
) -> None:
    open_vote(admin, assembly, "Buy a banner")
    open_vote(admin, assembly, "Paint the hall")
    open_vote(admin, branch, "Dues for students")
    do_schedule_meeting(
        admin, branch, title="Monthly", starts_at=timezone.now() + timedelta(days=9)
    )
    do_send_due_notices()
    assert do_send_daily_digests() == 1
    [email] = mail.outbox
    assert email.to == [member.email]
    assert email.subject == "Your moot digest: 4 notices"
    body = email.body
    assert body.index("== Assembly ==") < body.index("== Branch ==")
    assembly_part = body[body.index("== Assembly ==") : body.index("== Branch ==")]
    assert assembly_part.count("A proposal is opened") == 1
    assert "- New proposal: Buy a banner" in assembly_part
    assert "- New proposal: Paint the hall" in assembly_part
    branch_part = body[body.index("== Branch ==") :]
    assert "A meeting is called" in branch_part
    assert "- Meeting called: Monthly" in branch_part
    assert "- New proposal: Dues for students" in branch_part
    assert not SentNotice.objects.filter(person=member, sent_at__isnull=True).exists()


def test_a_digest_goes_at_most_once_a_day(admin: User, member: User, assembly: Group) -> None:
    open_vote(admin, assembly, "First")
    do_send_due_notices()
    now = timezone.now()
    do_send_daily_digests(now)
    open_vote(admin, assembly, "Second")
    do_send_due_notices()
    assert do_send_daily_digests(now + timedelta(minutes=5)) == 0
    assert do_send_daily_digests(now + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert "Second" in mail.outbox[1].body
    assert "First" not in mail.outbox[1].body


def test_nothing_waiting_sends_no_digest(admin: User, member: User, assembly: Group) -> None:
    assert do_send_daily_digests() == 0
    assert mail.outbox == []


def test_a_digest_drops_what_the_reader_may_no_longer_see(
    admin: User, member: User, branch: Group
) -> None:
    open_vote(admin, branch, "Dues for students")
    do_send_due_notices()
    groups.do_leave_group(member, branch, "moved away")
    assert do_send_daily_digests() == 0
    assert mail.outbox == []
    assert SentNotice.objects.get(person=member).via == Via.SKIPPED


def test_a_digest_drops_the_reminder_of_a_vote_that_has_closed(
    admin: User, member: User, assembly: Group
) -> None:
    proposal = open_vote(admin, assembly, "Quick one", hours=6)
    do_send_due_notices()
    assert {k for k, _ in SentNotice.objects.filter(person=member).values_list("kind", "via")} == {
        "proposal_opened",
        "vote_closing",
    }
    decisions.do_close_proposal(proposal)
    do_send_due_notices()  # the outcome comes at once
    assert do_send_daily_digests() == 0
    [outcome] = [m for m in mail.outbox if m.to == [member.email]]
    assert outcome.subject == "Decided: Quick one"


def test_notices_chosen_at_once_never_wait_for_the_digest(
    admin: User, member: User, assembly: Group
) -> None:
    do_save_choices(member, assembly, {"proposal_opened": (True, "immediate")})
    open_vote(admin, assembly, "Buy a banner")
    do_send_due_notices()
    assert do_send_daily_digests() == 0
    [email] = mail.outbox
    assert email.subject == "New proposal: Buy a banner"
