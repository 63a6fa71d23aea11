"""Pages for a group's accountable roles. Each view parses input, checks permission and
calls one action; anything the person may not see answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.accounts.models import User
from moot.decisions.models import Proposal
from moot.groups.errors import ActionError
from moot.groups.views import get_group_or_404
from moot.roles import actions, queries
from moot.roles.forms import (
    ElectionFillForm,
    EndTermForm,
    RecallForm,
    ReportBackForm,
    RoleForm,
    TermForm,
)
from moot.roles.models import AccountableRole, Term


def get_role_or_404(
    request: HttpRequest, role_id: int, perm: str = "roles.view_role"
) -> AccountableRole:
    role = AccountableRole.objects.select_related("group__parent").filter(pk=role_id).first()
    if role is None or not request.user.has_perm("roles.view_role", role):
        raise Http404
    if perm != "roles.view_role" and not request.user.has_perm(perm, role):
        raise ActionError(_("You may not do this with this role."), 403)
    return role


def get_term_or_404(request: HttpRequest, term_id: int, perm: str) -> Term:
    term = Term.objects.select_related("role__group__parent", "holder").filter(pk=term_id).first()
    if term is None or not request.user.has_perm("roles.view_role", term.role):
        raise Http404
    if not request.user.has_perm(perm, term):
        raise ActionError(_("You may not do this with this term."), 403)
    return term


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context.get("form")
    invalid = request.method == "POST" and form is not None and not form.is_valid()
    return render(request, template, context, status=400 if invalid else 200)


def group_roles(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "roles.view_roles")
    context = {
        "group": group,
        "boards": queries.role_boards(group),
        "can_manage": request.user.has_perm("roles.manage_roles", group),
    }
    return render(request, "roles/roles.html", context)


def role_detail(request: HttpRequest, role_id: int) -> HttpResponse:
    role = get_role_or_404(request, role_id)
    history = queries.role_history(role)
    user = request.user
    context = {
        "role": role,
        "group": role.group,
        "history": history,
        "can_manage": user.has_perm("roles.manage_role", role),
        "may_report": {
            s.term.pk for s in history if user.has_perm("roles.file_report_back", s.term)
        },
        "may_recall": {s.term.pk for s in history if user.has_perm("roles.propose_recall", s.term)},
        "may_end": {s.term.pk for s in history if user.has_perm("roles.end_term", s.term)},
        "end_form": EndTermForm(),
        "recall_form": RecallForm(),
    }
    return render(request, "roles/role.html", context)


@login_required
def create_role(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id, "roles.manage_roles")
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role = actions.do_create_role(_user(request), group, **form.cleaned_data)
        messages.success(request, _("The role %(name)s is named.") % {"name": role.name})
        return redirect("roles:role", role_id=role.pk)
    return _page(request, "roles/role_form.html", {"form": form, "group": group})


@login_required
def edit_role(request: HttpRequest, role_id: int) -> HttpResponse:
    role = get_role_or_404(request, role_id, "roles.manage_role")
    fields = ["name", "duties", "seats", "report_every_days"]
    form = RoleForm(request.POST or None, initial={f: getattr(role, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        actions.do_update_role(_user(request), role, **form.cleaned_data)
        messages.success(request, _("The role is saved."))
        return redirect("roles:role", role_id=role.pk)
    context = {"form": form, "group": role.group, "role": role}
    return _page(request, "roles/role_form.html", context)


@login_required
def start_term(request: HttpRequest, role_id: int) -> HttpResponse:
    role = get_role_or_404(request, role_id, "roles.manage_role")
    form = TermForm(request.POST or None, group=role.group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.do_start_term(
            _user(request),
            role,
            data["holder"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
        messages.success(request, _("The term is recorded."))
        return redirect("roles:role", role_id=role.pk)
    return _page(request, "roles/term_form.html", {"form": form, "role": role, "group": role.group})


@login_required
def fill_from_election(request: HttpRequest, role_id: int) -> HttpResponse:
    role = get_role_or_404(request, role_id, "roles.manage_role")
    form = ElectionFillForm(request.POST or None, group=role.group)
    if request.method == "POST" and form.is_valid():
        election: Proposal = form.cleaned_data["election"]
        term_days = form.cleaned_data["term_days"]
        actions.do_fill_role_from_election(_user(request), role, election, term_days=term_days)
        messages.success(request, _("The winners of the election hold the role."))
        return redirect("roles:role", role_id=role.pk)
    context = {"form": form, "role": role, "group": role.group}
    return _page(request, "roles/election_form.html", context)


@login_required
@require_POST
def end_term(request: HttpRequest, term_id: int) -> HttpResponse:
    term = get_term_or_404(request, term_id, "roles.end_term")
    form = EndTermForm(request.POST)
    if not form.is_valid():
        raise ActionError(_("Unknown reason for ending a term."), 400)
    actions.do_end_term(_user(request), term, reason=form.cleaned_data["reason"])
    messages.success(request, _("The term has ended."))
    return redirect("roles:role", role_id=term.role_id)


@login_required
def report_back(request: HttpRequest, term_id: int) -> HttpResponse:
    term = get_term_or_404(request, term_id, "roles.file_report_back")
    form = ReportBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_file_report_back(_user(request), term, form.cleaned_data["text"])
        messages.success(request, _("Your report-back is filed."))
        return redirect("roles:role", role_id=term.role_id)
    context = {"form": form, "term": term, "role": term.role, "group": term.role.group}
    return _page(request, "roles/report_back_form.html", context)


@login_required
@require_POST
def propose_recall(request: HttpRequest, term_id: int) -> HttpResponse:
    term = get_term_or_404(request, term_id, "roles.propose_recall")
    form = RecallForm(request.POST)
    if not form.is_valid():
        raise ActionError(_("Please say why, in at most 5000 characters."), 400)
    proposal = actions.do_propose_recall(_user(request), term, reason=form.cleaned_data["reason"])
    messages.success(request, _("The recall is proposed; the group decides it."))
    return redirect("decisions:proposal", proposal_id=proposal.pk)
