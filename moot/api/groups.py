"""API endpoints for groups, committees, memberships and invitations.

The same permissions as the pages (``moot.groups.rules``) and the same actions.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Status

from moot.api.auth import TokenAuth, optional_user
from moot.api.common import ERRORS
from moot.api.common import request_group as _group
from moot.api.common import request_user as _user
from moot.api.schemas import (
    CommitteeIn,
    ErrorOut,
    GroupIn,
    GroupOut,
    InvitationIn,
    InvitationOut,
    LeaveIn,
    MembershipOut,
    RoleIn,
)
from moot.groups import actions, queries
from moot.groups.models import Group, Membership

router = Router(tags=["groups"])


def _membership_out(m: Membership) -> MembershipOut:
    return MembershipOut(
        id=m.pk,
        group_id=m.group_id,
        user_id=m.user_id,
        name=m.user.shown_name,
        role=m.role,
        joined_at=m.joined_at,
    )


@router.get("/groups", response={200: list[GroupOut], 401: ErrorOut})
def list_groups(request: HttpRequest) -> list[Group]:
    """Your organisations and the public ones."""
    user = optional_user(request)
    return list(queries.listed_groups(user).order_by("name", "id"))


@router.post("/groups", auth=TokenAuth(), response={201: GroupOut, **ERRORS})
def create_group(request: HttpRequest, body: GroupIn) -> Status[Group]:
    return Status(201, actions.do_create_group(_user(request), **body.model_dump()))


@router.get("/groups/{group_id}", response={200: GroupOut, **ERRORS})
def get_group(request: HttpRequest, group_id: int) -> Group:
    optional_user(request)
    return _group(request, group_id)


@router.get("/groups/{group_id}/committees", response={200: list[GroupOut], **ERRORS})
def list_committees(request: HttpRequest, group_id: int) -> list[Group]:
    optional_user(request)
    group = _group(request, group_id)
    return [
        c for c in queries.committees_of(group) if request.user.has_perm("groups.view_group", c)
    ]


@router.post("/groups/{group_id}/committees", auth=TokenAuth(), response={201: GroupOut, **ERRORS})
def create_committee(request: HttpRequest, group_id: int, body: CommitteeIn) -> Status[Group]:
    parent = _group(request, group_id, "groups.manage_group")
    return Status(201, actions.do_create_committee(_user(request), parent, **body.model_dump()))


@router.get("/groups/{group_id}/memberships", response={200: list[MembershipOut], **ERRORS})
def list_memberships(request: HttpRequest, group_id: int) -> list[MembershipOut]:
    optional_user(request)
    group = _group(request, group_id, "groups.view_members")
    return [_membership_out(m) for m in queries.active_members(group)]


@router.post(
    "/groups/{group_id}/memberships", auth=TokenAuth(), response={201: MembershipOut, **ERRORS}
)
def join_group(request: HttpRequest, group_id: int) -> Status[MembershipOut]:
    """Join a committee that is open to the members of its parent group."""
    group = _group(request, group_id)
    return Status(201, _membership_out(actions.do_join_group(_user(request), group)))


@router.post("/groups/{group_id}/leave", auth=TokenAuth(), response={204: None, **ERRORS})
def leave_group(request: HttpRequest, group_id: int, body: LeaveIn | None = None) -> Status[None]:
    """The reason is optional, and so is the body."""
    group = _group(request, group_id)
    actions.do_leave_group(_user(request), group, body.reason if body else "")
    return Status(204, None)


@router.patch(
    "/groups/{group_id}/memberships/{membership_id}",
    auth=TokenAuth(),
    response={200: MembershipOut, **ERRORS},
)
def change_role(
    request: HttpRequest, group_id: int, membership_id: int, body: RoleIn
) -> MembershipOut:
    group = _group(request, group_id, "groups.manage_group")
    membership = (
        Membership.objects.select_related("user")
        .filter(pk=membership_id, group=group, left_at__isnull=True)
        .first()
    )
    if membership is None:
        raise Http404
    return _membership_out(actions.do_change_role(membership, body.role))


@router.post(
    "/groups/{group_id}/invitations", auth=TokenAuth(), response={201: InvitationOut, **ERRORS}
)
def create_invitation(
    request: HttpRequest, group_id: int, body: InvitationIn
) -> Status[InvitationOut]:
    group = _group(request, group_id, "groups.manage_group")
    raw = actions.do_create_invitation(_user(request), group, **body.model_dump())
    url = request.build_absolute_uri(reverse("groups:invitation", args=[raw]))
    return Status(201, InvitationOut(token=raw, url=url))


@router.post(
    "/invitations/{token}/accept", auth=TokenAuth(), response={201: MembershipOut, **ERRORS}
)
def accept_invitation(request: HttpRequest, token: str) -> Status[MembershipOut]:
    return Status(201, _membership_out(actions.do_accept_invitation(_user(request), token)))
