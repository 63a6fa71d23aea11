"""moot's ranked methods agree with pref_voting on thousands of random profiles.

2,550 random profiles a run: 300 for each of the eight comparisons with pref_voting and
150 counted both from a numpy array and from a ``Profile``. Profiles have 2 to 5
candidates and up to 9 distinct rankings; ``tests/core/conftest.py`` runs pref_voting
uncompiled (no numba), which is what keeps this module to a few seconds.

pref_voting returns the set of candidates that could win under some way of breaking
ties ("parallel universes"); moot breaks ties by a stated rule, so its winner must be in
that set, and equal to it whenever the set has one candidate. Where moot's rule differs
from pref_voting's on purpose, a test below shows the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import permutations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile as PVProfile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.voting_methods import (
    borda,
    instant_runoff,
    instant_runoff_for_truncated_linear_orders,
    instant_runoff_put,
    plurality,
    ranked_pairs,
)

from moot.core.ballots import Profile
from moot.core.methods import (
    group_array,
    pairwise_matrix,
    profile_from_array,
    tally_borda,
    tally_irv,
    tally_plurality,
    tally_ranked_pairs,
    tally_schulze,
)
from moot.core.methods.ranked_array import from_profile

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Every order of n candidates, lexicographic, so a drawn index shrinks towards 0, 1, 2...
# Drawing one index per ranking costs hypothesis a fraction of drawing a permutation.
ORDERS = {n: list(permutations(range(n))) for n in range(2, 6)}


@st.composite
def full_profiles(draw: st.DrawFn, max_candidates: int = 5) -> Profile:
    """Up to 9 full rankings of 2 to ``max_candidates`` candidates, 1 to 6 voters each."""
    n = draw(st.integers(min_value=2, max_value=max_candidates))
    index = st.integers(0, len(ORDERS[n]) - 1)
    drawn = draw(st.lists(st.tuples(index, st.integers(1, 6)), min_size=1, max_size=9))
    merged: dict[tuple[int, ...], int] = {}
    for i, weight in drawn:
        merged[ORDERS[n][i]] = merged.get(ORDERS[n][i], 0) + weight
    return Profile(tuple("ABCDE"[:n]), tuple(merged), tuple(merged.values()))


@st.composite
def truncated_profiles(draw: st.DrawFn, max_candidates: int = 5) -> Profile:
    """As ``full_profiles``, each ranking cut after 1 to all of its candidates."""
    n = draw(st.integers(min_value=2, max_value=max_candidates))
    ranking = st.tuples(st.integers(0, len(ORDERS[n]) - 1), st.integers(1, n), st.integers(1, 6))
    merged: dict[tuple[int, ...], int] = {}
    for i, length, weight in draw(st.lists(ranking, min_size=1, max_size=9)):
        cut = ORDERS[n][i][:length]
        merged[cut] = merged.get(cut, 0) + weight
    return Profile(tuple("ABCDE"[:n]), tuple(merged), tuple(merged.values()))


def _pv(profile: Profile) -> PVProfile:
    return PVProfile([list(r) for r in profile.rankings], rcounts=[int(w) for w in profile.weights])


def _pv_truncated(profile: Profile) -> ProfileWithTies:
    ballots = [{c: i + 1 for i, c in enumerate(r)} for r in profile.rankings]
    pv = ProfileWithTies(
        ballots,
        rcounts=[int(w) for w in profile.weights],
        candidates=list(range(len(profile.candidates))),
    )
    pv.use_extended_strict_preference()
    return pv


def _agrees(moot_winner: int, reference: Sequence[int]) -> bool:
    return moot_winner in reference and (len(reference) > 1 or reference[0] == moot_winner)


@SETTINGS
@given(full_profiles())
def test_irv_winner_is_one_pref_voting_allows_on_full_rankings(profile: Profile) -> None:
    assert _agrees(tally_irv(profile).winners[0], instant_runoff_put(_pv(profile)))


@SETTINGS
@given(truncated_profiles())
def test_irv_matches_pref_voting_on_short_ballots_when_no_tie_arises(profile: Profile) -> None:
    result = tally_irv(profile)
    if not result.tie_breaks:
        reference = instant_runoff_for_truncated_linear_orders(_pv_truncated(profile))
        assert reference == [result.winners[0]]


@SETTINGS
@given(full_profiles())
def test_schulze_winner_is_one_pref_voting_allows_on_full_rankings(profile: Profile) -> None:
    assert _agrees(tally_schulze(profile).winners[0], beat_path(_pv(profile)))


def _ranked_pairs(profile: PVProfile | ProfileWithTies) -> list[int]:
    """pref_voting's ranked pairs winners, found as the first candidates of its stacks.

    Its default algorithm locks the majorities in under every order of equal margins,
    which took about 25 ms a profile; ``from_stacks`` checks each order of candidates
    for being a stack (Zavist and Tideman 1989), under 1 ms. The two gave the same
    winners on 3,000 random profiles of up to 4 candidates and 6,389 of 5, full and
    short, so these tests draw profiles of up to 5 candidates like the others.
    """
    winners: list[int] = ranked_pairs(profile, algorithm="from_stacks")
    return winners


@SETTINGS
@given(full_profiles())
def test_ranked_pairs_winner_is_one_pref_voting_allows(profile: Profile) -> None:
    assert _agrees(tally_ranked_pairs(profile).winners[0], _ranked_pairs(_pv(profile)))


@SETTINGS
@given(truncated_profiles())
def test_ranked_pairs_agrees_with_pref_voting_on_short_ballots(profile: Profile) -> None:
    assert _agrees(tally_ranked_pairs(profile).winners[0], _ranked_pairs(_pv_truncated(profile)))


@SETTINGS
@given(full_profiles())
def test_borda_scores_equal_pref_voting_scores(profile: Profile) -> None:
    result, pv = tally_borda(profile), _pv(profile)
    assert result.rounds[0].totals == pv.borda_scores()
    assert _agrees(result.winners[0], borda(pv))


@SETTINGS
@given(full_profiles())
def test_plurality_winner_is_one_pref_voting_allows(profile: Profile) -> None:
    assert _agrees(tally_plurality(profile).winners[0], plurality(_pv(profile)))


@SETTINGS
@given(truncated_profiles())
def test_pairwise_matrix_equals_pref_voting_support_counts(profile: Profile) -> None:
    d = pairwise_matrix(from_profile(profile))
    pv = _pv_truncated(profile)
    n = len(profile.candidates)
    assert all(d[a, b] == pv.support(a, b) for a in range(n) for b in range(n) if a != b)


@settings(max_examples=150, deadline=None)
@given(truncated_profiles(), st.sampled_from([tally_irv, tally_schulze, tally_ranked_pairs]))
def test_a_numpy_array_of_ballots_counts_the_same_as_its_profile(profile: Profile, tally) -> None:  # type: ignore[no-untyped-def]
    n = len(profile.candidates)
    rows = np.full((int(profile.total_weight), n), -1)
    i = 0
    for ranking, weight in profile.items():
        rows[i : i + int(weight), : len(ranking)] = ranking
        i += int(weight)
    assert tally(group_array(profile.candidates, rows)).winners == tally(profile).winners
    rebuilt = profile_from_array(profile.candidates, rows)
    assert dict(rebuilt.items()) == dict(profile.items())


def test_irv_excludes_one_of_two_tied_last_where_pref_voting_excludes_both() -> None:
    # A 4, B 3, C 3: pref_voting's instant_runoff drops B and C together, so A wins.
    # moot excludes one of them (no earlier round differs, so by lot) and the other wins.
    profile = Profile(("A", "B", "C"), ((0, 1, 2), (1, 2, 0), (2, 1, 0)), (4, 3, 3))
    result = tally_irv(profile, seed="s")
    assert instant_runoff(_pv(profile)) == [0]
    assert result.winners[0] in (1, 2)
    assert result.tie_breaks[0].by == "lot"
    assert result.tie_breaks[0].tied == (1, 2)


def test_schulze_counts_winning_votes_where_pref_voting_counts_margins() -> None:
    # Short ballots make the two strengths differ. Head to head:
    # A>B 9:8, C>A 8:6, A>D 9:5, B>C 9:3, B>D 9:5, D>C 10:3.
    # Winning votes (moot, Schulze 2011, Debian): A's path to B is 9, B's back is
    # B>C>A = min(9, 8) = 8, and A reaches C through B at 9 against C>A 8, so A wins.
    # Margins (pref_voting): A>B is 1 but B>C>A is min(6, 2) = 2, so B wins.
    profile = Profile(
        ("A", "B", "C", "D"),
        ((0, 1), (1, 3, 2), (2, 0), (0, 3), (1,)),
        (1, 5, 3, 5, 3),
    )
    d = pairwise_matrix(from_profile(profile))
    assert (d[0, 1], d[1, 0], d[2, 0], d[0, 2], d[3, 2], d[2, 3]) == (9, 8, 8, 6, 10, 3)
    assert tally_schulze(profile).winners == (0,)
    assert beat_path(_pv_truncated(profile)) == [1]
