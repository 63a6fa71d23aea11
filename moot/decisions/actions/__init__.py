"""Every change to proposals, rounds, ballots and their discussion is one action here.

Each action runs in one transaction, locks the proposal it changes, raises
``ActionError`` before it writes anything when the change cannot be made, and publishes
its live events to the group's decision stream when the transaction commits.

The live room (``moot.rooms``) calls these same actions and publishes its own events on
the meeting's stream from what they return; decisions never imports the apps above it.
"""

from moot.decisions.actions.ballots import Receipt, do_cast_ballot
from moot.decisions.actions.discussion import (
    do_accept_amendment,
    do_add_contribution,
    do_decline_amendment,
    do_file_minority_report,
    do_propose_amendment,
    may_file_minority_report,
)
from moot.decisions.actions.proposals import (
    Draft,
    do_close_due_proposals,
    do_close_proposal,
    do_move_to_phase,
    do_open_proposal,
    do_withdraw,
)
from moot.decisions.actions.rounds import SECRET_MINIMUM, do_close_round, do_open_round

__all__ = [
    "SECRET_MINIMUM",
    "Draft",
    "Receipt",
    "do_accept_amendment",
    "do_add_contribution",
    "do_cast_ballot",
    "do_close_due_proposals",
    "do_close_proposal",
    "do_close_round",
    "do_decline_amendment",
    "do_file_minority_report",
    "do_move_to_phase",
    "do_open_proposal",
    "do_open_round",
    "do_propose_amendment",
    "do_withdraw",
    "may_file_minority_report",
]
