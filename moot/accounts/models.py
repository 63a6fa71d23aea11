"""People who use moot: signed in by email, shown by the name they choose.

Activists may not want their legal name shown, so a person has a display name and an
optional pseudonym; wherever moot shows a person to others it shows ``shown_name``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def normal_email(email: str) -> str:
    """An address as moot keeps it: lowercased whole, so that ``Ana@Example.org`` and
    ``ana@example.org`` are one person."""
    return BaseUserManager.normalize_email(email).strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=normal_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        """Signing in finds the account whatever the case the address is typed in."""
        return self.get(email=normal_email(username or ""))


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=100)
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=100,
        blank=True,
        help_text=_("If set, others see this name instead of your display name."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        constraints = [
            # Addresses are stored lowercased; the database refuses two that differ by case.
            models.UniqueConstraint(Lower("email"), name="one_account_per_email_any_case")
        ]

    @property
    def shown_name(self) -> str:
        return self.pseudonym or self.display_name

    def __str__(self) -> str:
        return self.shown_name


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A token for the JSON API. Only its hash is stored; the raw token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def new_raw_token() -> str:
        return "moot_" + secrets.token_urlsafe(32)
