"""An election that names a role seats its winners in it as soon as they are counted."""

from __future__ import annotations

from moot.accounts.models import User
from moot.decisions.actions.ballots import do_cast_ballot
from moot.decisions.actions.proposals import Draft, do_open_proposal
from moot.decisions.actions.rounds import do_close_round
from moot.groups import actions as group_actions
from moot.groups.models import Group
from moot.roles.actions import do_create_role
from moot.roles.models import Term
from tests.apps.conftest import make_user


def test_a_secret_election_for_three_seats_gives_its_winners_the_role(
    admin: User, assembly: Group
) -> None:
    people = [make_user(name) for name in ("ana", "ben", "cleo", "dev", "eli")]
    for person in people:
        group_actions.do_add_member(person, assembly)
    role = do_create_role(admin, assembly, name="Branch committee", seats=3)
    change = {
        "kind": "role.fill",
        "role_id": role.pk,
        "seats": 3,
        "term_days": 365,
        "election": "this",
    }
    election = do_open_proposal(
        admin,
        assembly,
        Draft(
            title="Elect the committee",
            kind="election",
            secret=True,
            seats=3,
            options=["Ana", "Ben", "Cleo", "Dev"],
            change=change,
        ),
    )
    rankings = [[0, 1, 2], [1, 0, 3], [2, 0, 1], [0, 2, 1], [1, 2, 0], [3, 0, 1]]
    for voter, ranking in zip([admin, *people], rankings, strict=True):
        do_cast_ballot(election, voter, {"ranking": ranking})
    do_close_round(election)
    election.refresh_from_db()
    assert election.change_applied, election.summary
    winners = election.rounds.get().result["election"]["winners"]
    holders = [t.holder.shown_name for t in Term.objects.filter(role=role, ended_at__isnull=True)]
    assert len(winners) == 3
    assert sorted(holders) == sorted(winners)
