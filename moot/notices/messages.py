"""The words of each notice: its email on its own, and its line in the daily digest.

Everything is written in the reader's language. A notice says what happened and links to
it; an outcome carries the decision's plain summary sentence and nothing about who voted
how, so a secret ballot stays secret. Links are absolute, from ``MOOT_BASE_URL``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.decisions.models import Proposal
from moot.groups.models import Group
from moot.meetings.models import Meeting
from moot.notices.due import Subject
from moot.notices.kinds import NoticeKind


@dataclass(frozen=True)
class Email:
    subject: str
    body: str

    def __post_init__(self) -> None:
        # A subject is one header line: a title with a line break in it would make the
        # mail library refuse the whole message.
        object.__setattr__(self, "subject", one_line(self.subject))


def one_line(text: str) -> str:
    """Every run of whitespace or control characters as one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def base_url() -> str:
    return str(settings.MOOT_BASE_URL)


def link(subject: Subject) -> str:
    if isinstance(subject, Proposal):
        path = reverse("decisions:proposal", args=[subject.pk])
    elif isinstance(subject, Meeting):
        path = reverse("meetings:detail", args=[subject.pk])
    else:
        path = reverse("roles:role", args=[subject.role_id])
    return base_url() + path


def language_of(person: User) -> str:
    return person.language or settings.LANGUAGE_CODE


def headline(kind: str, subject: Subject) -> str:
    """One sentence naming what happened: the subject line and the digest's line."""
    if isinstance(subject, Proposal):
        texts = {
            NoticeKind.PROPOSAL_OPENED: _("New proposal: %(title)s"),
            NoticeKind.VOTE_CLOSING: _("The vote on %(title)s closes soon"),
            NoticeKind.OUTCOME: _("Decided: %(title)s"),
        }
        return texts[kind] % {"title": subject.title}  # type: ignore[index]
    if isinstance(subject, Meeting):
        if kind == NoticeKind.EMERGENCY_CALLED:
            return _("Emergency meeting called: %(title)s") % {"title": subject.title}
        return _("Meeting called: %(title)s") % {"title": subject.title}
    return _("Your term as %(role)s ends on %(day)s") % {
        "role": subject.role.name,
        "day": subject.ends_on.isoformat(),
    }


def _context(kind: str, subject: Subject, group: Group) -> dict[str, Any]:
    context: dict[str, Any] = {
        "kind": kind,
        "group": group,
        "headline": headline(kind, subject),
        "link": link(subject),
        "settings_link": base_url() + reverse("notices:settings", args=[group.pk]),
    }
    if isinstance(subject, Proposal):
        context["proposal"] = subject
        context["closes_at"] = subject.closes_at and timezone.localtime(subject.closes_at)
    elif isinstance(subject, Meeting):
        context["meeting"] = subject
        context["starts_at"] = timezone.localtime(subject.starts_at)
        context["agenda"] = [item.title for item in subject.items.all()]
    else:
        context["term"] = subject
        context["days_left"] = (subject.ends_on - timezone.localdate()).days
    return context


def notice_email(person: User, kind: str, subject: Subject, group: Group) -> Email:
    with translation.override(language_of(person)):
        context = _context(kind, subject, group)
        body = render_to_string(f"notices/email/{kind}.txt", context)
        return Email(context["headline"], body)


@dataclass(frozen=True)
class DigestLine:
    group: Group
    kind: str
    subject: Subject


def digest_email(person: User, lines: list[DigestLine]) -> Email:
    """One email with every waiting notice, grouped by group and, within it, by kind."""
    with translation.override(language_of(person)):
        sections: dict[int, dict[str, Any]] = {}
        ordered = sorted(lines, key=lambda line: (line.group.name, line.group.pk, line.kind))
        for line in ordered:
            section = sections.setdefault(line.group.pk, {"group": line.group, "kinds": {}})
            label = str(NoticeKind(line.kind).label)
            entry = {"headline": headline(line.kind, line.subject), "link": link(line.subject)}
            section["kinds"].setdefault(label, []).append(entry)
        body = render_to_string(
            "notices/email/digest.txt",
            {
                "sections": list(sections.values()),
                "overview": base_url() + reverse("notices:overview"),
            },
        )
        subject = _("Your moot digest: %(count)d notices") % {"count": len(lines)}
        return Email(subject, body)
