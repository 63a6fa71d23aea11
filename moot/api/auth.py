"""Token authentication for the JSON API.

A request carries ``Authorization: Bearer <token>``. Reading public data needs no
token; a wrong or revoked token is refused outright rather than read as anonymous.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from moot.accounts.models import ApiToken, User, hash_token
from moot.accounts.usage import record_use


def user_for_token(raw: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(digest=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    record_use(token, token.last_used_at)
    return token.user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def optional_user(request: HttpRequest) -> User | AnonymousUser:
    """The token's user, or anonymous when no token is sent."""
    header = request.headers.get("Authorization", "")
    if not header:
        return AnonymousUser()
    scheme, _, raw = header.partition(" ")
    user = user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise AuthenticationError()
    request.user = user
    return user
