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
            always = choice.kind in ALWAYS_ON
            self.fields[choice.kind] = forms.ChoiceField(
                label=NoticeKind(choice.kind).label,
                choices=HOW[:2] if always else HOW,
                initial=choice.delivery if choice.enabled else OFF,
                help_text=_("Emergency calls always reach you, with their reason.")
                if always
                else "",
            )

    def wanted(self) -> Wanted:
        return {
            kind: (value != OFF, value if value != OFF else Delivery.DIGEST.value)
            for kind, value in self.cleaned_data.items()
        }
