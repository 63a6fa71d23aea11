"""Fixed-point decimals as plain integers.

A count that the rules say must be made "to five decimal places" or "to nine decimal
places" keeps every value as an integer number of units of 10**-d. Multiplying two such
values and dividing by another then needs one rounding, and the rule says which way:
Scottish STV ignores any remainder (rounds down), the Meek reference rule rounds keep
factors and kept shares up. These helpers do exactly one rounding each, on integers, so
no binary floating point ever touches a vote.
"""

from __future__ import annotations

from fractions import Fraction


def scale_for(places: int) -> int:
    """The number of units in one whole vote at ``places`` decimal places."""
    return int(10**places)


def mul_div_down(a: int, b: int, c: int) -> int:
    """``a * b / c`` rounded down (remainder ignored)."""
    return (a * b) // c


def mul_down(a: int, b: int, scale: int) -> int:
    """Product of two fixed-point values, rounded down."""
    return (a * b) // scale


def mul_up(a: int, b: int, scale: int) -> int:
    """Product of two fixed-point values, rounded up."""
    return -((-a * b) // scale)


def div_up(a: int, b: int, scale: int) -> int:
    """Quotient of two fixed-point values, rounded up."""
    return -((-a * scale) // b)


def to_fraction(units: int, scale: int) -> int | Fraction:
    """A fixed-point value as an exact number of votes (an int when whole)."""
    value = Fraction(units, scale)
    return int(value) if value.denominator == 1 else value
