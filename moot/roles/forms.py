"""Forms for roles, terms, report-backs and recalls. They only parse input; the actions
check everything again, so the API and the pages refuse the same things."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from moot.accounts.models import User
from moot.decisions.models import Kind, Outcome, Proposal
from moot.groups import queries as group_queries
from moot.groups.models import Group
from moot.roles.models import EndReason
from moot.validation import validate_sane_date


class RoleForm(forms.Form):
    name = forms.CharField(label=_("Name of the role"), max_length=100)
    duties = forms.CharField(
        label=_("Duties"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    seats = forms.IntegerField(label=_("How many people hold it at once"), min_value=1, initial=1)
    report_every_days = forms.IntegerField(
        label=_("A report-back is due every … days"),
        min_value=1,
        required=False,
        help_text=_("Leave empty if the holder reports back only when they choose."),
    )


class DateInput(forms.DateInput):
    input_type = "date"


class TermForm(forms.Form):
    holder = forms.ModelChoiceField(label=_("Who holds it"), queryset=User.objects.none())
    starts_on = forms.DateField(
        label=_("First day"), widget=DateInput, validators=[validate_sane_date]
    )
    ends_on = forms.DateField(
        label=_("Last day"), widget=DateInput, validators=[validate_sane_date]
    )

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = group_queries.active_members(group).values("user_id")
        field: Any = self.fields["holder"]
        field.queryset = User.objects.filter(pk__in=members).order_by("display_name")
        field.label_from_instance = lambda user: user.shown_name


class ElectionFillForm(forms.Form):
    election = forms.ModelChoiceField(label=_("Decided election"), queryset=Proposal.objects.none())
    term_days = forms.IntegerField(label=_("Term in days"), min_value=1, initial=365)

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["election"]
        field.queryset = Proposal.objects.filter(
            group=group, kind=Kind.ELECTION, outcome=Outcome.DECIDED
        )


class EndTermForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the term ends"),
        choices=[(EndReason.RESIGNED, EndReason.RESIGNED.label)],
    )


class ReportBackForm(forms.Form):
    text = forms.CharField(
        label=_("Your report-back"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Why recall"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
