from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from moot.core.rules import TEMPLATES
from moot.groups.constitution import DEFAULT_RULE_TEMPLATE
from moot.groups.models import GroupKind, Role, Visibility

TOP_LEVEL_KINDS = [(k, label) for k, label in GroupKind.choices if k != GroupKind.COMMITTEE]


class NameField(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(label=_("Name"), max_length=settings.MOOT_NAME_MAX, **kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> str:
        cleaned: str = super().clean(value)
        if not cleaned.strip():
            raise forms.ValidationError(_("Please give a name."))
        return cleaned.strip()


def rule_template_choices() -> list[tuple[str, str]]:
    return [(name, rule.describe(gettext)) for name, rule in TEMPLATES.items()]


class GroupRuleField(forms.ChoiceField):
    def __init__(self) -> None:
        super().__init__(
            label=_("How the group decides (it can change this later, by decision)"),
            choices=rule_template_choices,
            initial=DEFAULT_RULE_TEMPLATE,
            required=False,
        )

    def clean(self, value: object) -> str:
        return str(super().clean(value) or DEFAULT_RULE_TEMPLATE)


class GroupForm(forms.Form):
    name = NameField()
    kind = forms.ChoiceField(label=_("Kind of group"), choices=TOP_LEVEL_KINDS)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    visibility = forms.ChoiceField(
        label=_("Who can see the group"),
        choices=[
            (Visibility.PUBLIC, _("Everyone (public)")),
            (Visibility.MEMBERS, _("Members only")),
        ],
        initial=Visibility.PUBLIC,
    )
    rule_template = GroupRuleField()


class CommitteeForm(forms.Form):
    name = NameField()
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    visibility = forms.ChoiceField(label=_("Who can see the committee"), choices=Visibility.choices)
    open_to_join = forms.BooleanField(
        label=_("Members may join without an invitation"), required=False, initial=True
    )


class GroupSettingsForm(forms.Form):
    name = NameField()
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    visibility = forms.ChoiceField(label=_("Who can see the group"), choices=Visibility.choices)
    default_visibility = forms.ChoiceField(
        label=_("Who can see new records by default"), choices=Visibility.choices
    )
    open_to_join = forms.BooleanField(
        label=_("Members of the parent group may join without an invitation"), required=False
    )


class InvitationForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    note = forms.CharField(label=_("Note (who is it for?)"), max_length=200, required=False)


class LeaveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you leaving? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
