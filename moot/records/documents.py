"""Documents of a group — internal bulletins, reports, letters — kept with every version.

A document has a title (at most 200 characters), a text (at most 10,000) and a
visibility: public, members of the group, or members of the committee; it defaults to
the group's ``default_visibility``. Its text is shown escaped, with paragraphs and line
breaks kept, never as HTML. Each save keeps a numbered version with who made it; each
change is noted in the audit log and announced live to those who may read it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups.errors import ActionError
from moot.groups.models import Group, Visibility
from moot.realtime.events import publish_on_commit
from moot.records.audit import record_audit
from moot.records.events import documents_stream
from moot.records.models import Document, DocumentVersion

MAX_TITLE = 200
MAX_BODY = 10000


def _checked(group: Group, title: str, body: str, visibility: str | None) -> tuple[str, str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ActionError(_("Please give the document a title."), 400)
    if len(title) > MAX_TITLE:
        raise ActionError(_("A title can have at most 200 characters."), 400)
    if not body:
        raise ActionError(_("Please write the document's text."), 400)
    if len(body) > MAX_BODY:
        raise ActionError(_("A document can have at most 10000 characters."), 400)
    visibility = visibility or group.default_visibility
    if visibility not in Visibility.values:
        raise ActionError(_("Unknown visibility."), 400)
    return title, body, visibility


def _keep_version(document: Document, editor: User) -> DocumentVersion:
    number = document.versions.count() + 1
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        title=document.title,
        body=document.body,
        visibility=document.visibility,
        editor=editor,
        saved_at=document.updated_at,
    )


def _announce(document: Document, event_type: str, person: str, version: int) -> None:
    key = "author" if event_type == "document.created" else "editor"
    payload = {
        "group_id": document.group_id,
        "document_id": document.pk,
        "title": document.title,
        "version": version,
        key: person,
    }
    publish_on_commit(documents_stream(document.group_id, document.visibility), event_type, payload)


@transaction.atomic
def do_create_document(
    author: User, group: Group, *, title: str, body: str, visibility: str | None = None
) -> Document:
    title, body, visibility = _checked(group, title, body, visibility)
    document = Document.objects.create(
        group=group, title=title, body=body, visibility=visibility, author=author
    )
    _keep_version(document, author)
    summary = _("Wrote the document %(title)s.") % {"title": title}
    record_audit(group, author, "document.created", document, summary)
    _announce(document, "document.created", author.shown_name, 1)
    return document


@transaction.atomic
def do_edit_document(
    editor: User, document: Document, *, title: str, body: str, visibility: str | None = None
) -> Document:
    """Save a new version; the visibility stays as it was unless a new one is given."""
    document = Document.objects.select_for_update().select_related("group").get(pk=document.pk)
    title, body, visibility = _checked(
        document.group, title, body, visibility or document.visibility
    )
    if (title, body, visibility) == (document.title, document.body, document.visibility):
        raise ActionError(_("Nothing has changed."), 400)
    document.title, document.body, document.visibility = title, body, visibility
    document.updated_at = timezone.now()
    document.save(update_fields=["title", "body", "visibility", "updated_at"])
    version = _keep_version(document, editor)
    summary = _("Changed the document %(title)s (version %(number)d).") % {
        "title": title,
        "number": version.number,
    }
    record_audit(document.group, editor, "document.edited", document, summary)
    _announce(document, "document.edited", editor.shown_name, version.number)
    return document
