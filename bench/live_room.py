"""How fast one real change in a live room reaches every participant.

Starts moot (uvicorn, one process, SQLite in a temporary folder) on 127.0.0.1, opens N
Server-Sent-Events connections from a separate client process, then makes real changes
through moot's HTTP API — each goes through its action, commits, and is fanned out —
and measures, per change, the time until each client has it (p50 and p99 over all
clients; the median over several changes). In the same run it measures the floor: a
bare asyncio server writing one pre-serialized payload to N sockets, read by the same
client, and prints moot's p99 as a ratio to it. Also: connect time, server memory, and
votes per second with every vote counted exactly once.

    python bench/live_room.py [--sizes 1000,5000,10000] [--fires 15]

Everything runs on 127.0.0.1, is bounded in count and time, and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live_client import run_clients_in_subprocess
from bench.live_floor import start_floor_server
from bench.live_moot import MootUnderTest


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarize(arrivals: list[list[float]], fired_at: list[float], n: int) -> dict[str, float]:
    """Median over changes of the p50/p99 time from the change to each client."""
    p50s, p99s, missing = [], [], 0
    for times, t0 in zip(arrivals, fired_at, strict=True):
        missing += n - len(times)
        delays = [(t - t0) * 1000 for t in times]
        if delays:
            p50s.append(percentile(delays, 0.50))
            p99s.append(percentile(delays, 0.99))
    return {
        "p50_ms": statistics.median(p50s),
        "p99_ms": statistics.median(p99s),
        "p99_worst_ms": max(p99s),
        "missing": missing,
    }


async def measure(n: int, fires: int, port: int, path: str, fire) -> dict[str, float]:
    clients = await run_clients_in_subprocess(n, port, path)
    connect_s = clients.connect_seconds
    fired_at: list[float] = []
    for index in range(fires):
        await asyncio.sleep(0.25)
        fired_at.append(time.monotonic())
        await fire(index)
    arrivals = await clients.collect(fires, timeout=30)
    result = summarize(arrivals, fired_at, n)
    result["connect_s"] = connect_s
    return result


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--fires", type=int, default=15)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="moot-bench-") as folder:
        moot = MootUnderTest(Path(folder))
        moot.start()
        try:
            await run_sizes(moot, sizes, options.fires)
            print(moot.measure_votes())
        finally:
            moot.stop()


async def run_sizes(moot: MootUnderTest, sizes: list[int], fires: int) -> None:
    header = (
        f"{'N':>6} {'connect s':>9} {'moot p50':>9} {'moot p99':>9} {'floor p99':>9} "
        f"{'ratio':>6} {'RSS MB':>7} {'missed':>6}"
    )
    print(header)
    for n in sizes:
        floor = await start_floor_server()
        floor_result = await measure(n, fires, floor.port, "/", floor.fire)
        await floor.stop()
        result = await measure(n, fires, moot.port, moot.stream_path, moot.fire)
        ratio = result["p99_ms"] / floor_result["p99_ms"]
        print(
            f"{n:>6} {result['connect_s']:>9.2f} {result['p50_ms']:>9.1f} "
            f"{result['p99_ms']:>9.1f} {floor_result['p99_ms']:>9.1f} {ratio:>6.2f} "
            f"{moot.rss_mb():>7.0f} {int(result['missing']):>6}",
            flush=True,
        )


if __name__ == "__main__":
    asyncio.run(main())
