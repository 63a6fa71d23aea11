"""``make run`` serves moot with the task worker and the tick beside it: a vote between
meetings whose deadline has passed closes, and its outcome notice goes out (on the
console, as in development), without cron and without anyone running a command."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apps.test_live_processes import ROOT, free_port, run_moot, wait_for_port

WITHIN_SECONDS = 60
SETUP = """
from datetime import timedelta
from django.utils import timezone
from moot.accounts.models import User
from moot.decisions.actions import do_open_proposal
from moot.decisions.models import Proposal
from moot.groups.actions import do_add_member, do_create_group
fay = User.objects.create_user(email="fay@example.org", password=None, display_name="Fay")
ana = User.objects.create_user(email="ana@example.org", password=None, display_name="Ana")
group = do_create_group(fay, name="Co-op", kind="coop")
do_add_member(ana, group)
proposal = do_open_proposal(fay, group, title="Buy a second oven", mode="async",
                            closes_at=timezone.now() + timedelta(days=1))
Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
print(proposal.pk)
"""
CLOSED = "from moot.decisions.models import Proposal; print(Proposal.objects.get(pk={}).status)"


def lines_of(stream: object, into: queue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        into.put(line)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[dict[str, str], queue.Queue[str]]]:
    env = {**os.environ, "MOOT_VAR_DIR": str(tmp_path), "MOOT_DEBUG": "1"}
    for name in ("DATABASE_URL", "REDIS_URL", "MOOT_EMAIL_HOST", "MOOT_EMAIL_BACKEND"):
        env.pop(name, None)
    run_moot(env, "migrate", "-v0")
    port = free_port()
    command = [sys.executable, "-m", "moot.cli", "serve", "--port", str(port), "--tasks"]
    server = subprocess.Popen(
        [*command, "--tick-seconds", "1", "--no-access-log"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lines_of, args=(server.stdout, output), daemon=True).start()
    wait_for_port(port)
    yield env, output
    server.terminate()  # the worker and the tick stop with it
    server.wait(timeout=20)


def wait_for_line(output: queue.Queue[str], text: str) -> str:
    deadline = time.monotonic() + WITHIN_SECONDS
    while time.monotonic() < deadline:
        try:
            line = output.get(timeout=1)
        except queue.Empty:
            continue
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r} within {WITHIN_SECONDS} s")


def test_a_due_vote_closes_and_its_outcome_notice_goes_out(
    served: tuple[dict[str, str], queue.Queue[str]],
) -> None:
    env, output = served
    proposal = run_moot(env, "shell", "-c", SETUP).strip().splitlines()[-1]
    line = wait_for_line(output, "Subject:")
    assert "Buy a second oven" in line
    wait_for_line(output, "To: ana@example.org")
    assert (
        run_moot(env, "shell", "-c", CLOSED.format(proposal)).strip().splitlines()[-1] == "closed"
    )
