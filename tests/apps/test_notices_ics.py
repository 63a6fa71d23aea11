"""Calendars are written to RFC 5545: CRLF line ends, lines folded at 75 octets without
splitting a character, TEXT escaped, times in UTC, a UID and a DTSTAMP on every event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from moot.notices import ics

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_text_escapes_backslash_semicolon_comma_and_newlines() -> None:
    assert ics.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_a_backslash_is_escaped_once_not_again_by_the_escapes_after_it() -> None:
    assert ics.escape_text("\\;") == "\\\\\\;"


def test_a_short_line_is_not_folded() -> None:
    assert ics.fold("SUMMARY:Short") == "SUMMARY:Short"


def test_a_long_line_folds_at_75_octets_with_a_leading_space() -> None:
    folded = ics.fold("DESCRIPTION:" + "x" * 200)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert len(lines[0].encode()) == 75
    assert all(line.startswith(" ") for line in lines[1:])
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "x" * 200


def test_folding_never_splits_a_multibyte_character() -> None:
    line = "SUMMARY:" + "ñ€😀" * 40
    folded = ics.fold(line)
    for piece in folded.split("\r\n"):
        assert len(piece.encode("utf-8")) <= 75
        piece.encode("utf-8").decode("utf-8")  # each piece is whole characters
    assert folded.replace("\r\n ", "") == line


def test_times_are_written_in_utc() -> None:
    bogota = timezone(timedelta(hours=-5))
    assert ics.utc(datetime(2025, 6, 1, 18, 30, tzinfo=bogota)) == "20250601T233000Z"


def test_a_calendar_ends_every_line_with_crlf_and_gives_each_event_uid_and_stamp() -> None:
    event = ics.CalendarEvent(
        uid="meeting-1@moot",
        starts=NOW,
        ends=NOW + timedelta(hours=2),
        summary="Branch meeting; rent, repairs",
        description="Why:\nthe landlord wrote",
        location="Hall 2, upstairs",
        url="http://example.org/meetings/1/",
    )
    text = ics.calendar("Eastside Branch", [event], NOW)
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert "UID:meeting-1@moot" in lines
    assert "DTSTAMP:20250601T120000Z" in lines
    assert "DTSTART:20250601T120000Z" in lines
    assert "DTEND:20250601T140000Z" in lines
    assert "SUMMARY:Branch meeting\\; rent\\, repairs" in lines
    assert "DESCRIPTION:Why:\\nthe landlord wrote" in lines
    assert "LOCATION:Hall 2\\, upstairs" in lines
    assert "STATUS:CONFIRMED" in lines


def test_a_deadline_has_no_end_and_a_cancelled_meeting_says_so() -> None:
    deadline = ics.CalendarEvent(uid="proposal-3-closes@moot", starts=NOW, summary="Vote closes")
    cancelled = ics.CalendarEvent(uid="meeting-2@moot", starts=NOW, summary="Off", cancelled=True)
    lines = unfold(ics.calendar("G", [deadline, cancelled], NOW))
    assert not any(line.startswith("DTEND") for line in lines)
    assert "STATUS:CANCELLED" in lines
    assert lines.count("BEGIN:VEVENT") == 2
