"""`make test` works on a fresh machine: every Debian package a test needs is installed
before the first test that needs it, and what `make` creates stays out of git."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NEEDED = {"postgresql", "redis-server", "chromium", "fonts-dejavu-core"}


def dry_run(target: str) -> list[str]:
    """The commands `make TARGET` would run, in order (make -n runs none of them)."""
    done = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def first(lines: list[str], part: str) -> int:
    return next(i for i, line in enumerate(lines) if part in line)


def installs(line: str) -> set[str]:
    return set(line.split()) if "scripts/apt-install" in line else set()


def test_make_test_installs_every_package_before_the_app_tests() -> None:
    lines = dry_run("test")
    app_tests = first(lines, "pytest tests/apps")
    installed: set[str] = set().union(*(installs(line) for line in lines[:app_tests]))
    assert installed >= NEEDED


def test_make_test_runs_its_steps_in_order() -> None:
    lines = dry_run("test")
    steps = [
        first(lines, "ruff format --check"),
        first(lines, "pytest tests/core"),
        first(lines, "scripts/apt-install"),
        first(lines, "pytest tests/apps"),
        first(lines, "scripts/services run"),
        first(lines, "pytest tests/browser"),
    ]
    assert steps == sorted(steps)


def test_the_app_tests_alone_install_what_they_need_first() -> None:
    lines = dry_run("test-app")
    app_tests = first(lines, "pytest tests/apps")
    assert "redis-server" in set().union(*(installs(line) for line in lines[:app_tests]))


def test_what_make_creates_is_ignored_by_git() -> None:
    for path in (".tools/bin/uv", ".venv/bin/python", "var/moot.sqlite3"):
        done = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
        assert done.returncode == 0, f"{path} is not ignored"
