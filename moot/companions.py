"""The task worker and the tick beside the server, for development and the demo.

A newcomer who runs ``make run`` should see notices go out (on the console), votes
between meetings close at their deadline and breakouts end on time, without setting up
cron. ``moot serve --tasks`` starts ``moot db_worker`` and ``moot tick --every N`` as
child processes and stops them when the server stops. Production runs them as processes
of their own (README), so a server restart never interrupts a task.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SECONDS = 10


def commands(tick_seconds: int) -> list[list[str]]:
    moot = [sys.executable, "-m", "moot.cli"]
    return [[*moot, "db_worker"], [*moot, "tick", "--every", str(tick_seconds)]]


@contextmanager
def companions(tick_seconds: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """The worker and the tick, running until the block ends."""
    # Our own interpreter and command, with fixed arguments.
    started = [subprocess.Popen(command) for command in commands(tick_seconds)]  # noqa: S603
    try:
        yield started
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
