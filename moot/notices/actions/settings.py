"""Saving what a person wants to hear from one group, and how.

Every kind is checked before anything is written: an unknown kind or delivery is refused,
and so is turning off emergency calls or putting them in the digest: they always reach
the members of a group at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from moot.accounts.models import User
from moot.groups import queries as group_queries
from moot.groups.errors import ActionError
from moot.groups.models import Group
from moot.notices.kinds import ALWAYS_ON, Delivery, NoticeKind
from moot.notices.models import NoticeSetting

Wanted = Mapping[str, tuple[bool, str]]  # kind → (enabled, delivery)


def _check(person: User, group: Group, wanted: Wanted) -> None:
    if not group_queries.is_member(person, group):
        raise ActionError(_("You can choose notices only for groups you belong to."), 403)
    for kind, (enabled, delivery) in wanted.items():
        if kind not in NoticeKind.values:
            raise ActionError(_("Unknown kind of notice: %(kind)s.") % {"kind": kind}, 400)
        if delivery not in Delivery.values:
            raise ActionError(_("A notice comes at once or in the daily digest."), 400)
        if kind in ALWAYS_ON and (not enabled or delivery != Delivery.IMMEDIATE):
            raise ActionError(
                _("Emergency calls always reach the members of a group, at once."), 400
            )


@transaction.atomic
def do_save_choices(person: User, group: Group, wanted: Wanted) -> None:
    """Store the person's choice for each kind given; kinds not given keep theirs."""
    _check(person, group, wanted)
    for kind, (enabled, delivery) in wanted.items():
        NoticeSetting.objects.update_or_create(
            person=person,
            group=group,
            kind=kind,
            defaults={"enabled": bool(enabled), "delivery": delivery},
        )
