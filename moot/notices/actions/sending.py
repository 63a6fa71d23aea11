"""Sending what is due: each notice once, at once or in the daily digest.

For every (person, kind, object) that is due and not yet in the log, the person's choice
decides: turned off (logged as muted, never sent), at once (the email goes out in the
transaction that logs it, so a failed send is tried again and a logged one never is), or
the digest (logged, waiting). A unique row per person, kind and object means two workers
can never send the same notice twice: the second one's row is refused.

The digest goes at most once a day to each person, with every notice that waits for it,
grouped by group and kind. What a person may no longer see, or what no longer matters (a
vote that closed before the digest), is dropped from it.

One message that cannot be made or sent (a broken address, say) is logged as failed and
never stops the others: each notice and each digest succeeds or fails on its own.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, time

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from moot.accounts.models import User
from moot.notices.due import Due, due_notices, load
from moot.notices.kinds import Delivery
from moot.notices.messages import DigestLine, Email, digest_email, notice_email
from moot.notices.models import SentNotice, Via
from moot.notices.queries import Choice, choice_table, default_choice
from moot.notices.rules import may_hear

log = logging.getLogger(__name__)


def do_send_due_notices(now: datetime | None = None) -> dict[str, int]:
    """Send or queue every notice that is due; returns how many went each way."""
    now = now or timezone.now()
    due = due_notices(now)
    told = set(
        SentNotice.objects.filter(ref__in={d.ref for d in due}).values_list(
            "person_id", "kind", "ref"
        )
    )
    table = choice_table({d.person.pk for d in due})
    counts: Counter[str] = Counter()
    for notice in due:
        if (notice.person.pk, notice.kind, notice.ref) in told:
            continue
        choice = table.get((notice.person.pk, notice.group.pk, notice.kind))
        via = _route(choice or default_choice(notice.kind))
        logged_as = _log_and_send(notice, via, now)
        if logged_as is not None:
            told.add((notice.person.pk, notice.kind, notice.ref))
            counts[logged_as] += 1
    return dict(counts)


def _route(choice: Choice) -> str:
    if not choice.enabled:
        return Via.MUTED
    return Via.IMMEDIATE if choice.delivery == Delivery.IMMEDIATE else Via.DIGEST


def _log_and_send(notice: Due, via: str, now: datetime) -> str | None:
    """Log the notice and send it if it goes at once; returns how it was logged, or None
    if nothing was (another worker has it, or the mail server is away)."""
    try:
        with transaction.atomic():
            SentNotice.objects.create(
                person=notice.person,
                group=notice.group,
                kind=notice.kind,
                ref=notice.ref,
                via=via,
                queued_at=now,
                sent_at=now if via == Via.IMMEDIATE else None,
            )
            if via == Via.IMMEDIATE:
                email = notice_email(notice.person, notice.kind, notice.subject, notice.group)
                _send(notice.person, email)
    except IntegrityError:  # another worker logged it first: it is theirs to send
        return None
    except OSError:  # the mail server is away: nothing is logged, the next run tries again
        log.warning("notice %s %s to %s not sent", notice.kind, notice.ref, notice.person.pk)
        return None
    except Exception:  # this one message cannot be made or sent: note it, go on with the rest
        log.exception("notice %s %s to %s failed", notice.kind, notice.ref, notice.person.pk)
        return _log_failed(notice, now)
    return via


def _log_failed(notice: Due, now: datetime) -> str | None:
    """A message that fails in itself would fail the same way on every run: it is logged
    as not sent, so that later runs do not try it again."""
    _, made = SentNotice.objects.get_or_create(
        person=notice.person,
        kind=notice.kind,
        ref=notice.ref,
        defaults={"group": notice.group, "via": Via.FAILED, "queued_at": now},
    )
    return Via.FAILED if made else None


def _send(person: User, email: Email) -> None:
    send_mail(email.subject, email.body, None, [person.email])


def do_send_daily_digests(now: datetime | None = None) -> int:
    """Send each person with waiting notices their digest, unless one went today."""
    now = now or timezone.now()
    waiting = SentNotice.objects.filter(via=Via.DIGEST, sent_at__isnull=True)
    people = User.objects.filter(pk__in=waiting.values("person_id"), is_active=True)
    return sum(_send_digest(person, now) for person in people if not _had_digest(person, now))


def _had_digest(person: User, now: datetime) -> bool:
    day_began = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    return SentNotice.objects.filter(person=person, via=Via.DIGEST, sent_at__gte=day_began).exists()


def _send_digest(person: User, now: datetime) -> int:
    try:
        with transaction.atomic():
            rows = list(
                SentNotice.objects.select_for_update()
                .filter(person=person, via=Via.DIGEST, sent_at__isnull=True)
                .select_related("group")
            )
            lines, stale = _digest_lines(person, rows)
            SentNotice.objects.filter(pk__in=stale).update(via=Via.SKIPPED)
            if not lines:
                return 0
            _send(person, digest_email(person, [line for _, line in lines]))
            SentNotice.objects.filter(pk__in=[pk for pk, _ in lines]).update(sent_at=now)
    except OSError:
        log.warning("digest to %s not sent", person.pk)
        return 0
    except Exception:  # this person's digest cannot be made or sent: the others still go
        log.exception("digest to %s failed", person.pk)
        return 0
    return 1


def _digest_lines(
    person: User, rows: list[SentNotice]
) -> tuple[list[tuple[int, DigestLine]], list[int]]:
    lines, stale = [], []
    for row in rows:
        subject = load(row.ref)
        if subject is not None and may_hear(person, row.kind, subject):
            lines.append((row.pk, DigestLine(row.group, row.kind, subject)))
        else:
            stale.append(row.pk)
    return lines, stale
