"""Exports of a group's record: the decision log and documents as Markdown, CSV or JSON
lines, and the group's whole data as JSON lines.

An export holds exactly what the person exporting may read: a members-only document or
decision never appears in a non-member's export, members' names appear only to those
who may see the member list, and people appear by ``shown_name``, never by email.
No export holds a ballot: for a secret ballot moot keeps no link from a person to a
choice, and for a named one the decision's summary and reasons already say what counts.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from moot.decisions import queries as decision_queries
from moot.groups import queries as group_queries
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.groups.queries import AnyUser
from moot.groups.rules import can_see, can_see_group
from moot.records.models import Agreement, Document
from moot.roles.models import AccountableRole, Term

FORMATS = {"md": "text/markdown", "csv": "text/csv", "jsonl": "application/x-ndjson"}
Row = dict[str, Any]


def _name(user: Any) -> str | None:
    return user.shown_name if user is not None else None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def decision_rows(user: AnyUser, group: Group) -> list[Row]:
    """The decision log as the person may read it, newest first."""
    decided = decision_queries.visible(user, decision_queries.decided_proposals(group))
    return [
        {
            "id": p.pk,
            "title": p.title,
            "kind": p.kind,
            "visibility": p.visibility,
            "secret_ballot": p.secret,
            "rule": decision_queries.rule_sentence(p),
            "outcome": p.outcome,
            "summary": p.summary,
            "closed_at": _plain(p.closed_at),
            "change": p.change,
            "change_applied": p.change_applied,
            "minority_reports": [
                {"author": _name(m.author), "text": m.text} for m in p.minority_reports.all()
            ],
        }
        for p in decided
    ]


def visible_documents(user: AnyUser, group: Group) -> list[Document]:
    found = Document.objects.filter(group=group).select_related("author", "group")
    return [
        d for d in found.prefetch_related("versions__editor") if can_see(user, group, d.visibility)
    ]


def document_row(document: Document, *, versions: bool = False) -> Row:
    row: Row = {
        "id": document.pk,
        "title": document.title,
        "visibility": document.visibility,
        "author": _name(document.author),
        "created_at": _plain(document.created_at),
        "updated_at": _plain(document.updated_at),
        "body": document.body,
    }
    if versions:
        row["versions"] = [
            {
                "number": v.number,
                "title": v.title,
                "body": v.body,
                "editor": _name(v.editor),
                "saved_at": _plain(v.saved_at),
            }
            for v in document.versions.all()
        ]
    return row


def document_rows(user: AnyUser, group: Group) -> list[Row]:
    return [document_row(d) for d in visible_documents(user, group)]


def _cell(value: Any) -> str:
    """A CSV cell; a leading = + - @ is quoted so a spreadsheet never runs it."""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
    text = "" if text is None else str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def as_jsonl(rows: Iterable[Row]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)


def as_markdown(title: str, rows: list[Row], body_key: str) -> str:
    lines = [f"# {title}", ""]
    for row in rows:
        lines += [f"## {row['title']}", ""]
        for key, value in row.items():
            if key not in ("title", body_key) and value not in (None, "", [], {}):
                shown = (
                    json.dumps(value, ensure_ascii=False)
                    if isinstance(value, list | dict)
                    else value
                )
                lines.append(f"- {key}: {shown}")
        if row.get(body_key):
            lines += ["", str(row[body_key])]
        lines.append("")
    return "\n".join(lines)


def render(rows: list[Row], fmt: str, title: str, body_key: str) -> str:
    if fmt not in FORMATS:
        raise ActionError(_("Export as md, csv or jsonl."), 400)
    if fmt == "csv":
        return as_csv(rows)
    if fmt == "jsonl":
        return as_jsonl(rows)
    return as_markdown(title, rows, body_key)


def export_decisions(user: AnyUser, group: Group, fmt: str) -> str:
    title = _("Decisions of %(group)s") % {"group": group.name}
    return render(decision_rows(user, group), fmt, title, "summary")


def export_documents(user: AnyUser, group: Group, fmt: str) -> str:
    title = _("Documents of %(group)s") % {"group": group.name}
    return render(document_rows(user, group), fmt, title, "body")


def _members(user: AnyUser, group: Group) -> Iterator[Row]:
    if not user.has_perm("groups.view_members", group):
        return
    for m in group_queries.active_members(group):
        yield {
            "type": "member",
            "name": m.user.shown_name,
            "role": m.role,
            "joined_at": _plain(m.joined_at),
        }


def _committees(user: AnyUser, group: Group) -> Iterator[Row]:
    for c in group_queries.committees_of(group):
        if can_see_group(user, c):
            yield {"type": "committee", "id": c.pk, "name": c.name, "parent_id": c.parent_id}


def _roles(group: Group) -> Iterator[Row]:
    for role in AccountableRole.objects.filter(group=group):
        yield {
            "type": "role",
            "id": role.pk,
            "name": role.name,
            "duties": role.duties,
            "seats": role.seats,
            "report_every_days": role.report_every_days,
        }
    terms = (
        Term.objects.filter(role__group=group).select_related("holder").order_by("starts_on", "id")
    )
    for t in terms.prefetch_related("report_backs"):
        yield {
            "type": "term",
            "id": t.pk,
            "role_id": t.role_id,
            "holder": t.holder.shown_name,
            "starts_on": _plain(t.starts_on),
            "ends_on": _plain(t.last_day),
            "end_reason": t.end_reason,
            "report_backs": [
                {"filed_at": _plain(r.filed_at), "text": r.text} for r in t.report_backs.all()
            ],
        }


def _agreements(group: Group) -> Iterator[Row]:
    for a in Agreement.objects.filter(group=group).prefetch_related("versions"):
        yield {
            "type": "agreement",
            "id": a.pk,
            "title": a.title,
            "text": a.text,
            "adopted_at": _plain(a.adopted_at),
            "retired_at": _plain(a.retired_at),
            "versions": [
                {
                    "number": v.number,
                    "title": v.title,
                    "text": v.text,
                    "took_effect_at": _plain(v.took_effect_at),
                }
                for v in a.versions.all()
            ],
        }


def export_group(user: AnyUser, group: Group) -> Iterator[str]:
    """The group's whole record as JSON lines, one thing a line, each with its ``type``."""
    head = {
        "type": "group",
        "id": group.pk,
        "name": group.name,
        "kind": group.kind,
        "description": group.description,
        "visibility": group.visibility,
    }
    parts: list[Iterable[Row]] = [
        [head],
        _members(user, group),
        _committees(user, group),
        _roles(group),
        _agreements(group),
        (
            {"type": "document", **document_row(d, versions=True)}
            for d in visible_documents(user, group)
        ),
        ({"type": "decision", **row} for row in decision_rows(user, group)),
    ]
    for part in parts:
        for row in part:
            yield json.dumps(row, ensure_ascii=False, default=str) + "\n"
