"""When a secret link or token was last used, kept coarsely.

Reading with a token must not write on every request: a busy client would turn every
read into a write and make rows of the token table hot. The time of use is recorded at
most once a minute per token, by one ``UPDATE … WHERE last_used_at < now - 1 min`` after
the request's own transaction has committed (at once when there is none), so it never
holds a lock for the length of a request and two parallel requests write it at most once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone

RECORD_EVERY = timedelta(seconds=60)


def record_use(row: models.Model, last_used_at: datetime | None) -> None:
    """Record that ``row`` (a model with ``last_used_at``) was used now, unless it was
    recorded less than a minute ago."""
    now = timezone.now()
    if last_used_at is not None and now - last_used_at < RECORD_EVERY:
        return
    stale = models.Q(last_used_at__isnull=True) | models.Q(last_used_at__lt=now - RECORD_EVERY)
    rows = type(row)._default_manager.filter(stale, pk=row.pk)
    transaction.on_commit(lambda: rows.update(last_used_at=now))
