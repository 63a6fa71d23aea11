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
"decision_rule", "rule": {...}}`` or ``{"kind": "decision_rule", "template": "occupy"}``);
``hand_signals`` sets its hand-signal set (``{"kind": "hand_signals", "signals": [{"key":
"agree"}, {"key": "louder", "label": "Louder, please"}]}``).
Other apps register their kinds from their own ``AppConfig.ready``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from moot.core.rules import TEMPLATES, RuleError, rule_from_dict
from moot.groups.actions import do_update_group
from moot.groups.constitution import signal_label
from moot.groups.errors import ActionError
from moot.groups.models import Group

Change = dict[str, Any]


class ChangeError(ValueError):
    """A change that cannot be made; the message says why."""


@dataclass(frozen=True)
class ChangeKind:
    validate: Callable[[Group, Change], Change]
    apply: Callable[[Group, Change], object]
    describe: Callable[[Change], str] | None = None


CHANGE_KINDS: dict[str, ChangeKind] = {}


def register_change(
    kind: str,
    *,
    validate: Callable[[Group, Change], Change],
    apply: Callable[[Group, Change], object],
    describe: Callable[[Change], str] | None = None,
) -> None:
    """``describe`` says in a sentence what passing the proposal changes."""
    CHANGE_KINDS[kind] = ChangeKind(validate, apply, describe)


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


def _describe_decision_rule(change: Change) -> str:
    rule = rule_from_dict(change["rule"]).describe(_)
    return _("The group's decision rule becomes: %(rule)s") % {"rule": rule}


SIGNAL_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SIGNALS = 20


def _validate_hand_signals(group: Group, change: Change) -> Change:
    signals = change.get("signals")
    if set(change) - {"kind", "signals"} or not isinstance(signals, list):
        raise ChangeError(_("A hand-signal set is given as a list of signals."))
    if not 1 <= len(signals) <= MAX_SIGNALS:
        raise ChangeError(_("A hand-signal set has from 1 to %(n)d signals.") % {"n": MAX_SIGNALS})
    cleaned = [_clean_signal(signal) for signal in signals]
    if len({s["key"] for s in cleaned}) != len(cleaned):
        raise ChangeError(_("Each hand signal needs its own key."))
    return {"signals": cleaned}


def _clean_signal(signal: object) -> dict[str, str]:
    if not isinstance(signal, dict) or not SIGNAL_KEY.match(str(signal.get("key", ""))):
        raise ChangeError(_("Each hand signal has a key of lower-case letters, digits and _."))
    label = str(signal.get("label", "")).strip()
    if len(label) > 60:
        raise ChangeError(_("A hand signal's label has at most 60 characters."))
    return {"key": signal["key"], **({"label": label} if label else {})}


def _describe_hand_signals(change: Change) -> str:
    labels = ", ".join(signal_label(s) for s in change["signals"])
    return _("The group's hand signals become: %(signals)s.") % {"signals": labels}


def register_builtin_changes() -> None:
    register_change(
        "decision_rule",
        validate=_validate_decision_rule,
        apply=_apply_decision_rule,
        describe=_describe_decision_rule,
    )
    register_change(
        "hand_signals",
        validate=_validate_hand_signals,
        apply=lambda group, change: do_update_group(group, hand_signals=change["signals"]),
        describe=_describe_hand_signals,
    )


def describe_change(change: Change | None) -> str:
    """A short sentence for pages: what passing the proposal changes."""
    if not change:
        return ""
    kind = CHANGE_KINDS.get(change["kind"])
    if kind is not None and kind.describe is not None:
        return kind.describe(change)
    return _("A change of kind %(kind)s.") % {"kind": change["kind"]}
