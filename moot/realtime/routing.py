"""The ASGI application: ``/live/`` streams go to moot's fan-out, all else to Django."""

from __future__ import annotations

from typing import Any

from moot.realtime.sse import live_app

ASGIApp = Any
LIVE_PREFIX = "/live/"


def build_application(django_application: ASGIApp) -> ASGIApp:
    async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == LIVE_PREFIX:
            await live_app(scope, receive, send)
        else:
            await django_application(scope, receive, send)

    return application
