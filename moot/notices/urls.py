from django.urls import path

from moot.notices import views

app_name = "notices"

urlpatterns = [
    path("notifications/", views.overview, name="overview"),
    path("notifications/calendar/new/", views.create_feed, name="create_feed"),
    path("notifications/calendar/revoke/", views.revoke_feeds, name="revoke_feeds"),
    path("g/<int:group_id>/notifications/", views.group_settings, name="settings"),
    path("g/<int:group_id>/calendar.ics", views.group_calendar, name="group_calendar"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal_calendar"),
]
