"""What every page and API request goes through before its view.

- ``ActionErrorMiddleware`` turns an ``ActionError`` raised anywhere in a page into a
  clear 4xx page.
- ``TextInputMiddleware`` refuses, with a 400 and a clear message, any request whose
  address, query or body holds a control character (``moot.validation``): a NUL byte
  would otherwise reach the database and fail there.
- ``PageMethodsMiddleware`` lets a page answer only the methods it is written for: a
  page speaks GET, HEAD and POST (or fewer, where its view says so through Django's
  ``require_POST`` and the like, which answer those itself), and any other method is a
  405 with ``Allow`` instead of being served as if it were a GET.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from moot.groups.errors import ActionError
from moot.validation import control_message, has_control_characters, strings_in

GetResponse = Callable[[HttpRequest], HttpResponse]
API_NAMESPACE = "api"
PAGE_METHODS = ("GET", "HEAD", "POST")


class ActionErrorMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ActionError):
            return None
        return render(
            request, "error.html", {"message": exception.message}, status=exception.status
        )


def _is_api(request: HttpRequest) -> bool:
    try:
        return API_NAMESPACE in resolve(request.path_info).namespaces
    except Resolver404:
        return False


def refusal(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The answer to a request refused before its view: JSON in the API, else a page."""
    if _is_api(request):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "error.html", {"message": message}, status=status)


def _texts(request: HttpRequest) -> Iterator[str]:
    """Every piece of text the request carries: its path, query, form fields and JSON."""
    yield request.path_info
    for key, values in request.GET.lists():
        yield key
        yield from values
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            data = json.loads(request.body or b"null")
        except ValueError:
            return  # not JSON at all: the API says so itself
        yield from (text for _, text in strings_in(data))
    elif request.method == "POST":
        for key, values in request.POST.lists():
            yield key
            yield from values
        for uploads in request.FILES.lists():
            yield from (upload.name or "" for upload in uploads[1])


class TextInputMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(has_control_characters(text) for text in _texts(request)):
            return refusal(request, control_message(), 400)
        return self.get_response(request)


def _declared_methods(view: Callable[..., Any]) -> tuple[str, ...] | None:
    """The methods a view says it takes, through Django's own means: a class-based view's
    handlers, or the list given to ``require_http_methods`` (``require_POST`` …) found
    anywhere in its stack of decorators."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
        if "GET" in names and "head" in view_class.http_method_names:
            names.add("HEAD")
        return tuple(names)
    layer: Any = view
    while layer is not None:
        if inspect.isfunction(layer):
            declared = inspect.getclosurevars(layer).nonlocals.get("request_method_list")
            if declared is not None:
                return tuple(declared)
        layer = getattr(layer, "__wrapped__", None)
    return None


@cache
def page_methods(view: Callable[..., Any]) -> tuple[str, ...]:
    """What a page view answers: GET, HEAD and POST, or those of them it declares."""
    declared = _declared_methods(view)
    return tuple(m for m in PAGE_METHODS if declared is None or m in declared)


class PageMethodsMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or API_NAMESPACE in match.namespaces:
            return None  # the API answers its own methods
        if request.method in PAGE_METHODS:
            return None  # the view's own decorators refuse those of these it does not take
        allowed = page_methods(view)
        message = _("This page does not answer %(method)s requests.") % {"method": request.method}
        response = refusal(request, message, 405)
        response["Allow"] = ", ".join(allowed)
        return response
