from django.urls import path

from moot.roles import views

app_name = "roles"

urlpatterns = [
    path("g/<int:group_id>/roles/", views.group_roles, name="list"),
    path("g/<int:group_id>/roles/new/", views.create_role, name="create"),
    path("roles/<int:role_id>/", views.role_detail, name="role"),
    path("roles/<int:role_id>/edit/", views.edit_role, name="edit"),
    path("roles/<int:role_id>/terms/new/", views.start_term, name="start_term"),
    path("roles/<int:role_id>/election/", views.fill_from_election, name="fill_from_election"),
    path("terms/<int:term_id>/end/", views.end_term, name="end_term"),
    path("terms/<int:term_id>/report-back/", views.report_back, name="report_back"),
    path("terms/<int:term_id>/recall/", views.propose_recall, name="propose_recall"),
]
