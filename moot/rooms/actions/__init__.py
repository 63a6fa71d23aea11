"""Every change to the live room is one action, split by concept: the stack and its
speeches (``stack``), hand signals (``signals``) and circles (``circle``).

Each action runs in one transaction on a locked meeting, checks everything that would
make it fail before it writes (raising ``ActionError`` with a clear message), and
publishes its live events when the transaction commits.
"""

from moot.rooms.actions.circle import (
    do_end_circle,
    do_pass_in_circle,
    do_speak_in_circle,
    do_start_circle,
)
from moot.rooms.actions.signals import do_send_signal
from moot.rooms.actions.stack import (
    do_approve_jump,
    do_call_next,
    do_end_speech,
    do_join_stack,
    do_leave_stack,
)

__all__ = [
    "do_approve_jump",
    "do_call_next",
    "do_end_circle",
    "do_end_speech",
    "do_join_stack",
    "do_leave_stack",
    "do_pass_in_circle",
    "do_send_signal",
    "do_speak_in_circle",
    "do_start_circle",
]
