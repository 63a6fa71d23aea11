"""The proposal panel of the live room: its forms, and what each page shows of it.

The panel appears while a proposal item is under way. The facilitator's page puts a
proposal on it and runs it; the participant's page shows the text, the phase and the
discussion, and lets members ask, raise a concern, propose an amendment and vote while
a round is open; the big screen shows the text, the phase, the number of ballots and —
large — each round's outcome sentence. Forms only parse; the actions check again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moot.core.rules import DecisionRule, RuleError, rule_from_dict
from moot.decisions.forms import POSITIONS
from moot.decisions.models import ContributionKind, Phase, Proposal
from moot.groups.errors import ActionError
from moot.rooms import queries

POSITION_LABELS = dict(POSITIONS)
ROOM_POSITIONS = [
    (key, POSITION_LABELS[key]) for key in ("agree", "stand_aside", "block", "disagree", "abstain")
]
STEPS = (Phase.CLARIFYING, Phase.CONCERNS, Phase.AMENDMENTS, Phase.TESTING, Phase.FALLBACK)
MOVES = (Phase.CLARIFYING, Phase.CONCERNS, Phase.AMENDMENTS)


class PutProposalForm(forms.Form):
    """A new proposal for the item, or one already made for this meeting (it may carry a
    change to the group, such as a standing agreement, written on the proposal form)."""

    existing = forms.TypedChoiceField(
        label=gettext_lazy("A proposal already made"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(
        label=gettext_lazy("Or a new one: title"), max_length=200, required=False
    )
    text = forms.CharField(
        label=gettext_lazy("The proposal"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    secret = forms.BooleanField(
        label=gettext_lazy("Secret ballot (final once cast)"), required=False
    )

    def __init__(self, *args: Any, meeting: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        waiting = queries.waiting_proposals(meeting.group_id) if meeting is not None else []
        existing = self.fields["existing"]
        assert isinstance(existing, forms.TypedChoiceField)
        existing.choices = [("", "—")] + [(p.pk, p.title) for p in waiting]
        if not waiting:
            del self.fields["existing"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("existing") and not data.get("title"):
            raise forms.ValidationError(gettext_lazy("Give the proposal a title, or choose one."))
        return data


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            (k.value, k.label)
            for k in (
                ContributionKind.CLARIFYING_QUESTION,
                ContributionKind.CONCERN,
                ContributionKind.POINT_OF_INFORMATION,
            )
        ],
    )
    text = forms.CharField(
        label=gettext_lazy("What you say"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("The amended text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label=gettext_lazy("Why (optional)"), max_length=1000, required=False)


class VoteForm(forms.Form):
    position = forms.ChoiceField(
        label=gettext_lazy("Your position"), choices=ROOM_POSITIONS, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (needed for a block)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


PREFIXES = {
    PutProposalForm: "put",
    ContributionForm: "ask",
    AmendmentForm: "amend",
    VoteForm: "vote",
}


def parsed(form_class: type[forms.Form], data: Any, **options: Any) -> dict[str, Any]:
    """The form's cleaned data, or ``ActionError`` (400) with its first complaint."""
    form = form_class(data, prefix=PREFIXES[form_class], **options)
    if not form.is_valid():
        errors = form.errors.get_json_data()
        first = next(iter(errors.values()))[0]["message"]
        field = next(iter(errors))
        label = form.fields[field].label if field in form.fields else ""
        text = _("%(field)s: %(problem)s") % {"field": label, "problem": first}
        raise ActionError(text if label else first, 400)
    return form.cleaned_data


def panel_context(context: dict[str, Any], view: str) -> dict[str, Any]:
    """What ``_proposal.html`` needs on ``view`` (participant, facilitator, projector)."""
    state = context["state"]
    item = state["current_item"]
    return {
        "view": view,
        "meeting": context["meeting"],
        "here": context.get("here", ""),
        "proposal": state["proposal"],
        "shown": bool(item and item["kind"] == "proposal"),
        "can_take_part": context.get("can_take_part", False),
        "can_facilitate": context.get("can_facilitate", False),
        "me": context["config"]["me"],
        "steps": [(p.value, p.label) for p in STEPS],
        "moves": [(p.value, p.label) for p in MOVES],
        "put_form": PutProposalForm(prefix="put", meeting=context["meeting"]),
        "ask_form": ContributionForm(prefix="ask"),
        "amend_form": AmendmentForm(prefix="amend"),
        "vote_form": VoteForm(prefix="vote"),
        "words": {**panel_words(), "rules": rule_words(context["meeting"], state["proposal"])},
    }


def rule_words(meeting: Any, shown: dict[str, Any] | None) -> dict[str, str]:
    """The rule sentences the live stream may send, each mapped to the reader's words.

    A stream's snapshot is shared by every listener, so it is worded in the site's
    language; proposal.js shows each rule sentence it receives through this map instead.
    """
    stored = [meeting.group.decision_rule]
    if shown is not None:
        stored += Proposal.objects.filter(pk=shown["id"]).values_list("rule", flat=True)
    found: dict[str, str] = {}
    for data in stored:
        try:
            rule = rule_from_dict(data)
        except RuleError:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            sent = _sentences(rule)
        found.update(zip(sent, _sentences(rule), strict=True))
    return found


def _sentences(rule: DecisionRule) -> list[str]:
    return [rule.describe(_), *(stage.phrase(_) for stage in rule.stages)]


def panel_words() -> dict[str, str]:
    """Every word proposal.js shows, in the reader's language."""
    labels = {f"kind_{k}": str(label) for k, label in ContributionKind.choices}
    return {
        **{f"phase_{k}": str(label) for k, label in Phase.choices},
        **labels,
        "decided": _("Decided"),
        "round": _("Round %(n)s"),
        "ballots": _("Ballots cast: %(n)s"),
        "fallback_next": _("The next round is the fallback vote: %(rule)s decides."),
        "fallback_now": _("This round is the fallback vote: %(rule)s decides."),
        "blocks": _("Blocks"),
        "stand_asides": _("Stand asides"),
        "someone": _("Someone"),
        "nothing_said": _("Nothing said yet."),
        "no_amendments": _("No amendments."),
        "accept": _("Accept"),
        "decline": _("Decline"),
        "accept_named": _("Accept the amendment of %(name)s"),
        "decline_named": _("Decline the amendment of %(name)s"),
        "amendment_proposed": _("proposed"),
        "amendment_accepted": _("accepted"),
        "amendment_declined": _("declined"),
        "counted": _("Your vote is counted. You may change it until the round closes."),
        "counted_secret": _("Your secret ballot is counted. It cannot be changed."),
    }
