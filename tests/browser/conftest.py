"""Browser tests: moot served by uvicorn in a thread, driven by Playwright in Debian's
chromium. Run as their own pytest run (Playwright's sync API and pytest-asyncio clash).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

from tests.liveserver import LiveServer

# Playwright's sync API runs an event loop in the test thread; the tests still set up
# data through the ORM in that thread, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MOOT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser(
    playwright: Playwright, browser_type_launch_args: dict[str, object]
) -> Iterator[Browser]:
    browser = playwright.chromium.launch(**browser_type_launch_args)  # type: ignore[arg-type]
    yield browser
    browser.close()


@pytest.fixture
def live_url(transactional_db: None, settings: object) -> Iterator[str]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    server = LiveServer()
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[object]:
    """Open one browser context per person; all are closed after the test."""
    contexts: list[BrowserContext] = []

    def open_context(locale: str = "en-GB") -> Page:
        context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
        contexts.append(context)
        return context.new_page()

    yield open_context
    for context in contexts:
        context.close()


AXE = Axe()


def assert_accessible(page: Page) -> None:
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
