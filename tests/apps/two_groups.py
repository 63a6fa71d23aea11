"""The world the permission tables run in: every role held in two groups.

``A`` is a public assembly, ``B`` a members-only branch; the admin made both, and the
member, facilitator and note-taker hold their role in each. ``row`` asks one request
of every role in turn and reads each answer as a status, ``LOGIN`` standing for the
redirect to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.test import Client

from moot.accounts.models import User
from moot.groups import actions as group_actions
from moot.groups.models import Group, Role, Visibility
from tests.apps.conftest import client_for, make_user

ROLES = ("anonymous", "outsider", "member", "facilitator", "note_taker", "admin")
LOGIN = "login"


@dataclass
class World:
    people: dict[str, User | None]
    groups: dict[str, Group]

    @property
    def admin(self) -> User:
        admin = self.people["admin"]
        assert admin is not None
        return admin

    @property
    def member(self) -> User:
        member = self.people["member"]
        assert member is not None
        return member


def make_world() -> World:
    admin = make_user("admin")
    people: dict[str, User | None] = {
        "anonymous": None,
        "outsider": make_user("outsider"),
        "admin": admin,
    }
    groups = {
        "A": group_actions.do_create_group(admin, name="Assembly", kind="assembly"),
        "B": group_actions.do_create_group(
            admin, name="Branch", kind="branch", visibility=Visibility.MEMBERS
        ),
    }
    for role in (Role.MEMBER, Role.FACILITATOR, Role.NOTE_TAKER):
        person = make_user(role)
        people[role] = person
        for group in groups.values():
            group_actions.do_add_member(person, group, role)
    return World(people, groups)


def status(response: object) -> object:
    code = response.status_code  # type: ignore[attr-defined]
    if code == 302 and "/accounts/login/" in response["Location"]:  # type: ignore[index]
        return LOGIN
    return code


Request = Callable[[Client, World, Group], object]


def row(world: World, target: str, request: Request) -> tuple[object, ...]:
    return tuple(
        status(request(client_for(world.people[role]), world, world.groups[target]))
        for role in ROLES
    )
