"""Every change to a person's account happens here, in one transaction each."""

from __future__ import annotations

from django.db import transaction

from moot.accounts.models import ApiToken, User, hash_token


@transaction.atomic
def do_sign_up(email: str, password: str, display_name: str, pseudonym: str = "") -> User:
    return User.objects.create_user(
        email=email, password=password, display_name=display_name, pseudonym=pseudonym
    )


@transaction.atomic
def do_update_profile(user: User, *, display_name: str, pseudonym: str, language: str) -> None:
    user.display_name = display_name
    user.pseudonym = pseudonym
    user.language = language
    user.save(update_fields=["display_name", "pseudonym", "language"])


@transaction.atomic
def do_create_api_token(user: User, name: str) -> str:
    """Create a token and return it raw; only its hash is kept."""
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(user=user, name=name, digest=hash_token(raw))
    return raw


@transaction.atomic
def do_revoke_api_token(token: ApiToken) -> None:
    token.delete()
