"""Every action of groups and accounts: the state it changes and the live events it
publishes when (and only when) its transaction commits."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from moot.accounts.models import User, hash_token
from moot.groups import actions, queries
from moot.groups.errors import ActionError
from moot.groups.models import Group, Invitation, Membership, Role, Visibility
from tests.apps.conftest import make_user

Published = list[tuple[str, bytes]]


def events(published: Published) -> list[tuple[str, str, dict[str, Any]]]:
    """(stream, type, data) of each published event, decoded from its JSON bytes."""
    decoded = []
    for stream, message in published:
        body = json.loads(message)
        assert set(body) == {"type", "data"}
        decoded.append((stream, body["type"], body["data"]))
    return decoded


@pytest.fixture
def commit() -> Callable[[], None]:
    """``commit()`` runs the on-commit callbacks registered since the fixture was set up,
    as a real commit would (the test itself runs inside a transaction that never commits).
    Ask for it last, after the fixtures whose events are not under test."""
    start = len(connection.run_on_commit)

    def run() -> None:
        pending = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for _savepoints, callback, _robust in pending:
            callback()

    return run


def active(user: User, group: Group) -> bool:
    return Membership.objects.filter(user=user, group=group, left_at__isnull=True).exists()


# --- creating groups and committees -----------------------------------------------------


def test_creating_a_group_makes_its_creator_the_first_admin(
    admin: User, published: Published, commit: Callable[[], None]
) -> None:
    group = actions.do_create_group(
        admin, name="  Tenants' Union  ", kind="union", visibility=Visibility.MEMBERS
    )
    group.refresh_from_db()
    assert group.name == "Tenants' Union"
    assert group.parent is None
    assert group.root is None
    assert group.organisation_id == group.pk
    assert group.visibility == group.default_visibility == Visibility.MEMBERS
    assert group.open_to_join is False
    assert group.created_by == admin
    assert Membership.objects.get(group=group).role == Role.ADMIN
    commit()
    assert events(published) == [
        (
            f"group:{group.pk}",
            "membership.joined",
            {"group_id": group.pk, "user_id": admin.pk, "name": "Admin", "role": "admin"},
        ),
    ]


def test_a_committee_belongs_to_its_organisation_and_its_creator_convenes_it(
    admin: User, assembly: Group, published: Published, commit: Callable[[], None]
) -> None:
    sanitation = actions.do_create_committee(
        admin, assembly, name="Sanitation", visibility=Visibility.COMMITTEE
    )
    engineering = actions.do_create_committee(admin, sanitation, name="Engineering")
    assert sanitation.parent == assembly
    assert sanitation.root == assembly
    assert engineering.parent == sanitation
    assert engineering.root == assembly
    assert engineering.visibility == assembly.default_visibility
    assert sanitation.decision_rule == assembly.decision_rule
    assert sanitation.hand_signals == assembly.hand_signals
    assert queries.role_in(admin, engineering) == Role.CONVENER
    assert [c.name for c in queries.committees_of(assembly)] == ["Sanitation", "Engineering"]
    commit()
    assert events(published) == [
        (
            f"group:{sanitation.pk}",
            "membership.joined",
            {"group_id": sanitation.pk, "user_id": admin.pk, "name": "Admin", "role": "convener"},
        ),
        (
            f"group:{assembly.pk}",
            "group.committee_created",
            {"group_id": assembly.pk, "committee_id": sanitation.pk, "name": "Sanitation"},
        ),
        (
            f"group:{engineering.pk}",
            "membership.joined",
            {"group_id": engineering.pk, "user_id": admin.pk, "name": "Admin", "role": "convener"},
        ),
        (
            f"group:{sanitation.pk}",
            "group.committee_created",
            {"group_id": sanitation.pk, "committee_id": engineering.pk, "name": "Engineering"},
        ),
    ]


def test_updating_a_group_saves_the_fields_and_refuses_an_empty_name(assembly: Group) -> None:
    actions.do_update_group(
        assembly, name=" Plaza Assembly ", description="Every evening", open_to_join=True
    )
    assembly.refresh_from_db()
    assert (assembly.name, assembly.description) == ("Plaza Assembly", "Every evening")
    with pytest.raises(ActionError) as refused:
        actions.do_update_group(assembly, name="   ", description="changed")
    assert refused.value.status == 400
    assembly.refresh_from_db()
    assert (assembly.name, assembly.description) == ("Plaza Assembly", "Every evening")


def test_a_name_longer_than_the_limit_is_refused_by_the_action(admin: User) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_create_group(admin, name="x" * (settings.MOOT_NAME_MAX + 1), kind="other")
    assert refused.value.status == 400
    assert not Group.objects.exists()


# --- joining, leaving and roles ---------------------------------------------------------


def test_a_member_joins_an_open_committee_and_the_room_hears_it(
    member: User, committee: Group, published: Published, commit: Callable[[], None]
) -> None:
    membership = actions.do_join_group(member, committee)
    assert membership.role == Role.MEMBER
    assert membership.is_active
    commit()
    assert events(published) == [
        (
            f"group:{committee.pk}",
            "membership.joined",
            {"group_id": committee.pk, "user_id": member.pk, "name": "Member", "role": "member"},
        ),
    ]


def test_joining_needs_an_open_committee_and_the_parent_membership(
    admin: User, assembly: Group, member: User, outsider: User, committee: Group
) -> None:
    closed = actions.do_create_committee(admin, assembly, name="Legal", open_to_join=False)
    refusals = []
    for user, group in ((outsider, assembly), (member, closed), (outsider, committee)):
        with pytest.raises(ActionError) as refused:
            actions.do_join_group(user, group)
        refusals.append(refused.value.status)
    actions.do_join_group(member, committee)
    with pytest.raises(ActionError) as twice:
        actions.do_join_group(member, committee)
    assert refusals == [403, 403, 403]
    assert twice.value.status == 409
    assert Membership.objects.filter(user=member, group=committee).count() == 1


def test_leaving_keeps_the_history_with_the_time_and_the_reason(
    member: User, assembly: Group, published: Published, commit: Callable[[], None]
) -> None:
    before = timezone.now()
    actions.do_leave_group(member, assembly, "Moving to another city")
    membership = Membership.objects.get(user=member, group=assembly)
    assert membership.left_at is not None
    assert membership.left_at >= before
    assert membership.leave_reason == "Moving to another city"
    assert not queries.is_member(member, assembly)
    commit()
    assert events(published) == [
        (
            f"group:{assembly.pk}",
            "membership.left",
            {"group_id": assembly.pk, "user_id": member.pk},
        ),
    ]


def test_coming_back_after_leaving_adds_a_new_membership_and_keeps_the_old_one(
    admin: User, member: User, assembly: Group
) -> None:
    actions.do_leave_group(member, assembly, "A break")
    raw = actions.do_create_invitation(admin, assembly)
    actions.do_accept_invitation(member, raw)
    rows = list(Membership.objects.filter(user=member, group=assembly).order_by("pk"))
    assert [(m.left_at is None, m.leave_reason) for m in rows] == [(False, "A break"), (True, "")]


def test_a_reason_for_leaving_is_kept_to_500_characters(member: User, assembly: Group) -> None:
    actions.do_leave_group(member, assembly, "r" * 600)
    assert len(Membership.objects.get(user=member).leave_reason) == 500


def test_leaving_an_organisation_ends_its_committee_memberships_too(
    admin: User,
    member: User,
    assembly: Group,
    committee: Group,
    published: Published,
    commit: Callable[[], None],
) -> None:
    sub = actions.do_create_committee(admin, committee, name="Flyers")
    actions.do_join_group(member, committee)
    actions.do_join_group(member, sub)
    elsewhere = actions.do_create_group(admin, name="Elsewhere", kind="branch")
    actions.do_add_member(member, elsewhere)
    commit()
    published.clear()
    actions.do_leave_group(member, assembly, "Done")
    assert not any(active(member, g) for g in (assembly, committee, sub))
    assert active(member, elsewhere)
    ended = Membership.objects.filter(user=member, left_at__isnull=False)
    assert sorted(m.group_id for m in ended) == sorted([assembly.pk, committee.pk, sub.pk])
    assert {m.leave_reason for m in ended} == {"Done"}
    commit()
    assert sorted(e[2]["group_id"] for e in events(published)) == sorted(
        [assembly.pk, committee.pk, sub.pk]
    )
    assert {e[1] for e in events(published)} == {"membership.left"}


def test_leaving_a_committee_keeps_the_organisation_membership(
    member: User, assembly: Group, committee: Group
) -> None:
    actions.do_join_group(member, committee)
    actions.do_leave_group(member, committee)
    assert active(member, assembly)
    assert not active(member, committee)


def test_leaving_a_group_one_is_not_in_is_refused(outsider: User, assembly: Group) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_leave_group(outsider, assembly)
    assert refused.value.status == 400


def test_the_last_admin_may_not_leave_until_another_admin_is_named(
    admin: User, member: User, assembly: Group
) -> None:
    with pytest.raises(ActionError) as refused:
        actions.do_leave_group(admin, assembly)
    assert refused.value.status == 409
    assert active(admin, assembly)
    actions.do_change_role(Membership.objects.get(user=member, group=assembly), Role.ADMIN)
    actions.do_leave_group(admin, assembly)
    assert not active(admin, assembly)


def test_changing_a_role_saves_it_and_the_room_hears_it(
    member: User, assembly: Group, published: Published, commit: Callable[[], None]
) -> None:
    membership = Membership.objects.get(user=member, group=assembly)
    actions.do_change_role(membership, Role.NOTE_TAKER)
    membership.refresh_from_db()
    assert membership.role == Role.NOTE_TAKER
    commit()
    assert events(published) == [
        (
            f"group:{assembly.pk}",
            "membership.role_changed",
            {"group_id": assembly.pk, "user_id": member.pk, "role": "note_taker"},
        ),
    ]


def test_an_unknown_role_and_the_last_admin_stepping_down_are_refused(
    admin: User, member: User, assembly: Group
) -> None:
    membership = Membership.objects.get(user=member, group=assembly)
    with pytest.raises(ActionError) as unknown:
        actions.do_change_role(membership, "overlord")
    own = Membership.objects.get(user=admin, group=assembly)
    with pytest.raises(ActionError) as last:
        actions.do_change_role(own, Role.MEMBER)
    assert (unknown.value.status, last.value.status) == (400, 409)
    assert Membership.objects.get(pk=membership.pk).role == Role.MEMBER
    assert Membership.objects.get(pk=own.pk).role == Role.ADMIN


def test_adding_a_member_directly_gives_the_role_once(outsider: User, assembly: Group) -> None:
    actions.do_add_member(outsider, assembly, Role.FACILITATOR)
    assert queries.role_in(outsider, assembly) == Role.FACILITATOR
    with pytest.raises(ActionError) as twice:
        actions.do_add_member(outsider, assembly)
    assert twice.value.status == 409


def test_an_admin_of_an_organisation_manages_its_committees_at_any_depth(
    admin: User, assembly: Group, committee: Group, member: User
) -> None:
    sub = actions.do_create_committee(admin, committee, name="Flyers")
    assert queries.is_admin(admin, sub)
    assert admin.has_perm("groups.manage_group", sub)
    assert not member.has_perm("groups.manage_group", sub)


# --- invitations -------------------------------------------------------------------------


def test_an_invitation_keeps_only_the_hash_and_expires(admin: User, assembly: Group) -> None:
    raw = actions.do_create_invitation(admin, assembly, role=Role.FACILITATOR, note="n" * 300)
    invitation = Invitation.objects.get()
    assert invitation.digest == hash_token(raw)
    assert raw not in invitation.digest
    assert invitation.role == Role.FACILITATOR
    assert len(invitation.note) == 200
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - timedelta(days=settings.MOOT_INVITE_DAYS)) < timedelta(seconds=5)
    actions.do_create_invitation(admin, assembly, days=30)
    latest = Invitation.objects.order_by("-pk").first()
    assert latest is not None
    assert abs(latest.expires_at - latest.created_at - timedelta(days=30)) < timedelta(seconds=5)


def test_accepting_an_invitation_joins_with_its_role_and_uses_it_up(
    admin: User, outsider: User, assembly: Group, published: Published, commit: Callable[[], None]
) -> None:
    raw = actions.do_create_invitation(admin, assembly, role=Role.FACILITATOR)
    commit()
    published.clear()
    membership = actions.do_accept_invitation(outsider, raw)
    assert (membership.group, membership.role) == (assembly, Role.FACILITATOR)
    invitation = Invitation.objects.get()
    assert invitation.used_by == outsider
    assert invitation.used_at is not None
    commit()
    assert events(published) == [
        (
            f"group:{assembly.pk}",
            "membership.joined",
            {
                "group_id": assembly.pk,
                "user_id": outsider.pk,
                "name": "Outsider",
                "role": "facilitator",
            },
        ),
    ]


def test_an_invitation_to_a_sub_committee_also_joins_every_group_above_it(
    admin: User, outsider: User, assembly: Group, published: Published, commit: Callable[[], None]
) -> None:
    sanitation = actions.do_create_committee(admin, assembly, name="Sanitation", open_to_join=False)
    engineering = actions.do_create_committee(
        admin, sanitation, name="Engineering", visibility=Visibility.COMMITTEE
    )
    raw = actions.do_create_invitation(admin, engineering, role=Role.CONVENER)
    commit()
    published.clear()
    actions.do_accept_invitation(outsider, raw)
    assert queries.role_in(outsider, assembly) == Role.MEMBER
    assert queries.role_in(outsider, sanitation) == Role.MEMBER
    assert queries.role_in(outsider, engineering) == Role.CONVENER
    commit()
    assert [(e[1], e[2]["group_id"], e[2]["role"]) for e in events(published)] == [
        ("membership.joined", assembly.pk, "member"),
        ("membership.joined", sanitation.pk, "member"),
        ("membership.joined", engineering.pk, "convener"),
    ]


def test_an_invitation_to_a_committee_keeps_an_existing_parent_membership(
    admin: User, facilitator: User, assembly: Group, committee: Group
) -> None:
    raw = actions.do_create_invitation(admin, committee)
    actions.do_accept_invitation(facilitator, raw)
    assert queries.role_in(facilitator, assembly) == Role.FACILITATOR
    assert Membership.objects.filter(user=facilitator, group=assembly).count() == 1


def test_a_member_accepting_an_invitation_again_is_refused_and_it_stays_usable(
    admin: User, member: User, outsider: User, assembly: Group
) -> None:
    raw = actions.do_create_invitation(admin, assembly)
    with pytest.raises(ActionError) as refused:
        actions.do_accept_invitation(member, raw)
    assert refused.value.status == 409
    assert Invitation.objects.get().used_at is None
    actions.do_accept_invitation(outsider, raw)


def test_a_reused_an_expired_and_an_unknown_invitation_are_refused(
    admin: User, outsider: User, member: User, assembly: Group
) -> None:
    used = actions.do_create_invitation(admin, assembly)
    actions.do_accept_invitation(make_user("first"), used)
    expired = actions.do_create_invitation(admin, assembly)
    Invitation.objects.filter(digest=hash_token(expired)).update(expires_at=timezone.now())
    statuses = []
    for raw in (used, expired, "no-such-token"):
        with pytest.raises(ActionError) as refused:
            actions.do_accept_invitation(outsider, raw)
        statuses.append(refused.value.status)
    assert statuses == [410, 410, 404]
    assert not Membership.objects.filter(user=outsider).exists()


def test_accepting_claims_the_invitation_with_a_conditional_update(
    admin: User,
    outsider: User,
    member: User,
    assembly: Group,
    committee: Group,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Someone else claims the invitation between our check and our claim: we lose."""
    raw = actions.do_create_invitation(admin, committee)
    real_check = actions.check_invitation_usable

    def check_then_lose_the_race(invitation: Invitation) -> None:
        real_check(invitation)  # still unused when we look …
        Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now(), used_by=member)

    monkeypatch.setattr(actions, "check_invitation_usable", check_then_lose_the_race)
    with pytest.raises(ActionError) as lost:
        actions.do_accept_invitation(outsider, raw)
    assert lost.value.status == 410
    assert not Membership.objects.filter(user=outsider).exists()


