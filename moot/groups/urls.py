from django.urls import path

from moot.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.home, name="home"),
    path("groups/new/", views.create_group, name="create"),
    path("g/<int:group_id>/", views.group_detail, name="detail"),
    path("g/<int:group_id>/members/", views.members, name="members"),
    path("g/<int:group_id>/committees/new/", views.create_committee, name="create_committee"),
    path("g/<int:group_id>/settings/", views.group_settings, name="settings"),
    path("g/<int:group_id>/join/", views.join, name="join"),
    path("g/<int:group_id>/leave/", views.leave, name="leave"),
    path(
        "g/<int:group_id>/members/<int:membership_id>/role/",
        views.change_role,
        name="change_role",
    ),
    path("g/<int:group_id>/invitations/", views.invitations, name="invitations"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
]
