"""The live events of documents: one schema per event type.

A document's events go to ``documents:<group_id>`` when it is public, and to
``documents:<group_id>.members`` / ``documents:<group_id>.committee`` otherwise, so a
listener hears only about documents they may read (see ``document_streams.py``).
Events carry the title, never the text.
"""

from __future__ import annotations

from moot.groups.models import Visibility
from moot.realtime.events import EventSchema, event_schema


def documents_stream(group_id: int, visibility: str = Visibility.PUBLIC) -> str:
    if visibility == Visibility.PUBLIC:
        return f"documents:{group_id}"
    return f"documents:{group_id}.{visibility}"


class DocumentEvent(EventSchema):
    group_id: int
    document_id: int
    title: str
    version: int


@event_schema("document.created")
class DocumentCreated(DocumentEvent):
    author: str


@event_schema("document.edited")
class DocumentEdited(DocumentEvent):
    editor: str
