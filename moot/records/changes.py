"""The changes to standing agreements that a passed proposal can make.

``{"kind": "agreement.adopt", "title": …, "text": …}`` adopts a new agreement;
``{"kind": "agreement.amend", "agreement": id, "title": …, "text": …}`` gives one a new
version; ``{"kind": "agreement.retire", "agreement": id}`` retires it. Each is checked
when the proposal is made and carried out when it passes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from moot.decisions.changes import Change, ChangeError, register_change
from moot.groups.models import Group
from moot.records import actions
from moot.records.models import Agreement

TITLE_MAX, TEXT_MAX = 200, 10000


def _text_fields(change: Change) -> dict[str, Any]:
    title = str(change.get("title") or "").strip()
    text = str(change.get("text") or "").strip()
    if not title or not text:
        raise ChangeError(_("An agreement needs a title and a text."))
    if len(title) > TITLE_MAX or len(text) > TEXT_MAX:
        raise ChangeError(_("The agreement is too long."))
    return {"title": title, "text": text}


def _standing(group: Group, change: Change) -> Agreement:
    wanted = change.get("agreement")
    found = (
        Agreement.objects.filter(group=group, pk=wanted).first()
        if isinstance(wanted, int)
        else None
    )
    if found is None or not found.is_standing:
        raise ChangeError(_("There is no such standing agreement in this group."))
    return found


def validate_adopt(group: Group, change: Change) -> Change:
    return _text_fields(change)


def validate_amend(group: Group, change: Change) -> Change:
    return {"agreement": _standing(group, change).pk, **_text_fields(change)}


def validate_retire(group: Group, change: Change) -> Change:
    return {"agreement": _standing(group, change).pk}


def describe_adopt(change: Change) -> str:
    return _("The group adopts the standing agreement “%(title)s”: %(text)s") % change


def describe_amend(change: Change) -> str:
    return _("The standing agreement “%(title)s” now reads: %(text)s") % change


def describe_retire(change: Change) -> str:
    found = Agreement.objects.filter(pk=int(change.get("agreement") or 0)).first()
    title = found.title if found else "?"
    return _("The standing agreement “%(title)s” is retired.") % {"title": title}


def register() -> None:
    register_change(
        "agreement.adopt",
        validate=validate_adopt,
        describe=describe_adopt,
        apply=lambda group, c: actions.do_adopt_agreement(
            group, title=c["title"], text=c["text"], proposal_id=c.get("proposal_id")
        ),
    )
    register_change(
        "agreement.amend",
        validate=validate_amend,
        describe=describe_amend,
        apply=lambda group, c: actions.do_amend_agreement(
            _standing(group, c), title=c["title"], text=c["text"], proposal_id=c.get("proposal_id")
        ),
    )
    register_change(
        "agreement.retire",
        validate=validate_retire,
        describe=describe_retire,
        apply=lambda group, c: actions.do_retire_agreement(_standing(group, c)),
    )
