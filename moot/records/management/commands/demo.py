from typing import Any

from django.core.management.base import BaseCommand

from moot.groups.demo import DEMO_PASSWORD, create_demo
from moot.records.demo import create_demo_life


class Command(BaseCommand):
    help = "Create the demo groups, people, meetings and votes (running it again changes nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = create_demo()
        create_demo_life()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.email:<42} {account.role}")
