"""Forms of the meeting pages. They parse what people type; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from moot.accounts.models import User
from moot.groups.models import Group, Visibility
from moot.groups.queries import committees_of
from moot.meetings.actions import ItemDraft
from moot.meetings.models import Answer, ItemKind, Presence
from moot.validation import validate_sane_date

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=DATETIME_FORMAT)


def _starts_at() -> forms.DateTimeField:
    return forms.DateTimeField(
        label=_("Starts at"),
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        validators=[validate_sane_date],
    )


class MeetingEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = _starts_at()
    location = forms.CharField(
        label=_("Where"),
        max_length=300,
        required=False,
        help_text=_("A place, or a link for those who join remotely."),
    )
    visibility = forms.ChoiceField(label=_("Who can see the meeting"), choices=Visibility.choices)
    emergency_reason = forms.CharField(
        label=_("Why the meeting is called"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for an emergency meeting: every member sees it."),
    )


class RoomSettingsFields(forms.Form):
    speaker_seconds = forms.IntegerField(
        label=_("Seconds per speaker"), min_value=10, max_value=3600, required=False
    )
    progressive_stack = forms.BooleanField(
        label=_("Progressive stack: those who have spoken least go first"), required=False
    )
    wrap_up_threshold = forms.IntegerField(
        label=_("Wrap-up signals that reach the speaker"),
        min_value=1,
        max_value=1000,
        required=False,
    )


class MeetingSettingsForm(MeetingEditForm, RoomSettingsFields):
    """Editing a meeting: when, where and why, and how its live room runs."""


class MeetingForm(MeetingEditForm):
    is_emergency = forms.BooleanField(
        label=_("This is an emergency meeting (short notice)"), required=False
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line. An emergency meeting needs at least one."),
    )

    field_order = [
        "title",
        "starts_at",
        "location",
        "visibility",
        "is_emergency",
        "emergency_reason",
        "agenda",
    ]

    def drafts(self) -> list[ItemDraft]:
        lines = self.cleaned_data["agenda"].splitlines()
        return [ItemDraft(title=line.strip()) for line in lines if line.strip()]


class CommitteeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.DISCUSSION)
    time_box_minutes = forms.IntegerField(
        label=_("Time box (minutes)"), required=False, min_value=1, max_value=600
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    committee = CommitteeChoice(
        label=_("Committee (optional)"), required=False, queryset=Group.objects.none()
    )

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [c.pk for c in committees_of(group)]
        self.fields["committee"].queryset = Group.objects.filter(pk__in=ids)  # type: ignore[attr-defined]

    def draft(self) -> ItemDraft:
        return ItemDraft(**self.cleaned_data)


class MoveForm(forms.Form):
    position = forms.IntegerField(label=_("Position"), min_value=0)


class TableForm(forms.Form):
    reason = forms.CharField(label=_("Why it is tabled (optional)"), max_length=500, required=False)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Are you coming?"), choices=Answer.choices)


class CheckInForm(forms.Form):
    presence = forms.ChoiceField(
        label=_("Where are you?"), choices=Presence.choices, initial=Presence.ROOM
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.shown_name)


class MarkPresentForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=User.objects.none())
    presence = forms.ChoiceField(label=_("Where"), choices=Presence.choices, initial=Presence.ROOM)

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = group.memberships.filter(left_at__isnull=True).values("user_id")
        self.fields["person"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members
        ).order_by("display_name", "id")


class CommitteesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class BreakoutForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("How long (minutes)"), min_value=1, max_value=240, initial=15
    )
    committees = CommitteesField(
        label=_("Committees taking part"),
        required=False,
        queryset=Group.objects.none(),
        help_text=_("None chosen: every committee of the group that all its members see."),
    )

    def __init__(self, *args: Any, committees: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in committees]
        )


class JoinForm(forms.Form):
    committees = CommitteesField(label=_("Committees you join"), queryset=Group.objects.none())

    def __init__(self, *args: Any, committees: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in committees]
        )


class ReportBackForm(forms.Form):
    committee = CommitteeChoice(
        label=_("Committee"), queryset=Group.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("Report-back"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, committees: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in committees]
        )
