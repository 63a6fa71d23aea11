from django.urls import path

from moot.meetings.views import agenda, breakouts, meetings

app_name = "meetings"

urlpatterns = [
    path("g/<int:group_id>/meetings/", meetings.meeting_list, name="list"),
    path("g/<int:group_id>/meetings/new/", meetings.schedule, name="schedule"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="detail"),
    path("meetings/<int:meeting_id>/edit/", meetings.edit_meeting, name="edit"),
    path("meetings/<int:meeting_id>/open/", meetings.open_meeting, name="open"),
    path("meetings/<int:meeting_id>/end/", meetings.end_meeting, name="end"),
    path("meetings/<int:meeting_id>/cancel/", meetings.cancel_meeting, name="cancel"),
    path("meetings/<int:meeting_id>/answer/", meetings.answer, name="answer"),
    path("meetings/<int:meeting_id>/check-in/", meetings.check_in, name="check_in"),
    path("meetings/<int:meeting_id>/check-out/", meetings.check_out, name="check_out"),
    path("meetings/<int:meeting_id>/present/", meetings.mark_present, name="mark_present"),
    path("meetings/<int:meeting_id>/items/", agenda.add_item, name="add_item"),
    path("items/<int:item_id>/edit/", agenda.edit_item, name="edit_item"),
    path("items/<int:item_id>/move/", agenda.move_item, name="move_item"),
    path("items/<int:item_id>/remove/", agenda.remove_item, name="remove_item"),
    path("items/<int:item_id>/start/", agenda.start_item, name="start_item"),
    path("items/<int:item_id>/finish/", agenda.finish_item, name="finish_item"),
    path("items/<int:item_id>/table/", agenda.table_item, name="table_item"),
    path("items/<int:item_id>/breakout/", breakouts.open_breakout, name="open_breakout"),
    path("breakouts/<int:breakout_id>/", breakouts.breakout_detail, name="breakout"),
    path("breakouts/<int:breakout_id>/join/", breakouts.join_breakout, name="join_breakout"),
    path(
        "breakouts/<int:breakout_id>/report/", breakouts.file_report_back, name="file_report_back"
    ),
    path("breakouts/<int:breakout_id>/close/", breakouts.close_breakout, name="close_breakout"),
]
