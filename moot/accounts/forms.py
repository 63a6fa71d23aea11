from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from moot.accounts.models import User, normal_email
from moot.validation import validate_line


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    display_name = forms.CharField(label=_("Display name"), max_length=100)
    pseudonym = forms.CharField(
        label=_("Pseudonym (optional)"),
        max_length=100,
        required=False,
        validators=[validate_line],
        help_text=_("If you give one, others see it instead of your display name."),
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)

    def clean_email(self) -> str:
        email = normal_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email

    def clean_display_name(self) -> str:
        return _clean_name(self.cleaned_data["display_name"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            probe = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(data["password"], probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "pseudonym", "language"]

    def clean_display_name(self) -> str:
        return _clean_name(self.cleaned_data["display_name"])

    def clean_pseudonym(self) -> str:
        pseudonym: str = self.cleaned_data["pseudonym"]
        validate_line(pseudonym)
        return pseudonym


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, validators=[validate_line])


def _clean_name(value: str) -> str:
    validate_line(value)
    value = value.strip()
    if not value:
        raise forms.ValidationError(_("Please give a name."))
    return value
