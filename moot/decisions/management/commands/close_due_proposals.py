"""Close every proposal between meetings whose deadline has passed (run it every minute)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from moot.decisions.actions import do_close_due_proposals


class Command(BaseCommand):
    help = "Close every proposal between meetings whose deadline has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        for proposal in do_close_due_proposals():
            self.stdout.write(f"{proposal.pk}\t{proposal.outcome}\t{proposal.title}")
