"""Changes a proposal can make to its group: the constitution changes only by decision.

A proposal may carry ``change = {"kind": ..., ...}``. Each kind of change is registered
once with two functions: ``validate(group, change)`` returns the change in the form to
store, or raises ``ChangeError`` with a message for the person who wrote it — it runs
when the proposal is made, so a change that could never be applied is refused at once;
``apply(group, change)`` carries the change out, in the same transaction that passes the
proposal, so a decision and its effect are never apart; the change it receives also
holds ``"proposal_id"``, the proposal that made it. A proposal decided by positions
makes its change when it passes; an election makes its change once its winners are
counted (so ``role.fill`` can seat them).

The built-in kind ``decision_rule`` sets the group's decision rule (``{"kind":
"decision_rule", "rule": {...}}`` or ``{"kind": "decision_rule", "template": "occupy"}``).
Other apps register their kinds from their own ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from moot.core.rules import TEMPLATES, RuleError, rule_from_dict
from moot.groups.actions import do_update_group
from moot.groups.errors import ActionError
from moot.groups.models import Group

Change = dict[str, Any]


class ChangeError(ValueError):
    """A change that cannot be made; the message says why."""


@dataclass(frozen=True)
class ChangeKind:
    validate: Callable[[Group, Change], Change]
    apply: Callable[[Group, Change], object]


CHANGE_KINDS: dict[str, ChangeKind] = {}


def register_change(
    kind: str,
    *,
    validate: Callable[[Group, Change], Change],
    apply: Callable[[Group, Change], object],
) -> None:
    CHANGE_KINDS[kind] = ChangeKind(validate, apply)


def validate_change(group: Group, change: object) -> Change:
    """The change to store, or ``ActionError`` (400) with the validator's message."""
    if not isinstance(change, dict) or not isinstance(change.get("kind"), str):
        raise ActionError(_("A change must say what kind of change it is."), 400)
    kind = CHANGE_KINDS.get(change["kind"])
    if kind is None:
        raise ActionError(_("Unknown kind of change: %(kind)s.") % {"kind": change["kind"]}, 400)
    try:
        return {**kind.validate(group, change), "kind": change["kind"]}
    except ChangeError as error:
        raise ActionError(str(error), 400) from None


def apply_change(group: Group, change: Change) -> None:
    CHANGE_KINDS[change["kind"]].apply(group, change)


def _validate_decision_rule(group: Group, change: Change) -> Change:
    unknown = set(change) - {"kind", "rule", "template"}
    if unknown or ("rule" in change) == ("template" in change):
        raise ChangeError(_("A new decision rule is given as a rule or as a template's name."))
    if "template" in change:
        if change["template"] not in TEMPLATES:
            raise ChangeError(
                _("There is no rule template called %(name)s.") % {"name": change["template"]}
            )
        return {"rule": TEMPLATES[change["template"]].to_dict()}
    try:
        return {"rule": rule_from_dict(change["rule"]).to_dict()}
    except RuleError as error:
        message = _("This is not a valid decision rule: %(reason)s.") % {"reason": error}
        raise ChangeError(message) from None


def _apply_decision_rule(group: Group, change: Change) -> None:
    do_update_group(group, decision_rule=change["rule"])


def register_builtin_changes() -> None:
    register_change("decision_rule", validate=_validate_decision_rule, apply=_apply_decision_rule)


def describe_change(change: Change | None) -> str:
    """A short sentence for pages: what passing the proposal changes."""
    if not change:
        return ""
    if change["kind"] == "decision_rule":
        rule = rule_from_dict(change["rule"]).describe(_)
        return _("If it passes, the group's decision rule becomes: %(rule)s") % {"rule": rule}
    return _("If it passes, it makes a change of kind %(kind)s.") % {"kind": change["kind"]}
