"""A proposal made beforehand (say, one that adopts a standing agreement) is brought onto
the proposal item under way in the live room."""

from __future__ import annotations

from moot.accounts.models import User
from moot.decisions.actions.proposals import Draft, do_open_proposal
from moot.decisions.models import Mode, Proposal
from moot.groups.models import Group
from tests.apps.conftest import client_for
from tests.apps.test_rooms_proposals import at_permits, live_meeting, post


def test_a_proposal_made_beforehand_with_its_change_is_brought_onto_the_item(
    assembly: Group, facilitator: User, member: User
) -> None:
    meeting = live_meeting(assembly)
    change = {"kind": "decision_rule", "template": "occupy"}
    made = do_open_proposal(
        member, assembly, Draft(title="Occupy rule", mode=Mode.LIVE, change=change)
    )
    at_permits(meeting)
    boss = client_for(facilitator)
    assert post(boss, "put", meeting, **{"put-existing": "999999"}).status_code == 400
    assert post(boss, "put", meeting, **{"put-existing": str(made.pk)}).status_code == 204
    meeting.refresh_from_db()
    assert meeting.current_item is not None
    assert meeting.current_item.proposal_id == made.pk
    assert Proposal.objects.count() == 1
