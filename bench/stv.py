"""Benchmark moot's STV counts against pref_voting on real wards.

Scottish STV: all six shipped Glasgow 2007 wards, moot and pref_voting's
``stv_scottish`` in the same run, total seconds and ratio. Meek STV: moot on every
shipped ward (Glasgow and the three Irish 2002 constituencies); pref_voting's
``stv_meek`` takes minutes per ward, so it is timed on the smallest ward (Calton, 5,199
ballots) only, in a child process stopped after ``--timeout`` seconds.

Run: ``.venv/bin/python bench/stv.py [--timeout SECONDS] [--skip-pref-voting-meek]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_meek, stv_scottish

from moot.core.ballot_files import read_ballot_file
from moot.core.ballots import Profile
from moot.core.stv import tally_stv_meek, tally_stv_scottish

DATA = Path(__file__).resolve().parent.parent / "tests" / "core" / "data" / "stv"
GLASGOW = {
    "Anderston/City": ("00008-00000001", 4),
    "Calton": ("00008-00000003", 3),
    "Drumchapel/Anniesland": ("00008-00000006", 4),
    "Greater Pollok": ("00008-00000010", 4),
    "Langside": ("00008-00000012", 3),
    "Pollokshields": ("00008-00000018", 3),
}
IRISH = {
    "Dublin North": ("00001-00000001", 4),
    "Dublin West": ("00001-00000002", 3),
    "Meath": ("00001-00000003", 5),
}


def load(folder: str, stem: str) -> Profile:
    return read_ballot_file(DATA / folder / f"{stem}.soi").profile


def as_pref_voting(profile: Profile) -> ProfileWithTies:
    ranks = [{c: i + 1 for i, c in enumerate(r)} for r in profile.rankings]
    candidates = list(range(profile.num_candidates))
    return ProfileWithTies(ranks, rcounts=list(profile.weights), candidates=candidates)


def best_of(runs: int, count: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        count()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_scottish() -> None:
    ours = theirs = 0.0
    for ward, (stem, seats) in GLASGOW.items():
        profile = load("preflib_glasgow", stem)
        pv = as_pref_voting(profile)
        mine = best_of(3, partial(tally_stv_scottish, profile, seats))
        other = best_of(1, partial(stv_scottish, pv, num_seats=seats, rng=random.Random(0)))
        ours, theirs = ours + mine, theirs + other
        print(f"  {ward:24} moot {mine:7.3f} s   pref_voting {other:7.3f} s")
    print(
        f"Scottish STV, 6 Glasgow wards: moot {ours:.3f} s, pref_voting {theirs:.3f} s, "
        f"moot is {theirs / ours:.0f}x faster"
    )


def bench_meek() -> None:
    wards = [("preflib_glasgow", name, *v) for name, v in GLASGOW.items()]
    wards += [("preflib_irish", name, *v) for name, v in IRISH.items()]
    for folder, ward, stem, seats in wards:
        profile = load(folder, stem)
        seconds = best_of(3, partial(tally_stv_meek, profile, seats))
        ballots = int(profile.total_weight)
        print(
            f"  {ward:24} {ballots:6d} ballots  {len(profile.rankings):6d} distinct  "
            f"moot Meek {seconds:6.3f} s"
        )


def _pref_voting_meek(stem: str, seats: int, out: multiprocessing.Queue[float]) -> None:
    pv = as_pref_voting(load("preflib_glasgow", stem))
    start = time.perf_counter()
    stv_meek(pv, num_seats=seats)
    out.put(time.perf_counter() - start)


def bench_meek_against_pref_voting(timeout: float) -> None:
    stem, seats = GLASGOW["Calton"]
    profile = load("preflib_glasgow", stem)
    mine = best_of(3, partial(tally_stv_meek, profile, seats))
    queue: multiprocessing.Queue[float] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_pref_voting_meek, args=(stem, seats, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        print(
            f"Meek STV, Calton: moot {mine:.3f} s, pref_voting stopped after {timeout:.0f} s "
            f"(moot is more than {timeout / mine:.0f}x faster)"
        )
        return
    other = queue.get()
    print(
        f"Meek STV, Calton: moot {mine:.3f} s, pref_voting {other:.1f} s, "
        f"moot is {other / mine:.0f}x faster"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--skip-pref-voting-meek", action="store_true")
    args = parser.parse_args()
    print("Scottish STV (best of 3 for moot, 1 run for pref_voting):")
    bench_scottish()
    print("Meek STV, PR Foundation reference rule (best of 3):")
    bench_meek()
    if not args.skip_pref_voting_meek:
        bench_meek_against_pref_voting(args.timeout)


if __name__ == "__main__":
    main()
