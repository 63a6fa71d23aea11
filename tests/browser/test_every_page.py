"""Every page of moot, in English and in Spanish: accessible, and fully translated."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from django.conf import settings
from playwright.sync_api import Page

from moot.accounts.models import User
from moot.groups import actions
from moot.groups.models import Group, Visibility
from tests.browser.conftest import assert_accessible

OpenContext = Callable[..., Page]
PO_FILE = Path(settings.BASE_DIR) / "moot/locale/es/LC_MESSAGES/django.po"


def seed() -> tuple[User, Group, Group, str]:
    admin = User.objects.create_user(email="ada@example.org", password="pw", display_name="Ada")
    group = actions.do_create_group(
        admin, name="Plaza Assembly", kind="assembly", description="Every evening at seven."
    )
    committee = actions.do_create_committee(
        admin, group, name="Morale", visibility=Visibility.MEMBERS
    )
    token = actions.do_create_invitation(admin, group, note="for Bea")
    return admin, group, committee, token


def pages(group: Group, committee: Group, token: str) -> dict[str, list[str]]:
    signed_in = [
        "/",
        "/accounts/profile/",
        "/groups/new/",
        f"/g/{group.pk}/",
        f"/g/{committee.pk}/",
        f"/g/{group.pk}/members/",
        f"/g/{group.pk}/committees/new/",
        f"/g/{group.pk}/settings/",
        f"/g/{group.pk}/invitations/",
        f"/invite/{token}/",
    ]
    anonymous = [
        "/",
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password-reset/",
        "/accounts/password-reset/sent/",
        "/accounts/password-reset/MQ/bad-token/",
        "/accounts/password-reset/done/",
        f"/g/{group.pk}/",
        f"/invite/{token}/",
        "/g/999999/",
        "/invite/not-a-real-token/",
    ]
    return {"signed_in": signed_in, "anonymous": anonymous}


def english_sentences() -> list[str]:
    """Our English strings whose Spanish differs, longer than a word or two."""
    found = []
    for entry in polib.pofile(str(PO_FILE)):
        text = re.sub(r"%\(\w+\)\w|<[^>]+>", "", entry.msgid).strip()
        if len(text) >= 12 and entry.msgstr and entry.msgstr != entry.msgid:
            found.append(text.rstrip("."))
    return found


def test_the_spanish_translation_is_complete_and_current() -> None:
    po = polib.pofile(str(PO_FILE))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.percent_translated() == 100


@pytest.mark.parametrize("locale", ["en-GB", "es-ES"])
def test_every_page_is_accessible_and_speaks_the_chosen_language(
    live_url: str, new_context: OpenContext, locale: str
) -> None:
    admin, group, committee, token = seed()
    urls = pages(group, committee, token)
    english = english_sentences()
    for who, paths in urls.items():
        page = new_context(locale=locale)
        if who == "signed_in":
            page.context.add_cookies([_session_cookie(admin, live_url)])
        for path in paths:
            page.goto(live_url + path)
            assert_accessible(page)
            if locale == "es-ES":
                assert page.locator("html").get_attribute("lang") == "es"
                text = page.locator("body").inner_text()
                leftovers = [s for s in english if s in text]
                assert leftovers == [], f"{path} shows English: {leftovers}"


def _session_cookie(user: User, base: str) -> dict[str, str]:
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": base}
