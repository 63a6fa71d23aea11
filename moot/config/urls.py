from django.urls import include, path
from django.views.i18n import set_language

from moot.api.urls import api

urlpatterns = [
    path("accounts/", include("moot.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("", include("moot.notices.urls")),
    path("", include("moot.records.urls")),
    path("", include("moot.decisions.urls")),
    path("", include("moot.roles.urls")),
    path("room/", include("moot.rooms.urls")),
    path("room/", include("moot.rooms.urls_proposals")),
    path("", include("moot.meetings.urls")),
    path("", include("moot.groups.urls")),
]

handler404 = "moot.groups.errorpages.not_found"
handler500 = "moot.groups.errorpages.server_error"
