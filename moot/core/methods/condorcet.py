"""Condorcet methods: Schulze and Tideman's ranked pairs, one winner each.

Both start from the pairwise matrix ``d[a, b]``: how many voters rank ``a`` above ``b``
(a ranked candidate is above every unranked one; two unranked candidates are not
compared). A candidate who beats every other one head to head wins under both.

**Schulze** (M. Schulze, "A new monotonic, clone-independent, reversal symmetric, and
Condorcet-consistent single-winner election method", Social Choice and Welfare 36,
2011, §2): a defeat ``a`` over ``b`` has the strength ``d[a, b]`` ("winning votes")
when ``d[a, b] > d[b, a]``, and no strength otherwise. The strength of a path is its
weakest defeat; ``p[a, b]`` is the strongest path from ``a`` to ``b``. ``a`` wins when
``p[a, b] >= p[b, a]`` for every other ``b``. This is the rule of the Debian
constitution (A.6). Several such winners are a tie, broken by lot from the seed.

**Ranked pairs** (T. N. Tideman, "Independence of clones as a criterion for voting
rules", Social Choice and Welfare 4, 1987): each majority ``a`` over ``b`` is weighed
by its margin ``d[a, b] - d[b, a]``. Taken from the largest margin down, a majority is
*locked in* unless it would close a cycle with majorities already locked. The winner is
the candidate with no locked majority against them. Majorities with equal margins are
taken in the order of a tie-breaking ranking of candidates drawn by lot from the seed
(Zavist and Tideman 1989): first the pair whose winner ranks higher in it, then, for
the same winner, the pair whose loser ranks lower.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from moot.core.methods.common import check_single_seat, fmt, join_names
from moot.core.methods.ranked_array import Ranked, as_array, pairwise_matrix
from moot.core.results import ElectionResult, Event, Round, number_to_json
from moot.core.ties import TieBreak, break_tie, draw_lot

Number = int | Fraction
Matrix = npt.NDArray[Any]


def _continuing(num_candidates: int, withdrawn: frozenset[int]) -> list[int]:
    return [c for c in range(num_candidates) if c not in withdrawn]


def strongest_paths(d: Matrix, candidates: list[int]) -> Matrix:
    """Schulze's ``p[a, b]``: the strongest path from ``a`` to ``b`` (winning votes)."""
    sub = d[np.ix_(candidates, candidates)]
    p = np.where(sub > sub.T, sub, 0)
    for k in range(len(candidates)):
        p = np.maximum(p, np.minimum(p[:, k : k + 1], p[k : k + 1, :]))
    np.fill_diagonal(p, 0)
    full = np.zeros_like(d)
    full[np.ix_(candidates, candidates)] = p
    return full


def _matrix_json(m: Matrix, candidates: list[int], names: tuple[str, ...]) -> dict[str, Any]:
    return {
        names[a]: {names[b]: number_to_json(m[a, b]) for b in candidates if b != a}
        for a in candidates
    }


