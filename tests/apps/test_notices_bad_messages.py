"""One bad message never stops the notices: a title with a line break still makes a
one-line subject, and a message that cannot be sent at all is logged as failed, once,
while everyone else's notices and digests still go out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.models import Proposal
from moot.groups.models import Group
from moot.notices.actions import do_save_choices, do_send_daily_digests, do_send_due_notices
from moot.notices.models import SentNotice, Via

pytestmark = pytest.mark.django_db


def decided(author: User, group: Group, title: str) -> Proposal:
    proposal = decisions.do_open_proposal(
        author, group, title=title, mode="async", closes_at=timezone.now() + timedelta(days=3)
    )
    decisions.do_close_proposal(proposal)
    return proposal


def break_address(person: User) -> None:
    """An address stored before it could be checked, with a line break in it."""
    User.objects.filter(pk=person.pk).update(email="broken\n@example.org")


def test_a_title_with_line_breaks_makes_a_one_line_subject(
    admin: User, member: User, assembly: Group
) -> None:
    decided(admin, assembly, "Paint\r\nthe\thall\n")
    decided(admin, assembly, "Buy a banner")
    do_send_due_notices()
    subjects = sorted(m.subject for m in mail.outbox if m.to == [member.email])
    assert subjects == ["Decided: Buy a banner", "Decided: Paint the hall"]


def test_one_message_that_cannot_be_sent_does_not_stop_the_others(
    admin: User, member: User, facilitator: User, assembly: Group
) -> None:
    decided(admin, assembly, "Paint the hall")
    decided(admin, assembly, "Buy a banner")
    break_address(member)
    counts = do_send_due_notices()
    assert counts == {Via.IMMEDIATE: 4, Via.FAILED: 2}
    for person in (admin, facilitator):
        assert len([m for m in mail.outbox if m.to == [person.email]]) == 2
    failed = SentNotice.objects.filter(person=member).values_list("via", "sent_at")
    assert list(failed) == [(Via.FAILED, None), (Via.FAILED, None)]


def test_a_failed_message_is_not_tried_again_on_every_run(
    admin: User, member: User, assembly: Group
) -> None:
    decided(admin, assembly, "Paint the hall")
    break_address(member)
    do_send_due_notices()
    sent = len(mail.outbox)
    assert do_send_due_notices() == {}
    assert len(mail.outbox) == sent
    assert SentNotice.objects.filter(person=member).count() == 1


def test_one_digest_that_cannot_be_sent_does_not_stop_the_others(
    admin: User, member: User, facilitator: User, assembly: Group
) -> None:
    for person in (member, facilitator):
        do_save_choices(person, assembly, {"outcome": (True, "digest")})
    decided(admin, assembly, "Paint the hall")
    do_send_due_notices()
    break_address(member)
    assert do_send_daily_digests() == 1
    [digest] = [m for m in mail.outbox if m.to == [facilitator.email]]
    assert "Paint the hall" in digest.body
