"""Background tasks: ``moot tick`` enqueues what is due, and the task worker
(``moot db_worker``) closes due votes and breakouts and sends reminders and digests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from moot.accounts.models import User
from moot.decisions import actions as decisions
from moot.decisions.models import Proposal, Status
from moot.groups.models import Group
from moot.meetings.actions import (
    ItemDraft,
    do_open_breakout,
    do_open_meeting,
    do_schedule_meeting,
)
from moot.meetings.models import Breakout, ItemKind
from moot.notices import tasks
from moot.notices.actions import do_save_choices

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def overdue_vote(author: User, group: Group, title: str) -> Proposal:
    proposal = decisions.do_open_proposal(
        author, group, title=title, mode="async", closes_at=timezone.now() + timedelta(hours=1)
    )
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    return proposal


@pytest.fixture
def digests_due(settings: Any) -> None:
    settings.MOOT_DIGEST_HOUR = 0


def test_the_worker_closes_a_due_vote_then_sends_its_outcome_and_the_digest_once(
    admin: User, member: User, assembly: Group, digests_due: None
) -> None:
    overdue = overdue_vote(admin, assembly, "Paint the hall")
    decisions.do_open_proposal(
        admin,
        assembly,
        title="Buy a banner",
        mode="async",
        closes_at=timezone.now() + timedelta(days=3),
    )
    call_command("tick", verbosity=0)
    assert DBTaskResult.objects.filter(status="READY").count() == 4
    run_worker()
    overdue.refresh_from_db()
    assert overdue.status == Status.CLOSED
    subjects = sorted(m.subject for m in mail.outbox if m.to == [member.email])
    assert subjects == ["Decided: Paint the hall", "Your moot digest: 1 notices"]
    call_command("tick", verbosity=0)
    run_worker()  # nothing new: nothing is sent twice
    assert len([m for m in mail.outbox if m.to == [member.email]]) == 2
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_reminders_enqueued_are_sent_by_the_worker_once(
    admin: User, member: User, assembly: Group
) -> None:
    do_save_choices(member, assembly, {"vote_closing": (True, "immediate")})
    decisions.do_open_proposal(
        admin,
        assembly,
        title="Quick one",
        mode="async",
        closes_at=timezone.now() + timedelta(hours=3),
    )
    tasks.send_due_reminders.enqueue()
    tasks.send_due_reminders.enqueue()
    run_worker()
    assert [m.subject for m in mail.outbox if m.to == [member.email]] == [
        "The vote on Quick one closes soon"
    ]


def test_tick_does_not_enqueue_a_task_again_while_it_waits(admin: User, assembly: Group) -> None:
    call_command("tick", verbosity=0)
    call_command("tick", verbosity=0)
    paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert len(paths) == len(set(paths))


def test_tick_leaves_the_digest_until_its_hour(settings: Any, admin: User, assembly: Group) -> None:
    settings.MOOT_DIGEST_HOUR = 24  # an hour that never comes
    call_command("tick", verbosity=0)
    assert not DBTaskResult.objects.filter(task_path=tasks.send_daily_digests.module_path).exists()


def test_tick_run_does_the_work_at_once_without_a_worker(
    admin: User, assembly: Group, digests_due: None
) -> None:
    overdue = overdue_vote(admin, assembly, "Paint the hall")
    call_command("tick", run=True, verbosity=0)
    overdue.refresh_from_db()
    assert overdue.status == Status.CLOSED
    assert not DBTaskResult.objects.exists()


def test_the_worker_ends_a_breakout_whose_time_is_up(
    admin: User, assembly: Group, committee: Group
) -> None:
    meeting = do_schedule_meeting(
        admin,
        assembly,
        title="Assembly",
        starts_at=timezone.now(),
        items=[ItemDraft(title="Committees", kind=ItemKind.BREAKOUT)],
    )
    do_open_meeting(meeting)
    breakout = do_open_breakout(
        meeting.items.get(), minutes=15, now=timezone.now() - timedelta(minutes=20)
    )
    tasks.close_due_breakouts.enqueue()
    run_worker()
    breakout.refresh_from_db()
    assert breakout.closed_at is not None
    assert DBTaskResult.objects.get().return_value == 1
    assert Breakout.objects.filter(closed_at__isnull=True).count() == 0
