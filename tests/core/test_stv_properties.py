"""Properties of every STV count, and Scottish STV checked against pref_voting.

1,600 random elections a run: 200 counted by all three STV methods, 1,200 by Scottish
STV and pref_voting, 200 by WIGM and pref_voting's instant runoff.
"""

from __future__ import annotations

import random
from itertools import permutations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pref_voting.iterative_methods import instant_runoff
from pref_voting.profiles import Profile as PVProfile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_scottish

from moot.core.ballots import Profile
from moot.core.stv import tally_stv_meek, tally_stv_scottish, tally_stv_wigm

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Every order of n candidates, lexicographic, so a drawn index shrinks towards 0, 1, 2...
# Drawing one index per ranking costs hypothesis a fraction of drawing a permutation.
ORDERS = {n: list(permutations(range(n))) for n in range(2, 7)}


@st.composite
def elections(draw: st.DrawFn, *, complete: bool = False) -> tuple[Profile, int]:
    """Up to 10 rankings of 2 to 6 candidates, 1 to 9 voters each, and 1 to 4 seats."""
    n = draw(st.integers(2, 6))
    seats = draw(st.integers(1, 4))
    length = st.just(n) if complete else st.integers(1, n)
    ballot = st.tuples(st.integers(0, len(ORDERS[n]) - 1), length, st.integers(1, 9))
    rankings: dict[tuple[int, ...], int] = {}
    for i, cut, weight in draw(st.lists(ballot, min_size=1, max_size=10)):
        ranking = ORDERS[n][i][:cut]
        rankings[ranking] = rankings.get(ranking, 0) + weight
    names = tuple("ABCDEF"[:n])
    return Profile(names, tuple(rankings), tuple(rankings.values())), seats


@FAST
@given(elections())
def test_every_stv_count_fills_every_seat_it_can(election: tuple[Profile, int]) -> None:
    profile, seats = election
    expected = min(seats, profile.num_candidates)
    for tally in (tally_stv_scottish, tally_stv_wigm, tally_stv_meek):
        winners = tally(profile, seats).winners
        assert len(winners) == len(set(winners)) == expected


@settings(max_examples=1200, deadline=None)
@given(elections())
def test_scottish_stv_elects_what_pref_voting_elects_unless_a_lot_is_drawn(
    election: tuple[Profile, int],
) -> None:
    profile, seats = election
    # Ties settled by an earlier stage must agree too; only draws by lot may differ.
    ours = tally_stv_scottish(profile, seats)
    if any(tie.by == "lot" for tie in ours.tie_breaks):
        return
    pv = ProfileWithTies(
        [{c: i + 1 for i, c in enumerate(r)} for r in profile.rankings],
        rcounts=list(profile.weights),
        candidates=list(range(profile.num_candidates)),
    )
    theirs = stv_scottish(pv, num_seats=seats, rng=random.Random(0))
    assert set(ours.winners) == set(theirs)


@FAST
@given(elections(complete=True))
def test_with_one_seat_wigm_elects_the_instant_runoff_winner(
    election: tuple[Profile, int],
) -> None:
    profile, _ = election
    ours = tally_stv_wigm(profile, 1)
    if ours.tie_breaks:
        return
    pv = PVProfile([list(r) for r in profile.rankings], rcounts=list(profile.weights))
    assert instant_runoff(pv) == list(ours.winners)


def test_what_truncation_loses_stays_lost_instead_of_being_transferred_again() -> None:
    # pref_voting documents a variant: it keeps the truncation residue with the elected
    # candidate and may transfer it again. Under rule 48 a surplus is transferred once
    # and the elected candidate is left with exactly the quota.
    profile = Profile(("A", "B", "C", "D"), ((0, 1), (1,), (2,), (3,)), (7, 1, 2, 2))
    result = tally_stv_scottish(profile, 3)
    surpluses = [e for r in result.rounds for e in r.events if e.kind == "surplus"]
    assert [e.candidate for e in surpluses] == [0]
    assert all(r.totals[0] == 4 for r in result.rounds[1:])
