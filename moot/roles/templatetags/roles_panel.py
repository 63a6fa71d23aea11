"""``{% overdue_roles group as overdue %}``: the group's roles whose report-back is overdue,
for the roles panel on the group page."""

from __future__ import annotations

from django import template

from moot.groups.models import Group
from moot.roles.queries import RoleBoard, overdue_boards

register = template.Library()


@register.simple_tag
def overdue_roles(group: Group) -> list[RoleBoard]:
    return overdue_boards(group)
