"""Fixtures for the app tests: people, two organisations and their committees."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.db import connections
from django.test import Client

from moot.accounts import actions as account_actions
from moot.accounts.models import User
from moot.groups import actions
from moot.groups.models import Group, Role, Visibility
from moot.realtime.broker import broker


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> Iterator[None]:
    """The test databases, with PostgreSQL's pool closed before they are dropped: its
    idle connections would otherwise keep the database in use."""
    yield
    for connection in connections.all(initialized_only=True):
        if connection.vendor == "postgresql":
            connection.close()  # returned to the pool first, or closing it makes another
            connection.close_pool()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def published() -> list[tuple[str, bytes]]:
    """Every live event published during the test, in order."""
    broker.published = []
    yield broker.published
    broker.published = None


def make_user(name: str) -> User:
    return User.objects.create_user(
        email=f"{name}@example.org", password="pw-" + name, display_name=name.title()
    )


@pytest.fixture
def admin(db: None) -> User:
    return make_user("admin")


@pytest.fixture
def assembly(admin: User) -> Group:
    return actions.do_create_group(admin, name="Assembly", kind="assembly")


@pytest.fixture
def member(assembly: Group) -> User:
    user = make_user("member")
    actions.do_add_member(user, assembly)
    return user


@pytest.fixture
def facilitator(assembly: Group) -> User:
    user = make_user("facilitator")
    actions.do_add_member(user, assembly, Role.FACILITATOR)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return make_user("outsider")


@pytest.fixture
def committee(admin: User, assembly: Group) -> Group:
    return actions.do_create_committee(admin, assembly, name="Outreach")


@pytest.fixture
def private_group(db: None) -> Group:
    owner = make_user("owner")
    return actions.do_create_group(
        owner, name="Branch", kind="branch", visibility=Visibility.MEMBERS
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def convener(assembly: Group) -> User:
    """A member of the assembly who convenes its Outreach committee."""
    user = make_user("convener")
    actions.do_add_member(user, assembly)
    return user


@pytest.fixture
def api_client() -> Callable[[User | None], Client]:
    """``api_client(user)``: a client that sends the user's API token (none if None)."""

    def make(user: User | None) -> Client:
        if user is None:
            return Client()
        raw = account_actions.do_create_api_token(user, "tests")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make
