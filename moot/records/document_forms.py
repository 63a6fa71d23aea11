"""The document form: it parses input; ``moot.records.documents`` checks it all again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from moot.groups.models import Visibility


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=10000,
        help_text=_("Plain text; blank lines separate paragraphs. At most 10000 characters."),
    )
    visibility = forms.ChoiceField(label=_("Who can read it"), choices=Visibility.choices)
