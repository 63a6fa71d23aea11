"""Pages for a group's documents. Each view parses input, checks permission and calls
one action; a document the person may not read answers 404, as if it did not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.views import get_group_or_404
from moot.records.document_forms import DocumentForm
from moot.records.documents import do_create_document, do_edit_document
from moot.records.exports import visible_documents
from moot.records.models import Document


def get_document_or_404(
    request: HttpRequest, document_id: int, perm: str = "records.view_document"
) -> Document:
    document = (
        Document.objects.select_related("group__parent", "author").filter(pk=document_id).first()
    )
    if document is None or not request.user.has_perm("records.view_document", document):
        raise Http404
    if perm != "records.view_document" and not request.user.has_perm(perm, document):
        raise ActionError(_("You may not change this document."), 403)
    return document


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    invalid = request.method == "POST" and not context["form"].is_valid()
    return render(request, template, context, status=400 if invalid else 200)


def documents(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.view_documents")
    context = {
        "group": group,
        "documents": visible_documents(request.user, group),
        "can_write": request.user.has_perm("records.write_document", group),
    }
    return render(request, "records/documents.html", context)


def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_document_or_404(request, document_id)
    context = {
        "document": document,
        "group": document.group,
        "versions": document.versions.select_related("editor").order_by("-number"),
        "can_edit": request.user.has_perm("records.edit_document", document),
    }
    return render(request, "records/document.html", context)


@login_required
def new_document(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "records.write_document")
    form = DocumentForm(request.POST or None, initial={"visibility": group.default_visibility})
    if request.method == "POST" and form.is_valid():
        document = do_create_document(_user(request), group, **form.cleaned_data)
        messages.success(request, _("The document is saved."))
        return redirect("records:document", document_id=document.pk)
    return _page(request, "records/document_form.html", {"form": form, "group": group})


@login_required
def edit_document(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_document_or_404(request, document_id, "records.edit_document")
    initial = {f: getattr(document, f) for f in ("title", "body", "visibility")}
    form = DocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        do_edit_document(_user(request), document, **form.cleaned_data)
        messages.success(request, _("The new version is saved."))
        return redirect("records:document", document_id=document.pk)
    context = {"form": form, "group": document.group, "document": document}
    return _page(request, "records/document_form.html", context)
