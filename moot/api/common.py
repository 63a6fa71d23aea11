"""What every API router shares: the error answers it declares, who is asking, and
finding a group the way the pages do."""

from __future__ import annotations

from django.http import HttpRequest

from moot.accounts.models import User
from moot.api.schemas import ErrorOut, ValidationErrorOut
from moot.groups.access import group_or_404
from moot.groups.models import Group

ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    410: ErrorOut,
    422: ValidationErrorOut,
}


def request_user(request: HttpRequest) -> User:
    """The signed-in person (endpoints that call this require a token)."""
    assert isinstance(request.user, User)
    return request.user


def request_group(request: HttpRequest, group_id: int, perm: str = "groups.view_group") -> Group:
    return group_or_404(request.user, group_id, perm)
