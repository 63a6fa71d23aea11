"""Benchmark: IRV and Schulze on 1,000,000 ranked ballots over 15 candidates.

Times moot's count *including grouping* (``group_array`` on a numpy array of one ranking
per voter, then ``tally_irv`` and ``tally_schulze``) on two electorates:

- *uniform*: every ballot a full random ranking (almost every ballot distinct — the
  worst case for grouping);
- *realistic*: each voter ranks 1 to 5 candidates drawn by popularity (Plackett–Luce
  with Zipf weights), so many ballots repeat.

pref_voting (same grouped profile, ``instant_runoff`` and ``beat_path`` = Schulze) is
measured in the same run on a smaller electorate, because building its profile from a
million distinct rankings takes minutes; the ratios are per ballot. Runs in about a
minute. Each moot figure is the best and the median of 5 runs (``best/median``), since
other work may share the machine; the load average is printed before and after.
Usage: ``.venv/bin/python bench/tally.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from moot.core.methods import group_array, tally_irv, tally_schulze

N_BALLOTS = 1_000_000
N_CANDIDATES = 15
PV_BALLOTS = 20_000
NAMES = tuple(f"C{i}" for i in range(N_CANDIDATES))


def uniform(rng: np.random.Generator, n: int) -> npt.NDArray[np.int8]:
    return np.argsort(rng.random((n, N_CANDIDATES)), axis=1).astype(np.int8)


def realistic(rng: np.random.Generator, n: int) -> npt.NDArray[np.int8]:
    weights = 1.0 / np.arange(1, N_CANDIDATES + 1)
    keys = rng.gumbel(size=(n, N_CANDIDATES)) + np.log(weights)  # Plackett–Luce by Gumbel
    order = np.argsort(-keys, axis=1).astype(np.int8)
    lengths = rng.integers(1, 6, size=n)
    order[np.arange(N_CANDIDATES) >= lengths[:, None]] = -1
    return order


REPEATS = 5


def timed(repeats: int, run: Callable[[], object]) -> tuple[float, float]:
    """The best and the median time of ``repeats`` runs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def best_of(repeats: int, run: Callable[[], object]) -> float:
    return timed(repeats, run)[0]


def show(times: tuple[float, float]) -> str:
    return f"{times[0]:.3f}/{times[1]:.3f}"


def moot_times(rows: npt.NDArray[np.int8]) -> dict[str, tuple[float, float]]:
    grouped = group_array(NAMES, rows)
    return {
        "distinct": (float(len(grouped.rows)), 0.0),
        "group": timed(REPEATS, lambda: group_array(NAMES, rows)),
        "irv": timed(REPEATS, lambda: tally_irv(grouped)),
        "schulze": timed(REPEATS, lambda: tally_schulze(grouped)),
        "total": timed(
            REPEATS, lambda: (tally_irv(g := group_array(NAMES, rows)), tally_schulze(g))
        ),
    }


def pref_voting_times(rows: npt.NDArray[np.int8]) -> dict[str, float]:
    from pref_voting.margin_based_methods import beat_path
    from pref_voting.profiles import Profile as PVProfile
    from pref_voting.voting_methods import instant_runoff

    grouped = group_array(NAMES, rows)
    rankings = grouped.rows.tolist()
    counts = grouped.counts.tolist()
    start = time.perf_counter()
    profile = PVProfile(rankings, rcounts=counts)
    build = time.perf_counter() - start
    return {
        "build": build,
        "irv": best_of(1, lambda: instant_runoff(profile)),
        "schulze": best_of(1, lambda: beat_path(profile)),
    }


def machine() -> str:
    try:
        info = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(ln.split(":", 1)[1].strip() for ln in info.splitlines() if "Model name" in ln)
    except (OSError, subprocess.CalledProcessError, StopIteration):
        model = "unknown CPU"
    return f"{model}, {os.cpu_count()} logical cores, numpy {np.__version__}"


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    rng = np.random.default_rng(2024)
    print(f"Machine: {machine()}; load average {load()}")
    print(f"{N_BALLOTS:,} ballots x {N_CANDIDATES} candidates; best/median of {REPEATS}; seconds\n")
    for label, make in (("uniform", uniform), ("realistic", realistic)):
        times = moot_times(make(rng, N_BALLOTS))
        print(
            f"moot {label:9}: {int(times['distinct'][0]):>9,} distinct rankings | group "
            f"{show(times['group'])} | IRV {show(times['irv'])} | "
            f"Schulze {show(times['schulze'])} | group+IRV+Schulze {show(times['total'])}"
        )
    small = uniform(rng, PV_BALLOTS)
    mine = moot_times(small)
    theirs = pref_voting_times(small)
    print(f"\nSame {PV_BALLOTS:,} uniform ballots (pref_voting on 1,000,000 takes minutes):")
    print(
        f"pref_voting: build profile {theirs['build']:.3f} | IRV {theirs['irv']:.3f} | "
        f"Schulze {theirs['schulze']:.3f}"
    )
    print(
        f"moot       : group {mine['group'][0]:.3f} | IRV {mine['irv'][0]:.3f} | "
        f"Schulze {mine['schulze'][0]:.3f}"
    )
    for method in ("irv", "schulze"):
        ratio = theirs[method] / mine[method][0]
        print(f"{method}: pref_voting takes {ratio:.0f}x moot's time per ballot (count only)")
    theirs_all = theirs["build"] + theirs["irv"] + theirs["schulze"]
    print(f"with profile building/grouping: {theirs_all / mine['total'][0]:.0f}x")
    print(f"Load average after: {load()}")


if __name__ == "__main__":
    main()
