"""``{% group_meetings group as panel %}``: what the group page shows of its meetings."""

from __future__ import annotations

from typing import Any

from django import template

from moot.groups.models import Group
from moot.meetings import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def group_meetings(context: dict[str, Any], group: Group) -> dict[str, Any]:
    user = context["request"].user
    upcoming, _past = queries.upcoming_and_past(user, group)
    return {
        "upcoming": upcoming[:5],
        "emergencies": [m for m in upcoming if m.is_emergency],
        "can_schedule": user.has_perm("meetings.schedule_meeting", group),
    }
