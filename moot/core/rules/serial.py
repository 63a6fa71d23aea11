"""Reading a stored decision rule back, refusing anything that is not a valid rule.

A rule is stored as plain JSON data (``DecisionRule.to_dict``). Thresholds and shares
are exact fraction strings such as ``"9/10"``; a float is refused, so no stored rule is
ever rounded. Anything invalid — an unknown kind or key, a share outside (0, 1], a
negative count — raises ``RuleError`` with a message fit to show the person who wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from fractions import Fraction
from typing import Any, TypeVar

from moot.core.rules.kinds import (
    Base,
    Body,
    Consensus,
    DecisionRule,
    Fallback,
    Majority,
    Quorum,
    QuorumCount,
    QuorumShare,
    RuleError,
    Stage,
    Unanimity,
    check_share,
)

E = TypeVar("E", bound=Enum)


def rule_from_dict(data: object) -> DecisionRule:
    """The decision rule stored in ``data``, or ``RuleError`` saying what is wrong."""
    fields = _mapping(data, "a decision rule", {"version", "first", "fallbacks", "quorum"})
    if fields.get("version", 1) != 1:
        raise RuleError(f"unknown rule version {fields['version']!r}")
    if "first" not in fields:
        raise RuleError("a decision rule needs a first stage")
    fallbacks = fields.get("fallbacks", [])
    if not isinstance(fallbacks, list):
        raise RuleError("fallbacks must be a list")
    quorum = fields.get("quorum")
    return DecisionRule(
        first=stage_from_dict(fields["first"]),
        fallbacks=tuple(_fallback_from_dict(f) for f in fallbacks),
        quorum=None if quorum is None else quorum_from_dict(quorum),
    )


def stage_from_dict(data: object) -> Stage:
    kind = _kind(data, "a stage")
    readers: dict[str, Callable[[Mapping[str, Any]], Stage]] = {
        "consensus": _consensus,
        "unanimity": _unanimity,
        "majority": _majority,
    }
    if kind not in readers:
        raise RuleError(f"unknown kind of stage {kind!r}; known: {', '.join(readers)}")
    return readers[kind](data)  # type: ignore[arg-type]  # _kind checked it is a mapping


def quorum_from_dict(data: object) -> Quorum:
    kind = _kind(data, "a quorum")
    if kind == "count":
        fields = _mapping(data, "a quorum", {"kind", "people"})
        return QuorumCount(_required(fields, "people", "a quorum"))
    if kind == "share":
        fields = _mapping(data, "a quorum", {"kind", "share", "of", "strict"})
        share = _fraction(_required(fields, "share", "a quorum"), "a quorum's share")
        body = _enum(Body, fields.get("of", "members"), "a quorum")
        return QuorumShare(share, body, _flag(fields, "strict"))
    raise RuleError(f"unknown kind of quorum {kind!r}; known: count, share")


def _fallback_from_dict(data: object) -> Fallback:
    fields = _mapping(data, "a fallback", {"after_blocks", "rule"})
    after = _required(fields, "after_blocks", "a fallback")
    return Fallback(after, stage_from_dict(_required(fields, "rule", "a fallback")))


def _consensus(data: Mapping[str, Any]) -> Stage:
    fields = _mapping(data, "a consensus stage", {"kind", "blocks_to_stop"})
    return Consensus(fields.get("blocks_to_stop", 1))


def _unanimity(data: Mapping[str, Any]) -> Stage:
    _mapping(data, "a unanimity stage", {"kind"})
    return Unanimity()


def _majority(data: Mapping[str, Any]) -> Stage:
    fields = _mapping(data, "a vote", {"kind", "threshold", "base", "strict"})
    threshold = _fraction(_required(fields, "threshold", "a vote"), "a threshold")
    base = _enum(Base, fields.get("base", Base.AGREE_DISAGREE.value), "a vote")
    return Majority(threshold, base, _flag(fields, "strict"))


def _mapping(data: object, what: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise RuleError(f"{what} must be an object, not {type(data).__name__}")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleError(f"{what} has unknown fields: {', '.join(map(str, unknown))}")
    return data


def _kind(data: object, what: str) -> str:
    if not isinstance(data, Mapping) or not isinstance(data.get("kind"), str):
        raise RuleError(f"{what} must be an object with a kind")
    kind: str = data["kind"]
    return kind


def _required(fields: Mapping[str, Any], key: str, what: str) -> Any:
    if key not in fields:
        raise RuleError(f"{what} needs {key}")
    return fields[key]


def _fraction(value: object, what: str) -> Fraction:
    if not isinstance(value, str):
        return check_share(value, what)
    try:
        parsed = Fraction(value.strip())
    except (ValueError, ZeroDivisionError):
        raise RuleError(f'{what} must be written like "9/10", not {value!r}') from None
    return check_share(parsed, what)


def _enum(kind: type[E], value: object, what: str) -> E:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(k.value) for k in kind)
        raise RuleError(
            f"{what} has an unknown {kind.__name__.lower()} {value!r}; known: {known}"
        ) from None


def _flag(fields: Mapping[str, Any], key: str) -> bool:
    value = fields.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(f"{key} must be true or false, not {value!r}")
    return value
