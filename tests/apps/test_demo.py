"""The demo: an assembly with its committees, a branch and a collaborative, made once."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from moot.accounts.models import ApiToken, User
from moot.groups import queries
from moot.groups.models import Group, GroupKind, Invitation, Membership, Role, Visibility

COMMITTEES = [
    "Outreach",
    "Communications",
    "Sanitation",
    "Morale",
    "Legal & Research",
    "Medical",
    "Facilitation",
]


def rows() -> dict[str, list[tuple[Any, ...]]]:
    return {
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "display_name")),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name", "parent_id")),
        "memberships": list(
            Membership.objects.order_by("pk").values_list(
                "pk", "user_id", "group_id", "role", "left_at"
            )
        ),
        "invitations": list(Invitation.objects.values_list("pk")),
        "tokens": list(ApiToken.objects.values_list("pk")),
    }


@pytest.fixture
def demo(db: None) -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_running_the_demo_twice_creates_each_row_once(demo: str) -> None:
    first = rows()
    call_command("demo", stdout=StringIO())
    assert rows() == first
    assert len(first["users"]) > 60


def test_the_demo_prints_the_accounts_to_sign_in_with(demo: str) -> None:
    assert "moot-demo" in demo
    assert "facilitator@demo.moot.example" in demo


def test_the_assembly_has_about_forty_members_and_seven_committees(demo: str) -> None:
    assembly = Group.objects.get(name="Liberty Square General Assembly")
    assert assembly.kind == GroupKind.ASSEMBLY
    assert assembly.visibility == Visibility.PUBLIC
    assert 38 <= queries.active_members(assembly).count() <= 45
    top = Group.objects.filter(parent=assembly).values_list("name", flat=True)
    assert sorted(top) == sorted(COMMITTEES)
    engineering = Group.objects.get(name="Engineering")
    assert engineering.parent is not None
    assert engineering.parent.name == "Sanitation"
    assert engineering.root == assembly
    for name in COMMITTEES:
        assert queries.active_members(Group.objects.get(name=name, parent=assembly)).exists()
    roles = set(Membership.objects.filter(group=assembly).values_list("role", flat=True))
    assert {Role.ADMIN, Role.FACILITATOR, Role.NOTE_TAKER, Role.MEMBER} <= roles


def test_the_branch_has_about_fifteen_members_and_a_committee_only_committee(
    demo: str,
) -> None:
    branch = Group.objects.get(name="Eastside Branch")
    assert branch.kind == GroupKind.BRANCH
    assert 13 <= queries.active_members(branch).count() <= 17
    internal = Group.objects.get(parent=branch)
    assert internal.visibility == Visibility.COMMITTEE
    assert internal.open_to_join is False
    inside = [m.user for m in queries.active_members(internal)]
    outside = next(m.user for m in queries.active_members(branch) if m.user not in inside)
    assert inside
    assert all(user.has_perm("groups.view_group", internal) for user in inside)
    assert not outside.has_perm("groups.view_group", internal)


def test_the_collaborative_has_three_collectives_with_fellows(demo: str) -> None:
    network = Group.objects.get(name="Community Roots Collaborative")
    assert network.kind == GroupKind.COLLABORATIVE
    collectives = Group.objects.filter(parent=network)
    assert collectives.count() == 3
    assert {c.kind for c in collectives} == {GroupKind.COLLECTIVE}
    for collective in collectives:
        fellows = [m.user for m in queries.active_members(collective) if m.role == Role.MEMBER]
        assert len(fellows) == 3
        assert all(queries.is_member(fellow, network) for fellow in fellows)


def test_demo_people_sign_in_with_the_demo_password(demo: str) -> None:
    facilitator = User.objects.get(email="facilitator@demo.moot.example")
    assert facilitator.check_password("moot-demo")


def test_the_demo_has_tonights_assembly_a_vote_a_treasurer_and_an_agreement(db: None) -> None:
    from moot.decisions.models import Proposal
    from moot.meetings.models import Meeting
    from moot.records.models import Agreement
    from moot.roles.models import Term

    for _ in range(2):
        call_command("demo", stdout=StringIO())
    tonight = Meeting.objects.get(title="Evening general assembly")
    assert [i.kind for i in tonight.items.order_by("position")] == [
        "check_in",
        "discussion",
        "breakout",
        "proposal",
        "discussion",
    ]
    assert Proposal.objects.get().group.name == "Eastside Branch"
    assert Term.objects.get().role.name == "Treasurer"
    assert Agreement.objects.get().title == "Photo consent"
