"""Notices are sent once each, to those who may see what they are about, at once or into
the digest as each person chose; an outcome carries its summary and names no voter."""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.models import Proposal
from moot.groups import actions as groups
from moot.groups.models import Group, Visibility
from moot.meetings.actions import ItemDraft, do_schedule_meeting
from moot.notices.actions import do_save_choices, do_send_due_notices
from moot.notices.models import SentNotice, Via
from moot.roles.actions import do_create_role, do_start_term
from tests.apps.conftest import make_user

pytestmark = pytest.mark.django_db


def vote_between_meetings(author: User, group: Group, **fields: Any) -> Proposal:
    return decisions.do_open_proposal(
        author,
        group,
        title=fields.pop("title", "Buy a banner"),
        mode="async",
        closes_at=fields.pop("closes_at", timezone.now() + timedelta(days=3)),
        **fields,
    )


def logged(person: User) -> list[tuple[str, str]]:
    return list(SentNotice.objects.filter(person=person).values_list("kind", "via"))


def to(person: User) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [person.email]]


def test_a_new_proposal_waits_for_the_digest_and_skips_its_author_and_outsiders(
    admin: User, member: User, outsider: User, assembly: Group
) -> None:
    vote_between_meetings(admin, assembly)
    counts = do_send_due_notices()
    assert counts == {Via.DIGEST: 1}
    assert mail.outbox == []
    assert logged(member) == [("proposal_opened", Via.DIGEST)]
    assert logged(admin) == []
    assert logged(outsider) == []


def test_an_outcome_is_emailed_at_once_with_its_summary_sentence(
    admin: User, member: User, assembly: Group
) -> None:
    proposal = vote_between_meetings(admin, assembly, title="Paint the hall")
    decisions.do_cast_ballot(proposal, member, {"position": "agree"})
    decisions.do_close_proposal(proposal)
    proposal.refresh_from_db()
    do_send_due_notices()
    [email] = to(member)
    assert email.subject == "Decided: Paint the hall"
    assert proposal.summary in email.body
    assert f"/proposals/{proposal.pk}/" in email.body
    assert len(to(admin)) == 1


def test_running_twice_sends_nothing_the_second_time(
    admin: User, member: User, assembly: Group
) -> None:
    proposal = vote_between_meetings(admin, assembly)
    decisions.do_close_proposal(proposal)
    do_send_due_notices()
    sent = len(mail.outbox)
    assert do_send_due_notices() == {}
    assert len(mail.outbox) == sent
    assert SentNotice.objects.filter(person=member, kind="outcome").count() == 1


def test_a_vote_closing_within_a_day_reminds_once_only_those_who_have_not_voted(
    admin: User, member: User, facilitator: User, assembly: Group
) -> None:
    for person in (member, facilitator):
        do_save_choices(person, assembly, {"vote_closing": (True, "immediate")})
    proposal = vote_between_meetings(
        admin, assembly, closes_at=timezone.now() + timedelta(hours=12)
    )
    decisions.do_cast_ballot(proposal, facilitator, {"position": "agree"})
    do_send_due_notices()
    do_send_due_notices()
    [email] = to(member)
    assert email.subject == "The vote on Buy a banner closes soon"
    assert to(facilitator) == []


def test_a_vote_closing_in_two_days_is_not_reminded_yet(
    admin: User, member: User, assembly: Group
) -> None:
    do_save_choices(member, assembly, {"vote_closing": (True, "immediate")})
    vote_between_meetings(admin, assembly, closes_at=timezone.now() + timedelta(days=2))
    do_send_due_notices()
    assert ("vote_closing", Via.IMMEDIATE) not in logged(member)


def test_an_emergency_call_reaches_members_at_once_with_its_reason_and_agenda(
    admin: User, member: User, assembly: Group
) -> None:
    do_schedule_meeting(
        admin,
        assembly,
        title="Eviction notice",
        starts_at=timezone.now() + timedelta(hours=5),
        location="The yard",
        is_emergency=True,
        emergency_reason="The landlord served notice on number 12 today.",
        items=[ItemDraft(title="How we respond")],
    )
    do_send_due_notices()
    [email] = to(member)
    assert email.subject == "Emergency meeting called: Eviction notice"
    assert "The landlord served notice on number 12 today." in email.body
    assert "- How we respond" in email.body
    assert "Where: The yard" in email.body
    assert to(admin) == []  # who called it knows


