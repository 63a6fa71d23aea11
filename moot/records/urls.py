from django.urls import path

from moot.records import views

app_name = "records"

urlpatterns = [
    path("g/<int:group_id>/agreements/", views.agreements, name="agreements"),
    path("meetings/<int:meeting_id>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:meeting_id>/minutes.md", views.minutes_markdown, name="minutes_markdown"),
]