def tally_schulze(ballots: Ranked, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Count ranked ballots by the Schulze method (winning votes)."""
    check_single_seat("Schulze", seats)
    grouped = as_array(ballots)
    names = grouped.candidates
    cands = _continuing(grouped.num_candidates, grouped.withdrawn)
    d = pairwise_matrix(grouped)
    p = strongest_paths(d, cands)
    beats = {a: sum(1 for b in cands if p[a, b] > p[b, a]) for a in cands}
    best = [a for a in cands if all(p[a, b] >= p[b, a] for b in cands)]
    winner, breaks = _pick(best, seed, "schulze winner")
    order = sorted(cands, key=lambda c: (-beats[c], c))
    events = (*_tie_events(breaks, names), Event("elected", winner, None, "Schulze winner"))
    return ElectionResult(
        method="schulze",
        candidates=names,
        winners=(winner,),
        rounds=(Round(1, dict(beats), events),),
        tie_breaks=breaks,
        seed=seed,
        summary=_schulze_summary(names, winner, best, beats, d, breaks),
        details={
            "rule": "Schulze 2011, winning votes; tied winners by lot",
            "totals_are": "how many candidates each beats by strongest path",
            "pairwise": _matrix_json(d, cands, names),
            "strongest_paths": _matrix_json(p, cands, names),
            "order": [names[c] for c in order],
        },
    )


def _pick(best: list[int], seed: str, purpose: str) -> tuple[int, tuple[TieBreak, ...]]:
    if len(best) == 1:
        return best[0], ()
    tie = break_tie(best, pick_lowest=False, history=(), seed=seed, purpose=purpose)
    return tie.chosen, (tie,)


def _tie_events(breaks: tuple[TieBreak, ...], names: tuple[str, ...]) -> tuple[Event, ...]:
    return tuple(Event("tie", b.chosen, None, b.describe(names)) for b in breaks)


def _schulze_summary(
    names: tuple[str, ...],
    winner: int,
    best: list[int],
    beats: dict[int, int],
    d: Matrix,
    breaks: tuple[TieBreak, ...],
) -> str:
    others = len(beats) - 1
    if all(d[winner, b] > d[b, winner] for b in beats if b != winner):
        why = f"beats each of the other {others} candidates head to head"
    elif len(best) > 1:
        tied = join_names([names[c] for c in best if c != winner])
        why = f"is tied for the strongest paths with {tied}"
    else:
        why = "has a path of defeats at least as strong to every other candidate as theirs back"
    text = f"{names[winner]} wins by the Schulze method: {names[winner]} {why}."
    return text + "".join(" " + b.describe(names) for b in breaks)


def tie_break_order(candidates: list[int], seed: str) -> list[int]:
    """A ranking of candidates drawn by lot from the seed, one place at a time."""
    remaining, order = list(candidates), list[int]()
    while remaining:
        chosen = draw_lot(remaining, seed, f"ranked pairs order place {len(order) + 1}")
        order.append(chosen)
        remaining.remove(chosen)
    return order


def _sorted_majorities(d: Matrix, cands: list[int], order: list[int]) -> list[tuple[int, int]]:
    place = {c: i for i, c in enumerate(order)}
    pairs = [(a, b) for a in cands for b in cands if d[a, b] > d[b, a]]
    return sorted(pairs, key=lambda ab: (-(d[ab] - d[ab[::-1]]), place[ab[0]], -place[ab[1]]))


def _reaches(locked: dict[int, set[int]], start: int, goal: int) -> bool:
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in locked.get(node, set()) - seen:
            seen.add(nxt)
            stack.append(nxt)
    return False


def _lock(pairs: list[tuple[int, int]]) -> tuple[dict[int, set[int]], list[bool]]:
    locked: dict[int, set[int]] = {}
    kept: list[bool] = []
    for a, b in pairs:
        keep = not _reaches(locked, b, a)
        if keep:
            locked.setdefault(a, set()).add(b)
        kept.append(keep)
    return locked, kept


def tally_ranked_pairs(ballots: Ranked, seats: int = 1, *, seed: str = "moot") -> ElectionResult:
    """Count ranked ballots by Tideman's ranked pairs (margins)."""
    check_single_seat("Ranked pairs", seats)
    grouped = as_array(ballots)
    names = grouped.candidates
    cands = _continuing(grouped.num_candidates, grouped.withdrawn)
    d = pairwise_matrix(grouped)
    order = tie_break_order(cands, seed)
    pairs = _sorted_majorities(d, cands, order)
    locked, kept = _lock(pairs)
    beaten = {b for targets in locked.values() for b in targets}
    unbeaten = [c for c in order if c not in beaten]
    winner = unbeaten[0]
    breaks = (TieBreak(tuple(sorted(unbeaten)), winner, "lot", seed),) if len(unbeaten) > 1 else ()
    margins = [d[a, b] - d[b, a] for a, b in pairs]
    equal = len(set(margins)) < len(margins)
    events = (
        *_pair_events(pairs, kept, margins, names),
        Event("elected", winner, None, "no locked majority against them"),
    )
    return ElectionResult(
        method="ranked-pairs",
        candidates=names,
        winners=(winner,),
        rounds=(Round(1, {c: sum(1 for a, _ in pairs if a == c) for c in cands}, events),),
        tie_breaks=breaks,
        seed=seed,
        summary=_rp_summary(names, winner, pairs, kept, equal, order),
        details={
            "rule": "Tideman 1987 ranked pairs by margin; equal margins by lot-drawn order",
            "totals_are": "how many head-to-head majorities each candidate has",
            "pairwise": _matrix_json(d, cands, names),
            "pairs": [
                {"winner": names[a], "loser": names[b], "margin": number_to_json(m), "locked": k}
                for (a, b), m, k in zip(pairs, margins, kept, strict=True)
            ],
            "tie_break_order": [names[c] for c in order] if equal else [],
        },
    )


def _pair_events(
    pairs: list[tuple[int, int]], kept: list[bool], margins: list[Number], names: tuple[str, ...]
) -> tuple[Event, ...]:
    events = []
    for (a, b), keep, margin in zip(pairs, kept, margins, strict=True):
        verb = "locked in" if keep else "skipped (it would close a cycle)"
        text = f"{names[a]} over {names[b]} by {fmt(margin)}: {verb}."
        events.append(Event("note", a, margin, text))
    return tuple(events)


def _rp_summary(
    names: tuple[str, ...],
    winner: int,
    pairs: list[tuple[int, int]],
    kept: list[bool],
    equal: bool,
    order: list[int],
) -> str:
    skipped = sum(1 for k in kept if not k)
    text = (
        f"{names[winner]} wins by ranked pairs: {len(pairs)} head-to-head majorities were "
        f"taken from the largest margin down, {skipped} skipped because it would close a "
        f"cycle, and no locked majority stands against {names[winner]}."
    )
    if equal:
        drawn = ", ".join(names[c] for c in order)
        text += f" Some margins were equal; they were ordered by lot ({drawn})."
    return text
