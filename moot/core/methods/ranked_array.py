"""Ranked ballots as numpy arrays, grouped, so large counts stay fast.

A ``RankedArray`` holds each distinct ranking once as a row of candidate indices, most
preferred first, padded with ``-1`` after the last ranked candidate, and beside it how
many voters cast that row. Every ranked method in moot accepts either a ``Profile`` or
a ``RankedArray``; both describe the same ballots. Identical ballots are grouped by
packing each row into one 64-bit key and sorting the keys (``np.unique``); rows too
wide to pack are grouped with ``np.unique(axis=0)``.

The pairwise matrix ``d[a, b]`` counts the voters who rank ``a`` above ``b``. A ranked
candidate is above every unranked one; two unranked candidates are not compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from moot.core.ballots import Profile

IntArray = npt.NDArray[np.int64]
Rows = npt.NDArray[np.int16]


@dataclass(frozen=True, eq=False)
class RankedArray:
    """Distinct rankings as rows (padded with -1) and the number of voters per row.

    ``counts`` is int64, or an object array of ``Fraction`` when weights are fractional.
    """

    candidates: tuple[str, ...]
    rows: Rows
    counts: npt.NDArray[np.generic]
    withdrawn: frozenset[int] = frozenset()

    @property
    def num_candidates(self) -> int:
        return len(self.candidates)

    @property
    def total_weight(self) -> int | Fraction:
        return _as_number(self.counts.sum()) if len(self.counts) else 0

    @property
    def exact_counts(self) -> bool:
        """True when counts are whole numbers held as int64."""
        return self.counts.dtype != np.dtype(object)


Ranked = Profile | RankedArray


def _as_number(value: object) -> int | Fraction:
    if isinstance(value, Fraction):
        return value if value.denominator != 1 else int(value)
    return int(value)  # type: ignore[call-overload, no-any-return]


def check_rows(rows: npt.ArrayLike, num_candidates: int) -> Rows:
    """Validate a 2-D array of rankings padded with -1 and return it as int16."""
    arr = _as_rows(rows, num_candidates)
    _check_layout(arr, num_candidates)
    return arr


def _as_rows(rows: npt.ArrayLike, num_candidates: int) -> Rows:
    """A 2-D int16 array whose entries are all -1 or a candidate (layout not checked)."""
    arr = np.asarray(rows)
    if arr.ndim != 2:
        raise ValueError("rankings must be a 2-D array, one row per ballot")
    if num_candidates >= 2**15:
        raise ValueError("too many candidates")
    if arr.size and (arr.min() < -1 or arr.max() >= num_candidates):
        raise ValueError("a ranking names an unknown candidate")
    return arr.astype(np.int16, copy=False)


def _check_layout(arr: Rows, num_candidates: int) -> None:
    """Padding only after the ranked candidates, and no candidate twice in a row."""
    padded = arr == -1
    if np.any(padded[:, :-1] & ~padded[:, 1:]):
        raise ValueError("padding -1 must come after every ranked candidate")
    if _has_repeats(arr, num_candidates):
        raise ValueError("a ranking names a candidate twice")


def _has_repeats(arr: Rows, num_candidates: int) -> bool:
    """True when some row names a candidate twice.

    Up to 31 candidates each row's candidates become bits: a row repeats a candidate
    exactly when the sum of its bits exceeds their union.
    """
    if num_candidates > 31:
        ranked = np.where(arr < 0, num_candidates, arr)
        ordered = np.sort(ranked, axis=1)
        same = (ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] < num_candidates)
        return bool(np.any(same))
    one = np.uint32(1)
    bits = (one << (arr + 1).astype(np.uint32)) >> one  # padding -1 gives no bit
    total = bits.sum(axis=1, dtype=np.uint64)
    union = np.bitwise_or.reduce(bits, axis=1)
    return bool(np.any(total != union))


def group_array(candidates: Sequence[str], rows: npt.ArrayLike) -> RankedArray:
    """Group one ranking per voter (rows padded with -1) into distinct rows and counts.

    Rows are packed into one 64-bit key each (candidate + 1 per place, 4 bits a place
    up to 15 candidates); the sorted distinct keys are unpacked back into rows, so the
    distinct rows come out in lexicographic order (padding first), as from
    ``np.unique(axis=0)``, which groups rows too wide to pack. The layout (padding
    last, no repeats) is checked on the distinct rows only: they hold every row there is.
    """
    n = len(candidates)
    arr = _as_rows(rows, n)
    m, width = arr.shape
    bits = 4 if n < 16 else max(1, n.bit_length())
    if m and width * bits <= 64:
        keys, counts = np.unique(_pack(arr, bits), return_counts=True)
        distinct = _unpack(keys, bits, width)
    else:
        distinct, counts = np.unique(arr, axis=0, return_counts=True)
    _check_layout(distinct, n)
    return RankedArray(tuple(candidates), distinct, counts.astype(np.int64))


def _pack(arr: Rows, bits: int) -> npt.NDArray[np.uint64]:
    """Each row as one key: candidate + 1 per place, the first place highest."""
    m, width = arr.shape
    if bits == 4:
        nibbles = np.zeros((m, 16), dtype=np.uint8)
        nibbles[:, :width] = arr + 1
        packed = (nibbles[:, 0::2] << np.uint8(4)) | nibbles[:, 1::2]
        return packed.view(">u8").ravel().astype(np.uint64)
    keys = np.zeros(m, dtype=np.uint64)
    for j in range(width):
        keys = (keys << np.uint64(bits)) | (arr[:, j] + 1).astype(np.uint64)
    return keys


def _unpack(keys: npt.NDArray[np.uint64], bits: int, width: int) -> Rows:
    """The rows ``_pack`` made the keys from."""
    if bits == 4:
        packed = keys.astype(">u8").view(np.uint8).reshape(len(keys), 8)
        nibbles = np.empty((len(keys), 16), dtype=np.int16)
        nibbles[:, 0::2] = packed >> np.uint8(4)
        nibbles[:, 1::2] = packed & np.uint8(15)
        return np.ascontiguousarray(nibbles[:, :width]) - np.int16(1)
    rows = np.empty((len(keys), width), dtype=np.int16)
    mask = np.uint64((1 << bits) - 1)
    for j in range(width - 1, -1, -1):
        rows[:, j] = (keys & mask).astype(np.int16) - 1
        keys = keys >> np.uint64(bits)
    return rows


def profile_from_array(candidates: Sequence[str], rows: npt.ArrayLike) -> Profile:
    """Build a grouped ``Profile`` from one ranking per voter, rows padded with -1."""
    grouped = group_array(candidates, rows)
    rankings = tuple(tuple(r[r >= 0].tolist()) for r in grouped.rows)
    return Profile(grouped.candidates, rankings, tuple(int(c) for c in grouped.counts))


def from_profile(profile: Profile) -> RankedArray:
    """The same ballots as a ``RankedArray`` (rankings keep their order)."""
    width = max((len(r) for r in profile.rankings), default=0)
    rows = np.full((len(profile.rankings), max(width, 1)), -1, dtype=np.int16)
    for i, ranking in enumerate(profile.rankings):
        rows[i, : len(ranking)] = ranking
    return RankedArray(profile.candidates, rows, _counts(profile.weights))


def _counts(weights: Sequence[int | Fraction]) -> npt.NDArray[np.generic]:
    if all(isinstance(w, int) or w.denominator == 1 for w in weights):
        return np.array([int(w) for w in weights], dtype=np.int64)
    return np.array([Fraction(w) for w in weights], dtype=object)


def as_array(ballots: Ranked) -> RankedArray:
    """Accept either form of ranked ballots; withdrawn candidates are struck off."""
    if isinstance(ballots, RankedArray):
        return ballots
    grouped = from_profile(ballots)
    if not ballots.withdrawn:
        return grouped
    return strike(grouped, ballots.withdrawn)


def strike(ballots: RankedArray, removed: frozenset[int]) -> RankedArray:
    """Withdraw candidates: take them off every row, closing the gaps they leave."""
    rows = ballots.rows.copy()
    rows[np.isin(rows, list(removed))] = -1
    order = np.argsort(rows == -1, axis=1, kind="stable")
    closed = np.take_along_axis(rows, order, axis=1)
    return RankedArray(ballots.candidates, closed, ballots.counts, ballots.withdrawn | removed)


def positions(ballots: RankedArray) -> npt.NDArray[np.int16]:
    """``pos[i, c]`` = place of candidate ``c`` on row ``i`` (0 = first); unranked = n."""
    n = ballots.num_candidates
    m, width = ballots.rows.shape
    pos = np.full((m, n + 1), n, dtype=np.int16)
    cols = np.where(ballots.rows >= 0, ballots.rows, n)
    for j in range(width):
        pos[np.arange(m), cols[:, j]] = j
    return pos[:, :n]


def pairwise_matrix(ballots: RankedArray) -> npt.NDArray[np.generic]:
    """``d[a, b]`` = number of voters ranking ``a`` above ``b`` (int64, or Fractions)."""
    if not ballots.exact_counts:
        return _pairwise_exact(positions(ballots), ballots.counts)
    if ballots.num_candidates <= MASK_CANDIDATES:
        return _pairwise_masks(ballots)
    return _pairwise_columns(ballots)


MASK_CANDIDATES = 16


def _pairwise_masks(ballots: RankedArray) -> IntArray:
    """The pairwise matrix from, for each place, who stands there and who is below.

    The candidate in a row's place ``j`` is above every candidate not in places
    ``0 .. j`` (the unranked ones included). Those candidates form a bit mask; one
    ``np.bincount`` per place sums the voters by (candidate, mask), and ``d[a, b]`` is
    the total of candidate ``a``'s masks holding ``b``.
    """
    n = ballots.num_candidates
    rows, counts = ballots.rows, ballots.counts
    m, width = rows.shape
    size = n << n
    weights = None if np.all(counts == 1) else counts.astype(np.float64)
    everyone = np.int64((1 << n) - 1)
    above = np.zeros(m, dtype=np.int64)  # bits of the candidates in places 0 .. j
    totals = np.zeros(size + 1, dtype=np.float64)
    for j in range(width):
        cand = rows[:, j].astype(np.int64)
        ranked = cand >= 0
        above |= np.where(ranked, np.int64(1) << np.maximum(cand, 0), 0)
        key = np.where(ranked, (cand << n) | (everyone ^ above), size)
        totals += np.bincount(key, weights=weights, minlength=size + 1)
    table = np.rint(totals[:size]).astype(np.int64).reshape(n, 1 << n)
    d = np.empty((n, n), dtype=np.int64)
    for b in range(n):
        d[:, b] = table.reshape(n, -1, 2, 1 << b)[:, :, 1, :].sum(axis=(1, 2))
    return d


def _pairwise_columns(ballots: RankedArray) -> IntArray:
    """The pairwise matrix by comparing candidates' places, one pair at a time."""
    n = ballots.num_candidates
    # One contiguous row per candidate; rows cast once are counted without weights.
    by_candidate = np.ascontiguousarray(positions(ballots).T)
    single = ballots.counts == 1
    ones = np.ascontiguousarray(by_candidate[:, single])
    many = np.ascontiguousarray(by_candidate[:, ~single])
    weights = ballots.counts[~single].astype(np.float64)
    d = np.zeros((n, n), dtype=np.int64)
    for a in range(n):
        for b in range(n):
            if a != b:
                above = many[a] < many[b]
                d[a, b] = np.count_nonzero(ones[a] < ones[b]) + round(float(weights[above].sum()))
    return d


