"""Every change to meetings is one action here, split by concept.

Each action runs in one transaction, locks the meeting, checks what would make it fail
before it writes (``ActionError``; an ended or cancelled meeting answers 409), and
publishes its live events on commit with the meeting's next ``version``.
"""

from moot.meetings.actions.agenda import do_add_item, do_move_item, do_remove_item, do_update_item
from moot.meetings.actions.attendance import do_answer, do_check_in, do_check_out, do_mark_present
from moot.meetings.actions.breakouts import (
    do_close_breakout,
    do_close_due_breakouts,
    do_file_report_back,
    do_join_breakout,
    do_open_breakout,
)
from moot.meetings.actions.common import ItemDraft
from moot.meetings.actions.meetings import (
    RoomSettings,
    do_cancel_meeting,
    do_end_meeting,
    do_open_meeting,
    do_schedule_meeting,
    do_update_meeting,
)
from moot.meetings.actions.running import do_finish_item, do_start_item
from moot.meetings.actions.tabling import do_table_item

__all__ = [
    "ItemDraft",
    "RoomSettings",
    "do_add_item",
    "do_answer",
    "do_cancel_meeting",
    "do_check_in",
    "do_check_out",
    "do_close_breakout",
    "do_close_due_breakouts",
    "do_end_meeting",
    "do_file_report_back",
    "do_finish_item",
    "do_join_breakout",
    "do_mark_present",
    "do_move_item",
    "do_open_breakout",
    "do_open_meeting",
    "do_remove_item",
    "do_schedule_meeting",
    "do_start_item",
    "do_table_item",
    "do_update_item",
    "do_update_meeting",
]
