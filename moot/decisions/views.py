"""Pages for proposals, ballots and the decision log. Each view parses input, checks
permission and calls one action; anything the person may not see answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.accounts.models import User
from moot.decisions import actions, queries
from moot.decisions.changes import describe_change
from moot.decisions.forms import (
    AmendmentForm,
    BallotForm,
    CloseRoundForm,
    ContributionForm,
    MinorityReportForm,
    PhaseForm,
    ProposalForm,
    WithdrawForm,
)
from moot.decisions.models import Amendment, Proposal
from moot.groups.errors import ActionError
from moot.groups.views import get_group_or_404


def get_proposal_or_404(
    request: HttpRequest, proposal_id: int, perm: str = "decisions.view_proposal"
) -> Proposal:
    """The proposal, if it exists and the person may see it; 404 otherwise.

    If they may see it but not do ``perm``, an ``ActionError`` answers 403.
    """
    proposal = Proposal.objects.select_related("group", "author").filter(pk=proposal_id).first()
    if proposal is None or not request.user.has_perm("decisions.view_proposal", proposal):
        raise Http404
    if perm != "decisions.view_proposal" and not request.user.has_perm(perm, proposal):
        raise ActionError(_("You may not do this on this proposal."), 403)
    return proposal


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def decision_log(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    decided = queries.visible(request.user, queries.decided_proposals(group))
    entries = [
        {"proposal": p, "rule": queries.rule_sentence(p), "round": queries.last_result(p)}
        for p in decided
    ]
    return render(request, "decisions/log.html", {"group": group, "entries": entries})


def proposal_list(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    context = {
        "group": group,
        "proposals": queries.visible(request.user, queries.open_proposals(group)),
        "can_propose": request.user.has_perm("decisions.create_proposal", group),
    }
    return render(request, "decisions/proposals.html", context)


@login_required
def new_proposal(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_group_or_404(request, group_id)
    if not request.user.has_perm("decisions.create_proposal", group):
        raise ActionError(
            _("Only members of %(group)s make proposals here.") % {"group": group.name}, 403
        )
    form = ProposalForm(request.POST or None, initial={"visibility": group.default_visibility})
    if request.method == "POST" and form.is_valid():
        proposal = actions.do_open_proposal(_user(request), group, form.draft())
        messages.success(request, _("%(title)s is open.") % {"title": proposal.title})
        return redirect("decisions:proposal", proposal_id=proposal.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "decisions/proposal_form.html", {"form": form, "group": group}, status=status
    )


def proposal_detail(
    request: HttpRequest,
    proposal_id: int,
    forms_given: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    proposal = get_proposal_or_404(request, proposal_id)
    user = request.user
    may = {
        perm: user.has_perm(f"decisions.{perm}", proposal)
        for perm in (
            "vote",
            "contribute",
            "facilitate",
            "decide_amendment",
            "close_proposal",
            "file_minority_report",
        )
    }
    context: dict[str, Any] = {
        "proposal": proposal,
        "group": proposal.group,
        "may": may,
        "record": queries.proposal_record(proposal),
        "change_text": describe_change(proposal.change),
        "ballot_form": BallotForm(proposal),
        "contribution_form": ContributionForm(),
        "amendment_form": AmendmentForm(),
        "phase_form": PhaseForm(),
        "close_form": CloseRoundForm(),
        "withdraw_form": WithdrawForm(),
        "report_form": MinorityReportForm(),
        "has_voted": _has_voted(proposal, user),
        "may_report": may["file_minority_report"]
        and proposal.status == "closed"
        and actions.may_file_minority_report(proposal, user),  # type: ignore[arg-type]
        **(forms_given or {}),
    }
    return render(request, "decisions/proposal.html", context, status=status)


def _has_voted(proposal: Proposal, user: Any) -> bool:
    current = proposal.rounds.filter(closed_at__isnull=True).first()
    if current is None or not user.is_authenticated:
        return False
    if proposal.secret:
        return current.participations.filter(voter=user).exists()
    return current.named_ballots.filter(voter=user).exists()


def _post(
    perm: str,
    form_class: type[forms.Form],
    form_name: str,
    act: Callable[[HttpRequest, Proposal, Any], str],
) -> Callable[..., HttpResponse]:
    """A POST-only view: check ``perm``, parse ``form_class``, call ``act`` once."""

    @login_required
    @require_POST
    def view(request: HttpRequest, proposal_id: int) -> HttpResponse:
        proposal = get_proposal_or_404(request, proposal_id, perm)
        form = _bound(form_class, proposal, request)
        if not form.is_valid():
            return proposal_detail(request, proposal_id, {form_name: form}, status=400)
        try:
            done = act(request, proposal, form)
        except ActionError as error:
            if error.status != 400:
                raise
            form.add_error(None, error.message)  # shown beside the form it is about
            return proposal_detail(request, proposal_id, {form_name: form}, status=400)
        messages.success(request, done)
        return redirect("decisions:proposal", proposal_id=proposal.pk)

    return view


def _bound(form_class: type[forms.Form], proposal: Proposal, request: HttpRequest) -> forms.Form:
    if issubclass(form_class, BallotForm):
        return form_class(proposal, request.POST)
    return form_class(request.POST)


def _cast(request: HttpRequest, proposal: Proposal, form: BallotForm) -> str:
    receipt = actions.do_cast_ballot(proposal, _user(request), form.choice())
    if proposal.secret:
        return _("Your secret ballot is counted. It cannot be changed.")
    return _("Your vote is changed.") if receipt.changed else _("Your vote is counted.")


def _contribute(request: HttpRequest, proposal: Proposal, form: ContributionForm) -> str:
    data = form.cleaned_data
    actions.do_add_contribution(proposal, _user(request), data["kind"], data["text"])
    return _("Your contribution is added.")


def _amend(request: HttpRequest, proposal: Proposal, form: AmendmentForm) -> str:
    data = form.cleaned_data
    actions.do_propose_amendment(proposal, _user(request), data["text"], data["reason"])
    return _("Your amendment is proposed.")


def _move(request: HttpRequest, proposal: Proposal, form: PhaseForm) -> str:
    actions.do_move_to_phase(proposal, form.cleaned_data["phase"])
    return _("The proposal moved on.")


def _close_round(request: HttpRequest, proposal: Proposal, form: CloseRoundForm) -> str:
    present = form.cleaned_data["present"]
    if proposal.rounds.filter(closed_at__isnull=True).exists():
        actions.do_close_round(proposal, present=present)
    else:
        actions.do_close_proposal(proposal, present=present)
    return _("The vote is counted.")


def _withdraw(request: HttpRequest, proposal: Proposal, form: WithdrawForm) -> str:
    actions.do_withdraw(proposal, form.cleaned_data["reason"])
    return _("The proposal is withdrawn.")


def _report(request: HttpRequest, proposal: Proposal, form: MinorityReportForm) -> str:
    actions.do_file_minority_report(proposal, _user(request), form.cleaned_data["text"])
    return _("Your minority report is filed beside the decision.")


cast_ballot = _post("decisions.vote", BallotForm, "ballot_form", _cast)
add_contribution = _post("decisions.contribute", ContributionForm, "contribution_form", _contribute)
propose_amendment = _post("decisions.contribute", AmendmentForm, "amendment_form", _amend)
move_to_phase = _post("decisions.facilitate", PhaseForm, "phase_form", _move)
close_vote = _post("decisions.close_proposal", CloseRoundForm, "close_form", _close_round)
withdraw = _post("decisions.close_proposal", WithdrawForm, "withdraw_form", _withdraw)
file_minority_report = _post(
    "decisions.file_minority_report", MinorityReportForm, "report_form", _report
)


@login_required
@require_POST
def decide_amendment(request: HttpRequest, amendment_id: int, accept: bool) -> HttpResponse:
    amendment = Amendment.objects.filter(pk=amendment_id).first()
    if amendment is None:
        raise Http404
    get_proposal_or_404(request, amendment.proposal_id, "decisions.decide_amendment")
    if accept:
        actions.do_accept_amendment(amendment)
        messages.success(request, _("The amendment is accepted; the text is changed."))
    else:
        actions.do_decline_amendment(amendment)
        messages.success(request, _("The amendment is declined."))
    return redirect("decisions:proposal", proposal_id=amendment.proposal_id)
