"""A person's private calendar link: made, shown once, revoked.

Only the hash of the link's token is stored. A person has one link at a time: making a
new one ends the old, so a link that leaked is stopped by making another or revoking it.
"""

from __future__ import annotations

import secrets

from django.db import transaction

from moot.accounts.models import User, hash_token
from moot.notices.models import CalendarFeed


@transaction.atomic
def do_create_calendar_feed(person: User) -> str:
    """A new private link's token (shown to the person once); the old link stops working."""
    CalendarFeed.objects.filter(person=person).delete()
    raw = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(person=person, digest=hash_token(raw))
    return raw


@transaction.atomic
def do_revoke_calendar_feeds(person: User) -> int:
    """End every private calendar link of the person; returns how many there were."""
    deleted, _ = CalendarFeed.objects.filter(person=person).delete()
    return deleted
