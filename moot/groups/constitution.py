"""A group's rules as data: its decision rule and its hand-signal set.

The decision rule is a ``moot.core`` rule stored as a plain dict (see
``moot.core.rules``); later features read it to tally. The hand-signal set is a list
of signals, each with a key and, for the group's own signals, a label. The default
signals' labels come from here so they are translated.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

DEFAULT_SIGNALS: dict[str, Any] = {
    "agree": _("Agree (twinkles)"),
    "disagree": _("Disagree"),
    "point_of_process": _("Point of process"),
    "point_of_information": _("Point of information"),
    "clarifying_question": _("Clarifying question"),
    "direct_response": _("Direct response"),
    "wrap_up": _("Wrap up"),
    "block": _("Block"),
}


def default_hand_signals() -> list[dict[str, str]]:
    return [{"key": key} for key in DEFAULT_SIGNALS]


def signal_label(signal: dict[str, str]) -> str:
    """The label a person sees: the group's own, or the translated default."""
    return signal.get("label") or str(DEFAULT_SIGNALS.get(signal["key"], signal["key"]))


DEFAULT_RULE_TEMPLATE = "consensus"


def default_decision_rule() -> dict[str, Any]:
    from moot.core.rules import TEMPLATES

    return TEMPLATES[DEFAULT_RULE_TEMPLATE].to_dict()
