"""``{% proposal_panel "participant" %}``: the proposal panel of a live room page."""

from __future__ import annotations

from typing import Any

from django import template

from moot.rooms.proposals import panel_context

register = template.Library()


@register.inclusion_tag("rooms/_proposal.html", takes_context=True)
def proposal_panel(context: dict[str, Any], view: str) -> dict[str, Any]:
    return panel_context(context, view)
