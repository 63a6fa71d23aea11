"""Accounts: signing up, in and out, resetting a password, the profile and API tokens."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from moot.accounts.models import ApiToken, User, hash_token
from moot.groups.models import Group
from tests.apps.conftest import client_for

PASSPHRASE = "a-long-unusual-passphrase-42"


def test_passwords_are_hashed_with_argon2_outside_the_tests() -> None:
    from moot.config import settings as configured

    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_signing_up_creates_the_account_and_signs_in(db: None) -> None:
    client = Client()
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "Ana@Example.org",
            "display_name": " Ana ",
            "pseudonym": "Red Kite",
            "password": PASSPHRASE,
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("groups:home")
    user = User.objects.get()
    assert (user.email, user.display_name, user.shown_name) == (
        "ana@example.org",
        "Ana",
        "Red Kite",
    )
    assert user.check_password(PASSPHRASE)
    assert "Welcome to moot, Red Kite." in client.get(reverse("groups:home")).content.decode()


def test_signing_up_follows_a_safe_next_link_only(db: None) -> None:
    data = {"display_name": "Ana", "password": PASSPHRASE}
    safe = Client().post(
        reverse("accounts:signup") + "?next=/invite/abc/", {**data, "email": "a@example.org"}
    )
    unsafe = Client().post(
        reverse("accounts:signup") + "?next=https://evil.example/",
        {**data, "email": "b@example.org"},
    )
    assert safe.headers["Location"] == "/invite/abc/"
    assert unsafe.headers["Location"] == reverse("groups:home")


def test_a_duplicate_email_is_refused_whatever_its_case(member: User) -> None:
    response = Client().post(
        reverse("accounts:signup"),
        {"email": "Member@EXAMPLE.org", "display_name": "Again", "password": PASSPHRASE},
    )
    assert response.status_code == 400
    assert "An account with this email address already exists." in response.content.decode()
    assert User.objects.filter(email__iexact="member@example.org").count() == 1


def test_a_weak_password_is_refused(db: None) -> None:
    response = Client().post(
        reverse("accounts:signup"),
        {"email": "ana@example.org", "display_name": "Ana", "password": "12345678"},
    )
    assert response.status_code == 400
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


def test_signing_in_and_out(member: User) -> None:
    client = Client()
    wrong = client.post(
        reverse("accounts:login"), {"username": "member@example.org", "password": "nope"}
    )
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    right = client.post(
        reverse("accounts:login"), {"username": "member@example.org", "password": "pw-member"}
    )
    assert right.status_code == 302
    assert right.headers["Location"] == reverse("groups:home")
    assert client.session["_auth_user_id"] == str(member.pk)
    out = client.post(reverse("accounts:logout"))
    assert out.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_a_password_reset_email_carries_a_working_link(member: User) -> None:
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    client = Client()
    sent = client.post(reverse("accounts:password_reset"), {"email": "member@example.org"})
    assert sent.headers["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@example.org"]
    match = re.search(
        r"https?://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", mail.outbox[0].body
    )
    assert match, mail.outbox[0].body
    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    assert "new_password1" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "another-long-passphrase-7",
            "new_password2": "another-long-passphrase-7",
        },
    )
    assert done.headers["Location"] == reverse("accounts:password_reset_complete")
    member.refresh_from_db()
    assert member.check_password("another-long-passphrase-7")


def test_a_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(db: None) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.headers["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_profile_saves_a_pseudonym_that_the_members_page_shows(
    member: User, admin: User, assembly: Group
) -> None:
    response = client_for(member).post(
        reverse("accounts:profile"),
        {"display_name": "Maria Lopez", "pseudonym": "Red Kite", "language": "es"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.shown_name == "Red Kite"
    assert member.language == "es"
    page = client_for(admin).get(reverse("groups:members", args=[assembly.pk]))
    assert page.status_code == 200
    assert "Red Kite" in page.content.decode()
    assert "Maria Lopez" not in page.content.decode()


def test_an_api_token_is_created_shown_once_and_revoked(member: User) -> None:
    client = client_for(member)
    created = client.post(reverse("accounts:create_token"), {"name": "laptop"})
    assert created.status_code == 200
    raw = re.search(r'value="(moot_[^"]+)"', created.content.decode())
    assert raw is not None
    token = ApiToken.objects.get(user=member)
    assert token.digest == hash_token(raw.group(1))
    assert token.name == "laptop"
    api = Client(headers={"Authorization": f"Bearer {raw.group(1)}"})
    assert api.get("/api/me").status_code == 200
    assert raw.group(1) not in client.get(reverse("accounts:profile")).content.decode()
    revoked = client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert revoked.status_code == 302
    assert not ApiToken.objects.exists()
    assert api.get("/api/me").status_code == 401


def test_nobody_revokes_someone_elses_token(member: User, outsider: User) -> None:
    client_for(member).post(reverse("accounts:create_token"), {"name": "laptop"})
    token = ApiToken.objects.get()
    assert (
        client_for(outsider).post(reverse("accounts:revoke_token", args=[token.pk])).status_code
        == 404
    )
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_token_name_is_refused_with_a_message(member: User, name: str) -> None:
    response = client_for(member).post(reverse("accounts:create_token"), {"name": name})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()
