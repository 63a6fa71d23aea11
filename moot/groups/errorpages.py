"""Error pages in moot's own layout, in the person's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = _("There is nothing here, or you may not see it.")
    return render(request, "error.html", {"message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may lie in one of them.
    body = loader.get_template("500.html").render()
    return HttpResponse(body, status=500)
