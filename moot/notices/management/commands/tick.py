"""``moot tick``: what is due every minute — closing votes and breakouts, sending notices,
and, once the digest hour has come, the daily digests.

Run it from cron (``* * * * * moot tick``) beside a worker (``moot db_worker``). By
default it enqueues the tasks for the worker, and never a second copy of a task that is
still waiting; ``--run`` runs them here at once instead (no worker needed). ``--every S``
ticks every S seconds until stopped (what ``moot serve --tasks`` runs beside the server).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils import timezone
from django_tasks.base import Task

from moot.notices import tasks

EVERY_MINUTE = (tasks.close_due_proposals, tasks.close_due_breakouts, tasks.send_due_reminders)


def digest_hour() -> int:
    """The local hour from which the day's digests go out (``MOOT_DIGEST_HOUR``, 7)."""
    return int(settings.MOOT_DIGEST_HOUR)


def due_tasks() -> list[Task[Any, Any]]:
    due: list[Task[Any, Any]] = list(EVERY_MINUTE)
    if timezone.localtime().hour >= digest_hour():
        due.append(tasks.send_daily_digests)
    return due


def still_waiting(task: Task[Any, Any]) -> bool:
    """Whether the database queue already holds this task, not yet taken by a worker."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().filter(task_path=task.module_path).exists()


class Command(BaseCommand):
    help = "Enqueue (or with --run, run) the background tasks that are due now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--run", action="store_true", help="Run the tasks here at once.")
        parser.add_argument(
            "--every", type=int, metavar="S", help="Tick every S seconds until stopped."
        )

    def handle(
        self, *args: Any, run: bool = False, every: int | None = None, **options: Any
    ) -> None:
        verbosity = int(options.get("verbosity", 1))
        if every is None:
            self.tick(run, verbosity)
            return
        if every < 1:
            raise CommandError("--every needs at least 1 second.")
        try:
            while True:
                self.tick(run, verbosity)
                close_old_connections()  # a long-lived loop must not hold one connection forever
                time.sleep(every)
        except KeyboardInterrupt:
            return

    def tick(self, run: bool, verbosity: int) -> None:
        for task in due_tasks():
            if run:
                done = f"{task.name}: {task.call()}"
            elif still_waiting(task):
                done = f"{task.name}: still waiting"
            else:
                task.enqueue()
                done = f"{task.name}: enqueued"
            if verbosity > 0:
                self.stdout.write(done)
