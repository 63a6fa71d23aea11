"""Background work, as tasks of Django's task framework (run by ``moot db_worker``).

Each task calls one action and returns what it did, which the task's result keeps.
``moot tick`` (every minute from cron) enqueues the tasks that are due.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from moot.decisions.actions import do_close_due_proposals
from moot.meetings.actions import do_close_due_breakouts
from moot.notices.actions import do_send_daily_digests, do_send_due_notices


@task()
def close_due_proposals() -> list[int]:
    """Close every vote between meetings whose deadline has passed."""
    return [p.pk for p in do_close_due_proposals(timezone.now())]


@task()
def close_due_breakouts() -> int:
    """End every breakout whose time is up."""
    return do_close_due_breakouts(timezone.now())


@task()
def send_due_reminders() -> dict[str, int]:
    """Send (or queue for the digest) every notice that is due: proposals opened, votes
    closing within a day, outcomes, meetings called, role terms ending soon."""
    return do_send_due_notices(timezone.now())


@task()
def send_daily_digests() -> int:
    """Send each person their daily digest, if notices wait and none went today."""
    return do_send_daily_digests(timezone.now())
