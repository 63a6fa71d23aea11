from django.urls import path

from moot.records import document_views, export_views, views

app_name = "records"

urlpatterns = [
    path("g/<int:group_id>/agreements/", views.agreements, name="agreements"),
    path("meetings/<int:meeting_id>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:meeting_id>/minutes.md", views.minutes_markdown, name="minutes_markdown"),
    path("g/<int:group_id>/documents/", document_views.documents, name="documents"),
    path("g/<int:group_id>/documents/new/", document_views.new_document, name="new_document"),
    path("documents/<int:document_id>/", document_views.document_detail, name="document"),
    path("documents/<int:document_id>/edit/", document_views.edit_document, name="edit_document"),
    path("g/<int:group_id>/audit/", export_views.audit_log, name="audit"),
    path("g/<int:group_id>/export/", export_views.export_page, name="exports"),
    path("g/<int:group_id>/export/group.jsonl", export_views.export_group, name="export_group"),
    path(
        "g/<int:group_id>/export/decisions.<str:fmt>",
        export_views.export_decisions,
        name="export_decisions",
    ),
    path(
        "g/<int:group_id>/export/documents.<str:fmt>",
        export_views.export_documents,
        name="export_documents",
    ),
]
