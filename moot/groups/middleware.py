"""Turns an ``ActionError`` raised anywhere in a page into a clear 4xx page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from moot.groups.errors import ActionError


class ActionErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ActionError):
            return None
        return render(
            request, "error.html", {"message": exception.message}, status=exception.status
        )
