"""Pages that read a group's record whole: the audit log, and exports to download.

An export holds only what the person exporting may read (``moot.records.exports``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from moot.groups.views import get_group_or_404
from moot.records import exports
from moot.records.audit import audit_entries


def audit_log(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.view_audit")
    entries = audit_entries(request.user, group)
    return render(request, "records/audit.html", {"group": group, "entries": entries})


def export_page(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.export")
    return render(request, "records/exports.html", {"group": group, "formats": exports.FORMATS})


def _download(content: str, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{exports.FORMATS[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def export_decisions(request: HttpRequest, group_id: int, fmt: str) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.export")
    content = exports.export_decisions(request.user, group, fmt)
    return _download(content, f"{slugify(group.name) or 'group'}-decisions", fmt)


def export_documents(request: HttpRequest, group_id: int, fmt: str) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.export")
    content = exports.export_documents(request.user, group, fmt)
    return _download(content, f"{slugify(group.name) or 'group'}-documents", fmt)


def export_group(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.export")
    content = "".join(exports.export_group(request.user, group))
    return _download(content, slugify(group.name) or "group", "jsonl")
