"""A group's constitution page: how it decides now, and every decision that changed it.

The constitution is the group's decision rule (read as a sentence), its quorum (part of
the rule), its hand-signal set and its standing agreements. None of it changes except
by a proposal that names the change and passes; the history lists those proposals, who
made them and when, newest first.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from moot.core.rules import rule_from_dict
from moot.decisions import queries
from moot.decisions.changes import describe_change
from moot.decisions.models import Proposal, Status
from moot.groups.constitution import signal_label
from moot.groups.views import get_group_or_404


def constitution(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "decisions.view_log")
    changed = Proposal.objects.filter(group=group, status=Status.CLOSED, change_applied=True)
    newest_first = changed.select_related("author").order_by("-closed_at", "-id")
    history = [
        {"proposal": p, "change": describe_change(p.change)}
        for p in queries.visible(request.user, newest_first)
    ]
    context = {
        "group": group,
        "rule": rule_from_dict(group.decision_rule).describe(_),
        "signals": [signal_label(signal) for signal in group.hand_signals],
        "history": history,
    }
    return render(request, "decisions/constitution.html", context)
