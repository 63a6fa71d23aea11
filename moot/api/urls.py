"""The JSON API: one NinjaAPI with a router per context; OpenAPI at /api/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from moot.api.auth import TokenAuth
from moot.api.decisions import router as decisions_router
from moot.api.groups import router as groups_router
from moot.api.meetings import router as meetings_router
from moot.api.notices import router as notices_router
from moot.api.records import router as records_router
from moot.api.roles import router as roles_router
from moot.api.rooms import router as rooms_router
from moot.api.schemas import ErrorOut, MeOut
from moot.groups.errors import ActionError

api = NinjaAPI(
    title="moot API",
    version="1",
    description="Groups that decide together: groups, committees and memberships.",
    urls_namespace="api",
)


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


@api.get("/me", auth=TokenAuth(), response={200: MeOut, 401: ErrorOut}, tags=["accounts"])
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]
    return MeOut(id=user.pk, name=user.shown_name, email=user.email)


api.add_router("/", groups_router)
api.add_router("/", decisions_router)
api.add_router("/", meetings_router)
api.add_router("/", rooms_router)
api.add_router("/", roles_router)
api.add_router("/", records_router)
api.add_router("/", notices_router)
