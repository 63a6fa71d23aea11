"""moot under test for the live-room benchmark: a real server in its own process.

``setup`` (run in a child process with the benchmark's settings) creates a public group,
its members with API tokens, and prints their ids; the benchmark then changes the room
through the HTTP API, the way a phone would.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MootUnderTest:
    def __init__(self, folder: Path) -> None:
        self.env = {
            **os.environ,
            "MOOT_VAR_DIR": str(folder),
            "MOOT_DEBUG": "0",
            "MOOT_LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "moot.config.settings",
        }
        self.env.pop("DATABASE_URL", None)
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.ids: dict[str, object] = {}
        self.changes = 0

    def start(self) -> None:
        run = [sys.executable, "-m", "moot.cli"]
        subprocess.run([*run, "migrate", "-v0"], env=self.env, cwd=ROOT, check=True)
        out = subprocess.run(
            [sys.executable, __file__, "setup"],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        self.ids = json.loads(out)
        self.process = subprocess.Popen(
            [*run, "serve", "--port", str(self.port), "--no-access-log"], env=self.env, cwd=ROOT
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.request("GET", "/api/groups", None)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("moot did not start")

    @property
    def stream_path(self) -> str:
        return f"/live/?s=meeting:{self.ids['meeting']}"

    async def fire(self, index: int) -> None:
        """One real stack change: the participant joins the stack, or leaves it."""
        room = f"/api/rooms/{self.ids['meeting']}/stack"
        self.changes += 1  # join, leave, join … across every size measured
        path, body = (room, {"kind": "speak"}) if self.changes % 2 else (room + "/leave", {})
        status, data = self.request("POST", path, body, str(self.ids["speaker_token"]))
        assert status in (201, 204), (status, data)

    def measure_votes(self, concurrency: int = 8) -> str:
        """Every voter votes twice at once (a double tap); each must count exactly once."""
        tokens = [str(t) for t in self.ids["voter_tokens"]]  # type: ignore[attr-defined]
        path = f"/api/proposals/{self.ids['proposal']}/ballots"
        ballot = {"choice": {"position": "agree"}}
        started = time.monotonic()
        with ThreadPoolExecutor(concurrency) as pool:
            statuses = list(
                pool.map(lambda t: self.request("POST", path, ballot, t)[0], tokens + tokens)
            )
        seconds = time.monotonic() - started
        close = f"/api/proposals/{self.ids['proposal']}/rounds/close"
        _, data = self.request("POST", close, {"present": len(tokens)})
        counted = sum(json.loads(data)["rounds"][-1]["result"]["counts"].values())
        verdict = "exactly once each" if counted == len(tokens) else "WRONG"
        refused = len(statuses) - statuses.count(200)
        return (
            f"votes: {len(statuses)} submissions ({len(tokens)} voters, each twice at once, "
            f"{concurrency} in flight) in {seconds:.2f} s = {len(statuses) / seconds:.0f}/s, "
            f"{refused} refused; counted {counted} of {len(tokens)} voters: {verdict}"
        )

    def request(
        self, method: str, path: str, body: object, token: str | None = None
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token or self.ids.get('admin_token', '')}",
        }
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, data

    def rss_mb(self) -> float:
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def setup(voters: int = 300) -> dict[str, object]:
    import django

    django.setup()
    from django.utils import timezone

    from moot.accounts.actions import do_create_api_token
    from moot.accounts.models import User
    from moot.decisions.actions.proposals import Draft, do_open_proposal
    from moot.decisions.actions.rounds import do_open_round
    from moot.groups.actions import do_add_member, do_create_group
    from moot.meetings.actions.meetings import do_open_meeting, do_schedule_meeting

    def person(name: str) -> User:
        return User.objects.create_user(
            email=f"{name}@bench.example", password=None, display_name=name
        )

    admin = person("facilitator")
    group = do_create_group(admin, name="Bench Assembly", kind="assembly")
    meeting = do_schedule_meeting(admin, group, title="Evening assembly", starts_at=timezone.now())
    do_open_meeting(meeting)
    speaker = person("speaker")
    do_add_member(speaker, group)
    people = [person(f"voter{i}") for i in range(voters)]
    for voter in people:
        do_add_member(voter, group)
    proposal = do_open_proposal(admin, group, Draft(title="Seek no permits"))
    do_open_round(proposal)
    return {
        "group": group.pk,
        "meeting": meeting.pk,
        "proposal": proposal.pk,
        "admin_token": do_create_api_token(admin, "bench"),
        "speaker_token": do_create_api_token(speaker, "bench"),
        "voter_tokens": [do_create_api_token(v, "bench") for v in people],
    }


if __name__ == "__main__" and sys.argv[1:] == ["setup"]:
    sys.path.insert(0, str(ROOT))
    print(json.dumps(setup()))
