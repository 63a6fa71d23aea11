from django.urls import path

from moot.decisions import constitution, views

app_name = "decisions"

urlpatterns = [
    path("g/<int:group_id>/decisions/", views.decision_log, name="log"),
    path("g/<int:group_id>/constitution/", constitution.constitution, name="constitution"),
    path("g/<int:group_id>/proposals/", views.proposal_list, name="proposals"),
    path("g/<int:group_id>/proposals/new/", views.new_proposal, name="new"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:proposal_id>/vote/", views.cast_ballot, name="vote"),
    path("proposals/<int:proposal_id>/contributions/", views.add_contribution, name="contribute"),
    path("proposals/<int:proposal_id>/amendments/", views.propose_amendment, name="amend"),
    path("proposals/<int:proposal_id>/phase/", views.move_to_phase, name="phase"),
    path("proposals/<int:proposal_id>/close/", views.close_vote, name="close"),
    path("proposals/<int:proposal_id>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "proposals/<int:proposal_id>/minority-reports/",
        views.file_minority_report,
        name="minority_report",
    ),
    path(
        "amendments/<int:amendment_id>/accept/",
        views.decide_amendment,
        {"accept": True},
        name="accept_amendment",
    ),
    path(
        "amendments/<int:amendment_id>/decline/",
        views.decide_amendment,
        {"accept": False},
        name="decline_amendment",
    ),
]
