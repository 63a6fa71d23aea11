"""Recall: a member proposes that the group end someone's term.

The recall is an ordinary proposal of the group, decided by the group's own rule; it
carries the change ``{"kind": "role.recall", "term_id": …}``, which ends the term in the
same transaction that passes it (``moot.roles.changes``).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.decisions.actions import Draft, do_open_proposal
from moot.decisions.models import Proposal
from moot.roles.models import Term


def do_propose_recall(
    actor: User, term: Term, *, reason: str = "", closes_at: datetime | None = None
) -> Proposal:
    """Open a proposal to recall the holder of ``term``, decided in a meeting or, with
    ``closes_at``, between meetings; the change is checked when it opens."""
    title = _("Recall %(name)s as %(role)s") % {
        "name": term.holder.shown_name,
        "role": term.role.name,
    }
    draft = Draft(
        title=title[:200],
        text=(reason or "").strip(),
        mode="async" if closes_at else "live",
        closes_at=closes_at,
        change={"kind": "role.recall", "term_id": term.pk},
    )
    return do_open_proposal(actor, term.role.group, draft)
