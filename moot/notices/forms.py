"""The notification settings form: one choice per kind of notice — at once, in the daily
digest, or not at all. It only parses; ``do_save_choices`` checks everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from moot.notices.actions.settings import Wanted
from moot.notices.kinds import ALWAYS_ON, Delivery, NoticeKind
from moot.notices.queries import Choice

OFF = "off"
HOW = [
    (Delivery.IMMEDIATE.value, _("At once, by email")),
    (Delivery.DIGEST.value, _("In the daily digest")),
    (OFF, _("Not at all")),
]


class NoticeChoicesForm(forms.Form):
    def __init__(self, *args: Any, choices: list[Choice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for choice in choices:
            if choice.kind in ALWAYS_ON:  # not a choice: the page says so instead
                continue
            self.fields[choice.kind] = forms.ChoiceField(
                label=NoticeKind(choice.kind).label,
                choices=HOW,
                initial=choice.delivery if choice.enabled else OFF,
            )

    def wanted(self) -> Wanted:
        return {
            kind: (value != OFF, value if value != OFF else Delivery.DIGEST.value)
            for kind, value in self.cleaned_data.items()
        }
