"""Forms for proposals, ballots and the discussion; each turns into an action's input.

The ballot form is built for its proposal: positions for a proposal, one choice for a
poll, boxes for approval and meeting-time polls, a number per option for scores, dots
and rankings. Forms only parse; the actions check again and decide.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from moot.core.rules import TEMPLATES
from moot.decisions.actions import Draft
from moot.decisions.choices import ELECTION_METHODS, RANKED_METHODS
from moot.decisions.models import ContributionKind, Kind, Mode, Phase, Proposal
from moot.groups.models import Visibility
from moot.validation import validate_sane_date

POSITIONS = [
    ("agree", _("Agree")),
    ("disagree", _("Disagree")),
    ("abstain", _("Abstain")),
    ("stand_aside", _("Stand aside — I won't stop it, but I won't take part")),
    ("block", _("Block — a principled objection that stops it (give your reason)")),
]
METHODS = [("", _("The usual method for the kind"))] + [
    (m, m) for m in (*RANKED_METHODS, *ELECTION_METHODS)
]


def rule_choices() -> list[tuple[str, str]]:
    """Each rule template, shown as the sentence it reads as."""
    choices = [("", gettext("No change"))]
    return choices + [(name, rule.describe(gettext)) for name, rule in TEMPLATES.items()]


LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The proposal"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.PROPOSAL)
    mode = forms.ChoiceField(
        label=_("When is it decided?"), choices=Mode.choices, initial=Mode.ASYNC
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at (between meetings)"),
        required=False,
        widget=LOCAL,
        validators=[validate_sane_date],
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at (empty: now)"),
        required=False,
        widget=LOCAL,
        validators=[validate_sane_date],
    )
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a meeting-time poll, a date and time per line: 2025-06-01 18:30."),
    )
    secret = forms.BooleanField(label=_("Secret ballot (final once cast)"), required=False)
    hide_results = forms.BooleanField(label=_("Hide results until the vote closes"), required=False)
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices)
    method = forms.ChoiceField(
        label=_("Counting method (ranked choice, elections)"), choices=METHODS, required=False
    )
    seats = forms.IntegerField(label=_("Seats (elections)"), min_value=1, initial=1)
    score_max = forms.IntegerField(label=_("Highest score"), min_value=1, initial=5)
    dots = forms.IntegerField(label=_("Dots per person"), min_value=1, initial=5)
    max_per_option = forms.IntegerField(label=_("Most dots on one option"), min_value=1, initial=3)
    quorum = forms.IntegerField(
        label=_("Fewest voters that count (polls)"), min_value=1, required=False
    )
    new_rule = forms.ChoiceField(
        label=_("If it passes, the group decides from then on by"),
        choices=rule_choices,
        required=False,
    )
    agreement_title = forms.CharField(
        label=_("If it passes, the group adopts this standing agreement (title)"),
        max_length=200,
        required=False,
    )
    agreement_text = forms.CharField(
        label=_("Text of the standing agreement"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_rule") and (data.get("agreement_title") or data.get("agreement_text")):
            raise forms.ValidationError(_("A proposal makes one change: a rule or an agreement."))
        if bool(data.get("agreement_title")) != bool(data.get("agreement_text")):
            raise forms.ValidationError(_("An agreement needs a title and a text."))
        return data

    def draft(self) -> Draft:
        data = dict(self.cleaned_data)
        new_rule = data.pop("new_rule")
        title, text = data.pop("agreement_title"), data.pop("agreement_text")
        data["options"] = [line for line in data["options"].splitlines() if line.strip()]
        data["change"] = None
        if new_rule:
            data["change"] = {"kind": "decision_rule", "template": new_rule}
        elif title and text:
            data["change"] = {"kind": "agreement.adopt", "title": title, "text": text}
        return Draft(**data)


class BallotForm(forms.Form):
    """A ballot for one proposal; ``choice()`` is what the action receives."""

    def __init__(self, proposal: Proposal, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.labels = [o.label for o in proposal.options.all()]
        builders = {
            Kind.PROPOSAL: self._positions,
            Kind.POLL: self._one,
            Kind.APPROVAL: self._many,
            Kind.TIME_POLL: self._many,
            Kind.SCORE: self._numbers,
            Kind.DOTS: self._numbers,
            Kind.RANKED: self._numbers,
            Kind.ELECTION: self._numbers,
        }
        builders[Kind(proposal.kind)]()

    def _positions(self) -> None:
        self.fields["position"] = forms.ChoiceField(
            label=_("Your position"), choices=POSITIONS, widget=forms.RadioSelect
        )
        self.fields["reason"] = forms.CharField(
            label=_("Reason (needed for a block)"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def _indexed(self) -> list[tuple[str, str]]:
        return [(str(i), label) for i, label in enumerate(self.labels)]

    def _one(self) -> None:
        self.fields["option"] = forms.ChoiceField(
            label=_("Your choice"), choices=self._indexed(), widget=forms.RadioSelect
        )

    def _many(self) -> None:
        self.fields["options"] = forms.MultipleChoiceField(
            label=_("Every option you accept"),
            choices=self._indexed(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def _numbers(self) -> None:
        kind = self.proposal.kind
        highest = {Kind.SCORE: self.proposal.score_max, Kind.DOTS: self.proposal.max_per_option}
        most = highest.get(Kind(kind), len(self.labels))
        least = 1 if kind in (Kind.RANKED, Kind.ELECTION) else 0
        for i, label in enumerate(self.labels):
            self.fields[f"option_{i}"] = forms.IntegerField(
                label=self._number_label(label), required=False, min_value=least, max_value=most
            )

    def _number_label(self, label: str) -> str:
        words = {Kind.SCORE: _("Score for %(option)s"), Kind.DOTS: _("Dots on %(option)s")}
        return str(words.get(Kind(self.proposal.kind), _("Rank of %(option)s"))) % {"option": label}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.proposal.kind in (Kind.RANKED, Kind.ELECTION):
            ranks = [v for k, v in cleaned.items() if k.startswith("option_") and v]
            if len(set(ranks)) != len(ranks):
                raise forms.ValidationError(_("Give each option a different rank."))
        return cleaned

    def choice(self) -> dict[str, Any]:
        data, kind = self.cleaned_data, Kind(self.proposal.kind)
        if kind is Kind.PROPOSAL:
            return {"position": data["position"], "reason": data["reason"]}
        if kind is Kind.POLL:
            return {"option": int(data["option"])}
        if kind in (Kind.APPROVAL, Kind.TIME_POLL):
            return {"options": [int(i) for i in data["options"]]}
        numbers = [data.get(f"option_{i}") for i in range(len(self.labels))]
        if kind in (Kind.SCORE, Kind.DOTS):
            key = "scores" if kind is Kind.SCORE else "dots"
            return {key: [n or 0 for n in numbers]}
        ranked = sorted((n, i) for i, n in enumerate(numbers) if n)
        return {"ranking": [i for _n, i in ranked]}


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionKind.choices)
    text = forms.CharField(
        label=_("What you say"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("The amended text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(label=_("Why (optional)"), max_length=1000, required=False)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Move to"),
        choices=[
            (p.value, p.label)
            for p in (Phase.CLARIFYING, Phase.CONCERNS, Phase.AMENDMENTS, Phase.TESTING)
        ],
    )


class CloseRoundForm(forms.Form):
    present = forms.IntegerField(
        label=_("People present (if the rule counts them)"), min_value=0, required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is withdrawn (optional)"), max_length=500, required=False
    )


class MinorityReportForm(forms.Form):
    text = forms.CharField(
        label=_("Your minority report"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
