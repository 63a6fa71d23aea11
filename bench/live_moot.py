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
        return f"/live/?s=group:{self.ids['group']}"

    async def fire(self, index: int) -> None:
        status, _ = self.request(
            "POST",
            f"/api/groups/{self.ids['group']}/committees",
            {"name": f"Committee {index}-{time.monotonic_ns()}"},
        )
        assert status == 201, status

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
            self.process.wait(timeout=10)


def setup() -> dict[str, object]:
    import django

    django.setup()
    from moot.accounts.actions import do_create_api_token
    from moot.accounts.models import User
    from moot.groups.actions import do_create_group

    admin = User.objects.create_user(
        email="facilitator@bench.example", password=None, display_name="Facilitator"
    )
    group = do_create_group(admin, name="Bench Assembly", kind="assembly")
    return {"group": group.pk, "admin_token": do_create_api_token(admin, "bench")}


if __name__ == "__main__" and sys.argv[1:] == ["setup"]:
    sys.path.insert(0, str(ROOT))
    print(json.dumps(setup()))
