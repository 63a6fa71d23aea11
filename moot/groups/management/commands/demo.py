from typing import Any

from django.core.management.base import BaseCommand

from moot.groups.demo import DEMO_PASSWORD, create_demo


class Command(BaseCommand):
    help = "Create the demo groups and people (running it again changes nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = create_demo()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.email:<42} {account.role}")
