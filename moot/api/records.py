"""API endpoints for the rest of the record: documents, the audit log and exports.

The same permissions as the pages (``moot.records.rules``) and the same actions. A
document the caller may not read answers 404, in a list it is simply absent, and an
export holds only what the caller may read.
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from pydantic import BaseModel, Field

from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS
from moot.api.common import request_group as _group
from moot.api.common import request_user as _user
from moot.groups.errors import ActionError
from moot.records import exports
from moot.records.audit import audit_entries
from moot.records.documents import do_create_document, do_edit_document
from moot.records.models import Document

router = Router(tags=["records"])


class DocumentIn(BaseModel):
    title: str = Field(max_length=1000)
    body: str = Field(max_length=100000)
    visibility: str | None = None


class VersionOut(BaseModel):
    number: int
    title: str
    body: str
    editor: str | None
    saved_at: str


class DocumentOut(BaseModel):
    id: int
    title: str
    visibility: str
    author: str | None
    created_at: str
    updated_at: str
    body: str
    versions: list[VersionOut] = Field(default_factory=list)


class AuditOut(BaseModel):
    at: datetime
    actor: str | None
    action: str
    target_type: str
    target_id: int | None
    summary: str


def _document(request: HttpRequest, document_id: int, perm: str | None = None) -> Document:
    document = (
        Document.objects.select_related("group__parent", "author").filter(pk=document_id).first()
    )
    if document is None or not request.user.has_perm("records.view_document", document):
        raise Http404
    if perm is not None and not request.user.has_perm(perm, document):
        raise ActionError(_("You may not change this document."), 403)
    return document


@router.get("/groups/{group_id}/documents", response={200: list[DocumentOut], **ERRORS})
def list_documents(request: HttpRequest, group_id: int) -> list[dict[str, object]]:
    """The group's documents the caller may read, newest change first."""
    optional_user(request)
    group = _group(request, group_id, "records.view_documents")
    return [exports.document_row(d) for d in exports.visible_documents(request.user, group)]


@router.post(
    "/groups/{group_id}/documents", auth=TokenAuth(), response={201: DocumentOut, **ERRORS}
)
def create_document(
    request: HttpRequest, group_id: int, body: DocumentIn
) -> Status[dict[str, object]]:
    group = _group(request, group_id, "records.write_document")
    document = do_create_document(_user(request), group, **body.model_dump())
    return Status(201, exports.document_row(document, versions=True))


@router.get("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def get_document(request: HttpRequest, document_id: int) -> dict[str, object]:
    optional_user(request)
    return exports.document_row(_document(request, document_id), versions=True)


@router.put("/documents/{document_id}", auth=TokenAuth(), response={200: DocumentOut, **ERRORS})
def edit_document(request: HttpRequest, document_id: int, body: DocumentIn) -> dict[str, object]:
    """Save a new version of the document."""
    document = _document(request, document_id, "records.edit_document")
    edited = do_edit_document(_user(request), document, **body.model_dump())
    return exports.document_row(edited, versions=True)


@router.get("/groups/{group_id}/audit", auth=TokenAuth(), response={200: list[AuditOut], **ERRORS})
def audit_log(request: HttpRequest, group_id: int) -> list[dict[str, object]]:
    """Who changed what, newest first; for members of the group."""
    group = _group(request, group_id, "records.view_audit")
    return [
        {
            "at": e.at,
            "actor": e.actor.shown_name if e.actor else None,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "summary": e.summary,
        }
        for e in audit_entries(request.user, group)
    ]


def _download(content: str, fmt: str) -> HttpResponse:
    return HttpResponse(content, content_type=f"{exports.FORMATS[fmt]}; charset=utf-8")


@router.get("/groups/{group_id}/export/decisions.{fmt}", response={200: None, **ERRORS})
def export_decisions(request: HttpRequest, group_id: int, fmt: str) -> HttpResponse:
    """The decision log as ``md``, ``csv`` or ``jsonl``; no ballots."""
    optional_user(request)
    group = _group(request, group_id, "records.export")
    return _download(exports.export_decisions(request.user, group, fmt), fmt)


@router.get("/groups/{group_id}/export/documents.{fmt}", response={200: None, **ERRORS})
def export_documents(request: HttpRequest, group_id: int, fmt: str) -> HttpResponse:
    """The documents the caller may read as ``md``, ``csv`` or ``jsonl``."""
    optional_user(request)
    group = _group(request, group_id, "records.export")
    return _download(exports.export_documents(request.user, group, fmt), fmt)


@router.get("/groups/{group_id}/export/group.jsonl", response={200: None, **ERRORS})
def export_group(request: HttpRequest, group_id: int) -> HttpResponse:
    """The group's whole record as JSON lines, as far as the caller may read it."""
    optional_user(request)
    group = _group(request, group_id, "records.export")
    return _download("".join(exports.export_group(request.user, group)), "jsonl")
