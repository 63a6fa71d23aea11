"""Pages for groups, committees and members. Each view parses input, checks
permission and calls one action; anything the person may not see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.accounts.models import User
from moot.groups import actions, queries
from moot.groups.access import group_or_404
from moot.groups.errors import ActionError
from moot.groups.forms import (
    CommitteeForm,
    GroupForm,
    GroupSettingsForm,
    InvitationForm,
    LeaveForm,
    RoleForm,
)
from moot.groups.models import Group, Membership


def get_group_or_404(request: HttpRequest, group_id: int, perm: str = "groups.view_group") -> Group:
    """The group, if it exists and the person may see it; 404 otherwise.

    A group the person can see but not act on answers 403.
    """
    return group_or_404(request.user, group_id, perm)


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "my_groups": queries.my_groups(request.user),
        "public_groups": queries.public_groups()[:50],
    }
    return render(request, "groups/home.html", context)


@login_required
def create_group(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = actions.do_create_group(_user(request), **form.cleaned_data)
        messages.success(request, _("%(group)s is created.") % {"group": group.name})
        return redirect("groups:detail", group_id=group.pk)
    return _form_page(request, "groups/group_form.html", {"form": form})


def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    user = request.user
    context = {
        "group": group,
        "breadcrumbs": list(reversed(queries.ancestors(group))),
        "committees": [
            c for c in queries.committees_of(group) if user.has_perm("groups.view_group", c)
        ],
        "membership": queries.membership_of(user, group),
        "can_manage": user.has_perm("groups.manage_group", group),
        "can_join": user.has_perm("groups.join_group", group),
        "can_see_members": user.has_perm("groups.view_members", group),
        "member_count": queries.active_members(group).count(),
        "leave_form": LeaveForm(),
    }
    return render(request, "groups/group_detail.html", context)


def members(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    if not request.user.has_perm("groups.view_members", group):
        raise Http404
    context = {
        "group": group,
        "members": queries.active_members(group),
        "can_manage": request.user.has_perm("groups.manage_group", group),
        "role_form": RoleForm(),
    }
    return render(request, "groups/members.html", context)


@login_required
def create_committee(request: HttpRequest, group_id: int) -> HttpResponse:
    parent = get_group_or_404(request, group_id, "groups.manage_group")
    form = CommitteeForm(request.POST or None, initial={"visibility": parent.default_visibility})
    if request.method == "POST" and form.is_valid():
        committee = actions.do_create_committee(_user(request), parent, **form.cleaned_data)
        messages.success(request, _("%(group)s is created.") % {"group": committee.name})
        return redirect("groups:detail", group_id=committee.pk)
    return _form_page(request, "groups/committee_form.html", {"form": form, "group": parent})


@login_required
def group_settings(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "groups.manage_group")
    fields = ["name", "description", "visibility", "default_visibility", "open_to_join"]
    form = GroupSettingsForm(request.POST or None, initial={f: getattr(group, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        actions.do_update_group(group, **form.cleaned_data)
        messages.success(request, _("The settings are saved."))
        return redirect("groups:detail", group_id=group.pk)
    return _form_page(request, "groups/settings.html", {"form": form, "group": group})


@login_required
@require_POST
def join(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    actions.do_join_group(_user(request), group)
    messages.success(request, _("You joined %(group)s.") % {"group": group.name})
    return redirect("groups:detail", group_id=group.pk)


@login_required
@require_POST
def leave(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    form = LeaveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.do_leave_group(_user(request), group, reason)
    messages.success(request, _("You left %(group)s.") % {"group": group.name})
    return redirect("groups:detail", group_id=group.pk)


@login_required
@require_POST
def change_role(request: HttpRequest, group_id: int, membership_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "groups.manage_group")
    membership = Membership.objects.filter(
        pk=membership_id, group=group, left_at__isnull=True
    ).first()
    form = RoleForm(request.POST)
    if membership is None:
        raise Http404
    if not form.is_valid():
        raise ActionError(_("Unknown role."), 400)
    actions.do_change_role(membership, form.cleaned_data["role"])
    messages.success(request, _("The role is changed."))
    return redirect("groups:members", group_id=group.pk)


@login_required
def invitations(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "groups.manage_group")
    form = InvitationForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        raw = actions.do_create_invitation(_user(request), group, **form.cleaned_data)
        link = request.build_absolute_uri(reverse("groups:invitation", args=[raw]))
    context = {
        "group": group,
        "form": form,
        "link": link,
        "pending": group.invitations.filter(used_at__isnull=True).order_by("-created_at")[:20],
    }
    return _form_page(request, "groups/invitations.html", context)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = actions.find_invitation(token)
    if found is None:
        raise ActionError(_("This invitation link is not valid."), 404)
    actions.check_invitation_usable(found)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        membership = actions.do_accept_invitation(_user(request), token)
        messages.success(request, _("Welcome to %(group)s.") % {"group": membership.group.name})
        return redirect("groups:detail", group_id=membership.group_id)
    return render(request, "groups/invitation.html", {"invitation": found, "token": token})


def _form_page(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    form = context.get("form")
    invalid = request.method == "POST" and form is not None and not form.is_valid()  # type: ignore[attr-defined]
    return render(request, template, context, status=400 if invalid else 200)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user
