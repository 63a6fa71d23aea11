"""What moot accepts as text and as a date, in every app, on pages and in the API.

Text never holds control characters: a NUL byte cannot be stored by PostgreSQL at all,
and the others (escape, backspace, bell …) only garble what others read. Multi-line text
(a proposal, a description) keeps line breaks and tabs; a single line (a title, a name)
keeps tabs but no line break, so that it stays one line in an email subject or a list.

A date lies between 1900 and 2999: anything else is a typing slip, and dates near the
ends of what Python can hold overflow when moved to UTC.

The checks come three ways: plain functions, Django validators for form fields
(``validators=[validate_sane_date]``), and pydantic types for API schemas (``Line``,
``Text``, ``Moment``, ``Day``). ``moot.groups.middleware`` refuses control characters in
every request before any view reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator

# Every C0 control character and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAK = re.compile(r"[\r\n\x85\u2028\u2029]")
D = TypeVar("D", bound=date)
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def control_message() -> str:
    return _("Text may not contain control characters, such as a NUL byte.")


def line_message() -> str:
    return _("This must be a single line, without line breaks.")


def date_message() -> str:
    return _("Give a date between %(earliest)s and %(latest)s.") % {
        "earliest": EARLIEST.isoformat(),
        "latest": LATEST.isoformat(),
    }


def has_control_characters(text: str) -> bool:
    return CONTROL.search(text) is not None


def check_text(value: str) -> str:
    """Multi-line text: refused (ValueError) if it holds a control character."""
    if has_control_characters(value):
        raise ValueError(control_message())
    return value


def check_line(value: str) -> str:
    """A single line: no control character and no line break."""
    check_text(value)
    if LINE_BREAK.search(value):
        raise ValueError(line_message())
    return value


def check_sane_date(value: D) -> D:
    """A date, or a date and time (as given, before any move to UTC), in the sane range."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(date_message())
    return value


def _as_django(check: Any, code: str) -> Any:
    # The code is one no form field has a message of its own for: a field would show its
    # own (“Enter a valid date”) instead of ours for the code "invalid".
    def validate(value: Any) -> None:
        if value in (None, ""):
            return
        try:
            check(value)
        except ValueError as error:
            raise ValidationError(str(error), code=code) from None

    validate.__name__ = check.__name__.replace("check_", "validate_")
    return validate


validate_text = _as_django(check_text, "control_characters")
validate_line = _as_django(check_line, "not_one_line")
validate_sane_date = _as_django(check_sane_date, "date_out_of_range")

Text = Annotated[str, AfterValidator(check_text)]
Line = Annotated[str, AfterValidator(check_line)]
Moment = Annotated[datetime, AfterValidator(check_sane_date)]
Day = Annotated[date, AfterValidator(check_sane_date)]


def strings_in(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in decoded JSON (keys too), with where it was found."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield where, str(key)
            yield from strings_in(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_in(value, f"{where}[{index}]")
