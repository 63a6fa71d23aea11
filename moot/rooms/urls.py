from django.urls import path

from moot.rooms import views

app_name = "rooms"

urlpatterns = [
    path("<int:meeting_id>/", views.participant, name="participant"),
    path("<int:meeting_id>/facilitate/", views.facilitate, name="facilitate"),
    path("<int:meeting_id>/projector/", views.projector, name="projector"),
    path("<int:meeting_id>/stack/join/", views.join_stack, name="join_stack"),
    path("<int:meeting_id>/stack/leave/", views.leave_stack, name="leave_stack"),
    path("<int:meeting_id>/stack/<int:entry_id>/approve/", views.approve, name="approve"),
    path("<int:meeting_id>/speech/next/", views.call_next, name="call_next"),
    path("<int:meeting_id>/speech/end/", views.end_speech, name="end_speech"),
    path("<int:meeting_id>/signals/", views.send_signal, name="send_signal"),
    path("<int:meeting_id>/circle/start/", views.start_circle, name="start_circle"),
    path("<int:meeting_id>/circle/done/", views.circle_done, name="circle_done"),
    path("<int:meeting_id>/circle/pass/", views.circle_pass, name="circle_pass"),
    path("<int:meeting_id>/circle/end/", views.end_circle, name="end_circle"),
]
