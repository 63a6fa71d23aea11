"""The ASGI application: Django for pages and the API; live streams join here."""

from __future__ import annotations

from typing import Any

ASGIApp = Any


def build_application(django_application: ASGIApp) -> ASGIApp:
    return django_application
