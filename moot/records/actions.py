"""Changes to a group's record: standing agreements are adopted, amended, retired.

These run inside the transaction of the proposal that passed; the decisions app calls
them through its change registry (see ``moot.records.changes``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.records.models import Agreement, AgreementVersion


@transaction.atomic
def do_adopt_agreement(
    group: Group, *, title: str, text: str, proposal_id: int | None = None
) -> Agreement:
    title, text = _check(title, text)
    agreement = Agreement.objects.create(group=group, title=title, text=text)
    AgreementVersion.objects.create(
        agreement=agreement, number=1, title=title, text=text, proposal_id=proposal_id
    )
    return agreement


@transaction.atomic
def do_amend_agreement(
    agreement: Agreement, *, title: str, text: str, proposal_id: int | None = None
) -> Agreement:
    title, text = _check(title, text)
    if not agreement.is_standing:
        raise ActionError(_("This agreement was retired; adopt a new one instead."), 409)
    number = agreement.versions.count() + 1
    AgreementVersion.objects.create(
        agreement=agreement, number=number, title=title, text=text, proposal_id=proposal_id
    )
    agreement.title, agreement.text = title, text
    agreement.save(update_fields=["title", "text"])
    return agreement


@transaction.atomic
def do_retire_agreement(agreement: Agreement) -> Agreement:
    if not agreement.is_standing:
        raise ActionError(_("This agreement is already retired."), 409)
    agreement.retired_at = timezone.now()
    agreement.save(update_fields=["retired_at"])
    return agreement


def _check(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not title or not text:
        raise ActionError(_("An agreement needs a title and a text."), 400)
    if len(title) > 200 or len(text) > 10000:
        raise ActionError(_("The agreement is too long."), 400)
    return title, text
