"""Every change to a group's accountable roles is one action here.

Each action runs in one transaction, checks everything before it writes (raising
``ActionError`` with a message for the person), notes what changed in the group's audit
log and publishes its live event on the group's roles stream when it commits.
"""

from moot.roles.actions.elections import do_fill_role_from_election, election_winners
from moot.roles.actions.recall import do_propose_recall
from moot.roles.actions.roles import do_create_role, do_file_report_back, do_update_role
from moot.roles.actions.terms import do_end_term, do_fill_role, do_start_term

__all__ = [
    "do_create_role",
    "do_end_term",
    "do_file_report_back",
    "do_fill_role",
    "do_fill_role_from_election",
    "do_propose_recall",
    "do_start_term",
    "do_update_role",
    "election_winners",
]
