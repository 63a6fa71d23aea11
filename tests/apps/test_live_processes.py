"""Several server processes share one room through Redis.

Two real ``moot serve`` processes on one SQLite file and one Redis: a participant
listening to the second process sees the stack change made through the first.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (make test installs it)"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def run_moot(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "moot.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


SETUP = """
from django.utils import timezone
from moot.accounts.actions import do_create_api_token
from moot.accounts.models import User
from moot.groups.actions import do_create_group
from moot.meetings.actions.meetings import do_open_meeting, do_schedule_meeting
admin = User.objects.create_user(email="fay@example.org", password=None, display_name="Fay")
group = do_create_group(admin, name="Assembly", kind="assembly")
meeting = do_schedule_meeting(admin, group, title="Evening", starts_at=timezone.now())
do_open_meeting(meeting)
print(meeting.pk, do_create_api_token(admin, "test"))
"""


@pytest.fixture
def two_servers(tmp_path: Path, redis_url: str) -> Iterator[tuple[int, int, int, str]]:
    env = {
        **os.environ,
        "MOOT_VAR_DIR": str(tmp_path),
        "REDIS_URL": redis_url,
        "MOOT_DEBUG": "0",
        "MOOT_LOG_LEVEL": "ERROR",
    }
    env.pop("DATABASE_URL", None)
    run_moot(env, "migrate", "-v0")
    meeting, token = run_moot(env, "shell", "-c", SETUP).strip().splitlines()[-1].split()
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "moot.cli", "serve", "--port", str(p), "--no-access-log"],
            env=env,
            cwd=ROOT,
        )
        for p in ports
    ]
    for port in ports:
        wait_for_port(port)
    yield ports[0], ports[1], int(meeting), token
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def next_data(response: http.client.HTTPResponse) -> dict[str, object]:
    while True:
        line = response.readline().decode()
        if line.startswith("data: "):
            event: dict[str, object] = json.loads(line[6:])
            return event


def test_a_stack_change_made_on_one_process_reaches_a_listener_on_another(
    two_servers: tuple[int, int, int, str],
) -> None:
    first, second, meeting, token = two_servers
    listening = http.client.HTTPConnection("127.0.0.1", second, timeout=20)
    listening.request("GET", f"/live/?s=meeting:{meeting}")
    stream = listening.getresponse()
    assert next_data(stream)["type"] == "snapshot"
    acting = http.client.HTTPConnection("127.0.0.1", first, timeout=20)
    acting.request(
        "POST",
        f"/api/rooms/{meeting}/stack",
        json.dumps({"kind": "speak"}),
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert acting.getresponse().status == 201
    event = next_data(stream)
    assert event["type"] == "stack.joined"
    assert event["data"]["meeting_id"] == meeting  # type: ignore[index]
    listening.close()
    acting.close()
