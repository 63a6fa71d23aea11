"""The proposal panel's buttons in the live room, under ``/room/<meeting>/proposal/``.

Kept apart from ``urls.py`` so the room's own table of routes stays as it is; both are
served under ``/room/``.
"""

from django.urls import path

from moot.rooms import views_proposals as views

app_name = "room_proposal"

urlpatterns = [
    path("<int:meeting_id>/proposal/", views.put_proposal, name="put"),
    path("<int:meeting_id>/proposal/phase/", views.move_proposal, name="move"),
    path("<int:meeting_id>/proposal/close-round/", views.close_round, name="close_round"),
    path("<int:meeting_id>/proposal/contribute/", views.contribute, name="contribute"),
    path("<int:meeting_id>/proposal/amend/", views.amend, name="amend"),
    path("<int:meeting_id>/proposal/amendment/", views.decide_amendment, name="decide_amendment"),
    path("<int:meeting_id>/proposal/vote/", views.vote, name="vote"),
]
