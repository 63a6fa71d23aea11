"""An email address is one person whatever its case: signing in and resetting a password
find the account, and the database refuses a second account that differs only by case."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from moot.accounts.models import User


@pytest.mark.parametrize(
    "typed", ["Member@Example.org", "MEMBER@EXAMPLE.ORG", " member@example.org"]
)
def test_signing_in_finds_the_account_whatever_the_case(member: User, typed: str) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": typed, "password": "pw-member"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_wrong_password_still_fails_whatever_the_case(member: User) -> None:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "Member@Example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_password_reset_reaches_the_account_whatever_the_case(member: User) -> None:
    Client().post(reverse("accounts:password_reset"), {"email": "MEMBER@example.ORG"})
    [email] = mail.outbox
    assert email.to == ["member@example.org"]


def test_the_database_refuses_two_accounts_differing_only_by_case(member: User) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="Member@example.org", display_name="Twin")])
    assert User.objects.filter(email__iexact="member@example.org").count() == 1


def migrate_to(target: str) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", target)])
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_lowercases_the_addresses_already_stored() -> None:
    executor = migrate_to("0001_initial")
    try:
        old_user = executor.loader.project_state(("accounts", "0001_initial")).apps.get_model(
            "accounts", "User"
        )
        old_user.objects.create(email="Ana@Example.ORG", display_name="Ana")
        old_user.objects.create(email="bo@example.org", display_name="Bo")
    finally:
        migrate_to("0002_lowercase_emails")
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "ana@example.org",
        "bo@example.org",
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_and_names_accounts_that_differ_only_by_case() -> None:
    executor = migrate_to("0001_initial")
    old_user = executor.loader.project_state(("accounts", "0001_initial")).apps.get_model(
        "accounts", "User"
    )
    old_user.objects.create(email="Ana@Example.org", display_name="Ana")
    old_user.objects.create(email="ana@example.org", display_name="Ana again")
    with pytest.raises(RuntimeError, match=r"ana@example\.org"):
        migrate_to("0002_lowercase_emails")
    old_user.objects.filter(email="Ana@Example.org").delete()
    migrate_to("0002_lowercase_emails")
    assert list(User.objects.values_list("email", flat=True)) == ["ana@example.org"]
