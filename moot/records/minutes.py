"""Minutes, written by moot from the meeting's own record — nobody has to type them.

They hold: when and where the meeting met (and, for an emergency meeting, why);
attendance; each agenda item in order with what became of it; the speakers in the
order they first spoke, with their time spoken; every proposal with its rule, each
round's full tally, blocks and stand-asides with their reasons (names only on named
ballots) and the outcome read as a sentence; the report-backs; and the items tabled,
with the meeting they were carried to. ``minutes_data`` gathers it; ``to_markdown``
writes it as Markdown; the HTML page renders the same data.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from moot.decisions.queries import proposal_record
from moot.meetings import queries as meeting_queries
from moot.meetings.models import AgendaItem, ItemStatus, Meeting, Presence
from moot.rooms.queries import speakers_in_order


def minutes_data(meeting: Meeting) -> dict[str, Any]:
    items = meeting_queries.agenda(meeting)
    return {
        "meeting": meeting,
        "attendance": meeting_queries.attendance_record(meeting),
        "items": [_item(item) for item in items],
        "speakers": speakers_in_order(meeting),
        "report_backs": meeting_queries.report_backs(meeting),
        "tabled": [_item(item) for item in items if item.status == ItemStatus.TABLED],
        "written_at": timezone.now(),
    }


def _item(item: AgendaItem) -> dict[str, Any]:
    carried_to = item.carried_to.select_related("meeting").first()
    proposal = getattr(item, "proposal", None)
    return {
        "item": item,
        "carried_from": meeting_queries.carry_history(item),
        "carried_to": carried_to,
        "proposal": proposal_record(proposal) if proposal is not None else None,
    }


def to_markdown(data: dict[str, Any]) -> str:
    meeting: Meeting = data["meeting"]
    lines = [f"# {_('Minutes')}: {meeting.title}", ""]
    lines += _heading_lines(meeting)
    lines += _attendance_lines(data)
    lines += [f"## {_('Agenda')}", ""]
    for number, entry in enumerate(data["items"], start=1):
        lines += _item_lines(number, entry)
    lines += _speaker_lines(data["speakers"])
    lines += _report_back_lines(data["report_backs"])
    lines += _tabled_lines(data["tabled"])
    return "\n".join(lines).rstrip() + "\n"


def _when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


def _heading_lines(meeting: Meeting) -> list[str]:
    lines = [
        f"- {_('Group')}: {meeting.group.name}",
        f"- {_('Scheduled for')}: {_when(meeting.starts_at)}",
    ]
    if meeting.location:
        lines.append(f"- {_('Where')}: {meeting.location}")
    lines += [
        f"- {_('Opened')}: {_when(meeting.opened_at)}",
        f"- {_('Ended')}: {_when(meeting.closed_at)}",
    ]
    if meeting.is_emergency:
        lines.append(f"- {_('Emergency meeting, called because')}: {meeting.emergency_reason}")
    return [*lines, ""]


def _attendance_lines(data: dict[str, Any]) -> list[str]:
    present = [entry.presence for entry in data["attendance"]]
    lines = [
        f"## {_('Attendance')}",
        "",
        _("%(room)d in the room, %(remote)d remote.")
        % {"room": present.count(Presence.ROOM), "remote": present.count(Presence.REMOTE)},
        "",
    ]
    for entry in data["attendance"]:
        lines.append(f"- {entry.user.shown_name} ({entry.get_presence_display()})")
    return [*lines, ""]


def _item_lines(number: int, entry: dict[str, Any]) -> list[str]:
    item: AgendaItem = entry["item"]
    lines = [
        f"### {number}. {item.title} ({item.get_kind_display()}: {item.get_status_display()})",
        "",
    ]
    if item.description:
        lines += [item.description, ""]
    if entry["carried_from"]:
        origin = entry["carried_from"][0]
        lines += [_("Carried from %(meeting)s.") % {"meeting": origin.meeting.title}, ""]
    if item.status == ItemStatus.TABLED:
        lines += [_tabled_sentence(entry), ""]
    if entry["proposal"] is not None:
        lines += _proposal_lines(entry["proposal"])
    return lines


def _tabled_sentence(entry: dict[str, Any]) -> str:
    item: AgendaItem = entry["item"]
    text = _("Tabled.")
    if item.tabled_reason:
        text += " " + item.tabled_reason
    if entry["carried_to"] is not None:
        text += " " + _("Carried to %(meeting)s.") % {"meeting": entry["carried_to"].meeting.title}
    else:
        text += " " + _("It goes onto the next meeting's agenda.")
    return text


def _proposal_lines(record: dict[str, Any]) -> list[str]:
    lines = [
        f"**{_('Proposal')}:** {record['title']}",
        "",
        record["text"] or "",
        "",
        f"*{_('Rule')}:* {record['rule']}",
        "",
    ]
    for number, current in enumerate(record["rounds"], start=1):
        lines += _round_lines(number, current)
    if record["summary"]:
        lines += [f"**{_('Outcome')}:** {record['summary']}", ""]
    for report in record["minority_reports"]:
        lines += [f"> {_('Minority report')} ({report['author']}): {report['text']}", ""]
    return lines


def _round_lines(number: int, current: dict[str, Any]) -> list[str]:
    lines = [f"- {_('Round')} {number}: {current['summary'] or _('not yet counted')}"]
    result = current["result"] or {}
    if result.get("kind") == "positions":
        counts = ", ".join(
            f"{key.replace('_', ' ')} {value}" for key, value in result["counts"].items()
        )
        lines.append(f"  - {_('Tally')}: {counts}")
        for label, key in ((_("Block"), "blocks"), (_("Stand aside"), "stand_asides")):
            for person in result.get(key, []):
                who = person["name"] or _("(secret ballot)")
                lines.append(f"  - {label} — {who}: {person['reason'] or '—'}")
    return [*lines, ""]


def _speaker_lines(speakers: list[Any]) -> list[str]:
    lines = [f"## {_('Speakers')}", ""]
    for speaker in speakers:
        minutes, seconds = divmod(speaker.seconds, 60)
        lines.append(
            f"- {speaker.name}: "
            + _("%(turns)d times, %(m)d min %(s)02d s")
            % {"turns": speaker.turns, "m": minutes, "s": seconds}
        )
    return [*lines, ""]


def _report_back_lines(report_backs: list[Any]) -> list[str]:
    lines = [f"## {_('Report-backs')}", ""]
    for report in report_backs:
        author = report.author.shown_name if report.author else "—"
        lines += [f"### {report.committee.name} ({author})", "", report.text, ""]
    return lines


def _tabled_lines(tabled: list[dict[str, Any]]) -> list[str]:
    lines = [f"## {_('Tabled items')}", ""]
    for entry in tabled:
        lines.append(f"- {entry['item'].title}: {_tabled_sentence(entry)}")
    return [*lines, ""]
