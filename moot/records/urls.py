from django.urls import path

from moot.records import views

app_name = "records"

urlpatterns = [
    path("g/<int:group_id>/agreements/", views.agreements, name="agreements"),
]
