"""Words for numbers in rule sentences and result summaries.

Shares are named the way people say them ("half", "two thirds", "90%"); a share that
is neither is written as a fraction, never rounded. Percentages in summaries carry as
many decimals as it takes to keep the comparison true: 89.99% is never shown as 90%.
Every sentence goes through a ``gettext``-like callable, so the web app can translate.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

Translate = Callable[[str], str]

MOST_DECIMALS = 12


def keep_english(text: str) -> str:
    """The default translation: the English text itself."""
    return text


def _named_shares(_: Translate) -> dict[Fraction, str]:
    return {
        Fraction(1, 2): _("half"),
        Fraction(1, 3): _("one third"),
        Fraction(2, 3): _("two thirds"),
        Fraction(1, 4): _("one quarter"),
        Fraction(3, 4): _("three quarters"),
    }


def is_whole_percent(share: Fraction, decimals: int = 2) -> bool:
    """True when ``share`` is a percentage with at most ``decimals`` decimals."""
    return (share * 100 * int(10**decimals)).denominator == 1


def decimal_text(value: Fraction, decimals: int) -> str:
    """``value`` rounded to ``decimals`` places, as text (rounding half to even)."""
    scaled = round(value * int(10**decimals))
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled)).rjust(decimals + 1, "0")
    if decimals == 0:
        return sign + digits
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def percent_text(share: Fraction) -> str:
    """A whole or short percentage exactly, e.g. ``90%`` or ``66.5%``."""
    decimals = next(d for d in range(3) if is_whole_percent(share, d))
    return decimal_text(share * 100, decimals) + "%"


def share_text(share: Fraction, _: Translate = keep_english) -> str:
    """A share as people say it: "half", "two thirds", "90%", or "5/7"."""
    named = _named_shares(_)
    if share in named:
        return named[share]
    if is_whole_percent(share):
        return percent_text(share)
    return f"{share.numerator}/{share.denominator}"


def ratio_percent_text(ratio: Fraction, threshold: Fraction) -> str:
    """``ratio`` as a percentage precise enough to differ from ``threshold`` unless equal."""
    if ratio == threshold:
        return percent_text(threshold)
    for decimals in range(MOST_DECIMALS + 1):
        if round(ratio * 100, decimals) != round(threshold * 100, decimals):
            return decimal_text(ratio * 100, decimals) + "%"
    return f"{ratio.numerator}/{ratio.denominator}"


def times_text(count: int, _: Translate = keep_english) -> str:
    if count == 1:
        return _("once")
    if count == 2:
        return _("twice")
    return _("{count} times").format(count=count)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
