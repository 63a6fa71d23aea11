"""Calendars in iCalendar form (RFC 5545), written by hand: plain Python, no Django.

Lines end in CRLF and are folded so that none is longer than 75 octets: a long line
continues on the next, which starts with one space; a character is never split between
lines. Text escapes backslash, semicolon, comma and newline. Every time is in UTC (``Z``);
every event has a stable ``UID`` and the ``DTSTAMP`` of the feed's making.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

LIMIT = 75  # octets per line, not counting the CRLF


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts: datetime
    summary: str
    ends: datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def escape_text(value: str) -> str:
    """A TEXT value: backslash first, so the escapes added after stay single."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Split one content line into pieces of at most 75 octets, joined by CRLF + space."""
    pieces: list[str] = []
    current, size, room = "", 0, LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            pieces.append(current)
            current, size, room = "", 0, LIMIT - 1  # the leading space takes one octet
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc(event.starts)}",
    ]
    if event.ends is not None and event.ends > event.starts:
        lines.append(f"DTEND:{utc(event.ends)}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, events: Iterable[CalendarEvent], now: datetime) -> str:
    """The whole calendar as text, every line folded and ended with CRLF."""
    stamp = utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//moot//calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
