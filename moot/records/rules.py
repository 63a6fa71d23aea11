"""Who may read the record. Standing agreements are as open as their group."""

from __future__ import annotations

import rules

from moot.groups.rules import sees_group
from moot.meetings.rules import sees_meeting

rules.add_perm("records.view_agreements", sees_group)
rules.add_perm("records.view_minutes", sees_meeting)