def test_two_acceptances_of_one_invitation_give_exactly_one_membership(
    admin: User, assembly: Group, outsider: User
) -> None:
    """Threads cannot race here: the in-memory SQLite test database locks whole tables
    (``database table is locked``) instead of queueing writers. The claim is a conditional
    update (see the test above); accepting twice shows its outcome."""
    raw = actions.do_create_invitation(admin, assembly)
    second = make_user("second")
    actions.do_accept_invitation(outsider, raw)
    with pytest.raises(ActionError) as refused:
        actions.do_accept_invitation(second, raw)
    assert refused.value.status == 410
    newcomers = Membership.objects.filter(group=assembly, user__in=[outsider, second])
    assert [m.user for m in newcomers] == [outsider]
    assert Invitation.objects.get().used_by == outsider


# --- events only after commit ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_events_are_published_when_the_transaction_commits_and_not_before(
    published: Published,
) -> None:
    owner = make_user("owner")
    group = actions.do_create_group(owner, name="Co-op", kind="coop")
    newcomer = make_user("newcomer")
    published.clear()
    with transaction.atomic():
        actions.do_add_member(newcomer, group)
        assert published == []  # not yet: the change is not committed
    assert [e[1] for e in events(published)] == ["membership.joined"]


@pytest.mark.django_db(transaction=True)
def test_no_event_is_published_when_the_transaction_rolls_back(published: Published) -> None:
    owner = make_user("owner")
    group = actions.do_create_group(owner, name="Co-op", kind="coop")
    committee = actions.do_create_committee(owner, group, name="Finance")
    newcomer = make_user("newcomer")
    actions.do_add_member(newcomer, group)
    published.clear()

    def a_request_that_fails_after_three_actions() -> None:
        with transaction.atomic():
            actions.do_join_group(newcomer, committee)
            membership = Membership.objects.get(user=newcomer, group=group)
            actions.do_change_role(membership, Role.NOTE_TAKER)
            actions.do_leave_group(newcomer, group)
            raise RuntimeError("something later in the request failed")

    with pytest.raises(RuntimeError):
        a_request_that_fails_after_three_actions()
    assert published == []
    assert Membership.objects.get(user=newcomer, group=group).role == Role.MEMBER
    assert not Membership.objects.filter(user=newcomer, group=committee).exists()


def test_a_refused_action_publishes_nothing(
    admin: User, assembly: Group, published: Published, commit: Callable[[], None]
) -> None:
    with pytest.raises(ActionError):
        actions.do_leave_group(admin, assembly)
    with pytest.raises(ActionError):
        actions.do_create_committee(admin, assembly, name=" ")
    commit()
    assert published == []
