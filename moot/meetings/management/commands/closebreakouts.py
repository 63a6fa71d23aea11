"""``moot closebreakouts``: end every breakout whose time is up (e.g. from cron, or with
``--every 5`` as a small loop beside the server). Pages also end them when looked at."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from moot.meetings.actions import do_close_due_breakouts


class Command(BaseCommand):
    help = "End every breakout whose time is up; its report-backs join the agenda."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="Keep running, checking every this many seconds."
        )

    def handle(self, *args: Any, every: float = 0, **options: Any) -> None:
        while True:
            closed = do_close_due_breakouts(timezone.now())
            if closed:
                self.stdout.write(f"ended {closed} breakout(s)")
            if every <= 0:
                return
            time.sleep(every)