def test_an_ordinary_meeting_waits_for_the_digest(
    admin: User, member: User, assembly: Group
) -> None:
    do_schedule_meeting(
        admin, assembly, title="Monthly", starts_at=timezone.now() + timedelta(days=9)
    )
    do_send_due_notices()
    assert mail.outbox == []
    assert logged(member) == [("meeting_called", Via.DIGEST)]


def test_a_role_term_ending_soon_reminds_its_holder_only(
    admin: User, member: User, assembly: Group
) -> None:
    do_save_choices(member, assembly, {"role_ending": (True, "immediate")})
    role = do_create_role(admin, assembly, name="Treasurer")
    today = timezone.localdate()
    do_start_term(admin, role, member, starts_on=today, ends_on=today + timedelta(days=5))
    do_send_due_notices()
    do_send_due_notices()
    [email] = to(member)
    assert email.subject == f"Your term as Treasurer ends on {today + timedelta(days=5)}"
    assert "ends in 5 days" in email.body
    assert logged(admin) == []


def test_a_members_only_proposal_never_reaches_someone_who_may_not_see_it(
    admin: User, assembly: Group
) -> None:
    inner = groups.do_create_committee(
        admin, assembly, name="Inner", visibility=Visibility.COMMITTEE
    )
    cell = groups.do_create_committee(admin, inner, name="Cell", visibility=Visibility.PUBLIC)
    insider, outsider = make_user("insider"), make_user("stranger")
    for person in (insider, outsider):
        groups.do_add_member(person, assembly)
        groups.do_add_member(person, cell)
    groups.do_add_member(insider, inner)
    vote_between_meetings(admin, cell, visibility=Visibility.COMMITTEE)
    do_send_due_notices()
    assert logged(insider) == [("proposal_opened", Via.DIGEST)]
    assert logged(outsider) == []  # in the cell, but may not see the committee above it


def test_a_secret_ballot_outcome_names_nobody_and_shows_no_ballot(
    admin: User, member: User, facilitator: User, assembly: Group
) -> None:
    proposal = vote_between_meetings(admin, assembly, title="Strike fund", secret=True)
    decisions.do_cast_ballot(proposal, admin, {"position": "agree"})
    decisions.do_cast_ballot(proposal, member, {"position": "agree"})
    decisions.do_cast_ballot(
        proposal, facilitator, {"position": "stand_aside", "reason": "Ask the members first"}
    )
    decisions.do_close_proposal(proposal)
    do_send_due_notices()
    assert len(mail.outbox) == 3
    for email in mail.outbox:
        for name in ("Admin", "Member", "Facilitator"):
            assert name not in email.body
        assert "Ask the members first" not in email.body


def test_a_kind_turned_off_is_logged_and_never_sent_even_if_turned_on_later(
    admin: User, member: User, assembly: Group
) -> None:
    do_save_choices(member, assembly, {"outcome": (False, "immediate")})
    proposal = vote_between_meetings(admin, assembly)
    decisions.do_close_proposal(proposal)
    do_send_due_notices()
    do_save_choices(member, assembly, {"outcome": (True, "immediate")})
    do_send_due_notices()
    assert to(member) == []
    assert ("outcome", Via.MUTED) in logged(member)


def test_a_send_that_fails_logs_nothing_and_is_tried_again(
    admin: User, member: User, assembly: Group, settings: object
) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the mail server is away
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port  # type: ignore[attr-defined]
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2  # type: ignore[attr-defined]
    proposal = vote_between_meetings(admin, assembly)
    decisions.do_close_proposal(proposal)
    do_send_due_notices()
    assert not SentNotice.objects.filter(kind="outcome").exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    do_send_due_notices()
    assert len(to(member)) == 1


def test_a_proposal_from_long_ago_is_not_announced(
    admin: User, member: User, assembly: Group
) -> None:
    proposal = vote_between_meetings(admin, assembly)
    Proposal.objects.filter(pk=proposal.pk).update(created_at=timezone.now() - timedelta(days=5))
    do_send_due_notices()
    assert logged(member) == []


def test_a_proposal_made_in_a_meeting_is_not_announced_by_email(
    admin: User, member: User, assembly: Group
) -> None:
    decisions.do_open_proposal(admin, assembly, title="Hold the square")  # decided in the room
    do_send_due_notices()
    assert logged(member) == []