def _pairwise_exact(
    pos: npt.NDArray[np.int16], counts: npt.NDArray[np.generic]
) -> npt.NDArray[np.generic]:
    """The pairwise matrix with fractional weights, summed exactly."""
    n = pos.shape[1]
    d = np.zeros((n, n), dtype=object)
    d[:] = 0
    for a in range(n):
        for b in range(n):
            if a != b:
                d[a, b] = _as_number(sum(counts[pos[:, a] < pos[:, b]].tolist(), Fraction(0)))
    return d


def first_choices(ballots: RankedArray, active: npt.NDArray[np.bool_]) -> IntArray:
    """Each row's highest-ranked candidate still in ``active``, or -1 when exhausted."""
    rows = ballots.rows
    m = len(rows)
    pick = np.full(m, -1, dtype=np.int64)
    todo = np.arange(m)
    for j in range(rows.shape[1]):
        cand = rows[todo, j]
        hit = (cand >= 0) & active[np.maximum(cand, 0)]
        pick[todo[hit]] = cand[hit]
        todo = todo[~hit & (cand >= 0)]
        if not len(todo):
            break
    return pick


def sum_by(
    labels: npt.NDArray[np.signedinteger[Any]], counts: npt.NDArray[np.generic], size: int
) -> list[int | Fraction]:
    """Total weight per label ``0 .. size-1`` (label -1 is left out)."""
    keep = labels >= 0
    if counts.dtype != np.dtype(object):
        sums = np.bincount(labels[keep], weights=counts[keep].astype(np.float64), minlength=size)
        return [int(v) for v in np.rint(sums)]
    totals: list[int | Fraction] = [0] * size
    for label, weight in zip(labels[keep].tolist(), counts[keep].tolist(), strict=True):
        totals[label] += weight
    return [_as_number(t) for t in totals]
