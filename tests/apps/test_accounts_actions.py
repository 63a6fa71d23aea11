"""Every action of accounts: the state it changes, and tokens kept only as hashes."""

from __future__ import annotations

from typing import Any

from moot.accounts import actions as account_actions
from moot.accounts.models import ApiToken, User, hash_token
from moot.api.auth import user_for_token


def test_signing_up_stores_a_lowercased_email_and_a_hashed_password(db: None) -> None:
    user = account_actions.do_sign_up(
        "Ana@Example.ORG", "a-long-passphrase-42", "Ana", pseudonym="Red Kite"
    )
    user.refresh_from_db()
    assert user.email == "ana@example.org"
    assert user.password != "a-long-passphrase-42"
    assert user.check_password("a-long-passphrase-42")
    assert (user.display_name, user.shown_name) == ("Ana", "Red Kite")


def test_updating_a_profile_saves_the_names_and_the_language(member: User) -> None:
    account_actions.do_update_profile(member, display_name="Maria", pseudonym="M.", language="es")
    member.refresh_from_db()
    assert (member.display_name, member.pseudonym, member.language) == ("Maria", "M.", "es")
    assert member.shown_name == "M."
    account_actions.do_update_profile(member, display_name="Maria", pseudonym="", language="")
    member.refresh_from_db()
    assert member.shown_name == "Maria"


def test_an_api_token_is_shown_once_and_only_its_hash_is_kept(
    member: User, django_capture_on_commit_callbacks: Any
) -> None:
    raw = account_actions.do_create_api_token(member, "laptop")
    token = ApiToken.objects.get()
    assert raw.startswith("moot_")
    assert len(raw) > 40
    assert token.digest == hash_token(raw)
    assert token.name == "laptop"
    with django_capture_on_commit_callbacks(execute=True):  # its use is noted on commit
        assert user_for_token(raw) == member
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_api_token_no_longer_signs_in(member: User) -> None:
    raw = account_actions.do_create_api_token(member, "laptop")
    account_actions.do_revoke_api_token(ApiToken.objects.get())
    assert not ApiToken.objects.exists()
    assert user_for_token(raw) is None
