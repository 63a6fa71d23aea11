"""The demo: an assembly, a branch and a collaborative, with people to sign in as.

Running it twice changes nothing the second time: every group and person is looked up
by name or email before it is created.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from moot.accounts.models import User
from moot.groups import actions, queries
from moot.groups.models import Group, GroupKind, Role, Visibility

DEMO_PASSWORD = "moot-demo"  # noqa: S105 — printed for people trying moot on a laptop
DEMO_DOMAIN = "demo.moot.example"

FIRST_NAMES = [
    "Ana",
    "Bea",
    "Carlos",
    "Dana",
    "Emeka",
    "Fatima",
    "Gus",
    "Hana",
    "Ines",
    "Jamal",
    "Kai",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Pilar",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomás",
    "Uma",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Alba",
    "Bruno",
    "Chen",
    "Dario",
    "Elif",
    "Femi",
    "Gita",
    "Hugo",
    "Iris",
    "Joel",
    "Kemi",
    "Luis",
    "Mei",
    "Noor",
    "Oscar",
    "Priya",
    "Rafa",
    "Sara",
    "Theo",
    "Ugo",
    "Valeria",
    "Will",
    "Yara",
    "Zeno",
    "Amara",
    "Bilal",
    "Cora",
    "Deniz",
    "Eva",
    "Farid",
    "Gaia",
    "Hamid",
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str


@cache
def _demo_password_hash() -> str:
    # Hash once: argon2 is slow on purpose, and the demo has seventy people.
    return make_password(DEMO_PASSWORD)


def _account(email: str, display_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, display_name=display_name, password=_demo_password_hash())
        user.save()
    return user


def person(index: int) -> User:
    name = FIRST_NAMES[index % len(FIRST_NAMES)]
    return _account(f"{name.lower().replace('á', 'a')}{index}@{DEMO_DOMAIN}", name)


def named(email_name: str, display_name: str) -> User:
    return _account(f"{email_name}@{DEMO_DOMAIN}", display_name)


def organisation(
    creator: User,
    name: str,
    kind: str,
    visibility: str = Visibility.PUBLIC,
    description: str = "",
    rule_template: str = "consensus",
) -> Group:
    found = Group.objects.filter(name=name, parent__isnull=True).first()
    return found or actions.do_create_group(
        creator,
        name=name,
        kind=kind,
        description=description,
        visibility=visibility,
        rule_template=rule_template,
    )


def committee(creator: User, parent: Group, name: str, **options: object) -> Group:
    found = Group.objects.filter(name=name, parent=parent).first()
    return found or actions.do_create_committee(creator, parent, name=name, **options)  # type: ignore[arg-type]


def enrol(user: User, group: Group, role: str = Role.MEMBER) -> None:
    membership = queries.membership_of(user, group)
    if membership is None:
        actions.do_add_member(user, group, role)
    elif membership.role != role and role != Role.MEMBER:
        actions.do_change_role(membership, role)


@transaction.atomic
def create_demo() -> list[DemoAccount]:
    accounts = [DemoAccount(f"facilitator@{DEMO_DOMAIN}", "assembly admin and facilitator")]
    accounts += _assembly()
    accounts += _branch()
    accounts += _collaborative()
    return accounts


def _assembly() -> list[DemoAccount]:
    facilitator = named("facilitator", "Robin (facilitation)")
    assembly = organisation(
        facilitator,
        "Liberty Square General Assembly",
        GroupKind.ASSEMBLY,
        rule_template="occupy",
        description="The general assembly of the occupation: every evening at 7.",
    )
    people = [person(i) for i in range(40)]
    for who in people:
        enrol(who, assembly)
    names = [
        "Outreach",
        "Communications",
        "Sanitation",
        "Morale",
        "Legal & Research",
        "Medical",
        "Facilitation",
    ]
    committees = {name: committee(facilitator, assembly, name) for name in names}
    committee(facilitator, committees["Sanitation"], "Engineering")
    for i, who in enumerate(people):
        enrol(who, committees[names[i % len(names)]])
    enrol(people[1], assembly, Role.FACILITATOR)
    enrol(people[2], assembly, Role.NOTE_TAKER)
    return [
        DemoAccount(people[0].email, "assembly member"),
        DemoAccount(people[2].email, "assembly note-taker"),
    ]


def _branch() -> list[DemoAccount]:
    convener = named("convener", "Sam (branch convener)")
    branch = organisation(
        convener,
        "Eastside Branch",
        GroupKind.BRANCH,
        description="A branch of 15 members; meets every Tuesday.",
    )
    people = [person(100 + i) for i in range(14)]
    for who in people:
        enrol(who, branch)
    internal = committee(
        convener, branch, "Branch Committee", visibility=Visibility.COMMITTEE, open_to_join=False
    )
    for who in people[:3]:
        enrol(who, internal)
    return [
        DemoAccount(convener.email, "branch admin"),
        DemoAccount(people[5].email, "branch member"),
    ]


def _collaborative() -> list[DemoAccount]:
    steward = named("steward", "Ife (network steward)")
    network = organisation(
        steward,
        "Community Roots Collaborative",
        GroupKind.COLLABORATIVE,
        description="Community collectives in Colombia, India and Canada.",
    )
    collectives = [
        "Colectivo Tierra Viva (Colombia)",
        "Jan Sahyog Collective (India)",
        "Northern Roots Collective (Canada)",
    ]
    for index, name in enumerate(collectives):
        collective = committee(steward, network, name, kind=GroupKind.COLLECTIVE)
        for who in [person(200 + index * 3 + k) for k in range(3)]:
            enrol(who, network)
            enrol(who, collective)
    return [DemoAccount(steward.email, "collaborative admin")]
