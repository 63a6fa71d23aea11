"""The kinds of notice moot sends, and how each reaches a person unless they choose.

Outcomes and emergency calls come at once; everything else waits for the daily digest,
so a busy group does not flood its members. An emergency call cannot be turned off or
put off until the digest: a branch that calls one at short notice must reach its
members in time, with the reason.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    PROPOSAL_OPENED = "proposal_opened", _("A proposal is opened")
    VOTE_CLOSING = "vote_closing", _("A vote closes within a day")
    OUTCOME = "outcome", _("A proposal is decided")
    ROLE_ENDING = "role_ending", _("A role term of yours ends soon")
    MEETING_CALLED = "meeting_called", _("A meeting is called")
    EMERGENCY_CALLED = "emergency_called", _("An emergency meeting is called")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("In the daily digest")


DEFAULTS: dict[str, str] = {
    NoticeKind.PROPOSAL_OPENED: Delivery.DIGEST,
    NoticeKind.VOTE_CLOSING: Delivery.DIGEST,
    NoticeKind.OUTCOME: Delivery.IMMEDIATE,
    NoticeKind.ROLE_ENDING: Delivery.DIGEST,
    NoticeKind.MEETING_CALLED: Delivery.DIGEST,
    NoticeKind.EMERGENCY_CALLED: Delivery.IMMEDIATE,
}

ALWAYS_ON = frozenset({NoticeKind.EMERGENCY_CALLED})
