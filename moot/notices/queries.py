"""Reading notices: a person's choices for a group, with the defaults filled in."""

from __future__ import annotations

from dataclasses import dataclass

from moot.accounts.models import User
from moot.groups.models import Group
from moot.notices.kinds import ALWAYS_ON, DEFAULTS, NoticeKind
from moot.notices.models import NoticeSetting


@dataclass(frozen=True)
class Choice:
    kind: str
    enabled: bool
    delivery: str

    @property
    def always_on(self) -> bool:
        return self.kind in ALWAYS_ON

    @property
    def label(self) -> str:
        return str(NoticeKind(self.kind).label)


def default_choice(kind: str) -> Choice:
    return Choice(kind, True, DEFAULTS[kind])


def _stored(setting: NoticeSetting) -> Choice:
    if setting.kind in ALWAYS_ON:  # whatever a row may say, these are never put off
        return default_choice(setting.kind)
    return Choice(setting.kind, setting.enabled, setting.delivery)


def choices_for(person: User, group: Group) -> list[Choice]:
    """Every kind of notice, as the person chose it in ``group`` or by default."""
    stored = {s.kind: _stored(s) for s in NoticeSetting.objects.filter(person=person, group=group)}
    return [stored.get(kind, default_choice(kind)) for kind in NoticeKind.values]


def choice_table(person_ids: set[int]) -> dict[tuple[int, int, str], Choice]:
    """(person, group, kind) → what was chosen, for everyone about to be notified at once."""
    rows = NoticeSetting.objects.filter(person_id__in=person_ids)
    return {(s.person_id, s.group_id, s.kind): _stored(s) for s in rows}
