from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from moot.groups.models import GroupKind, Role, Visibility
from moot.validation import Line


class ErrorOut(BaseModel):
    detail: str


class ValidationErrorOut(BaseModel):
    """422: the request's body or path did not validate; one entry per problem."""

    detail: list[dict[str, Any]]


class GroupIn(BaseModel):
    name: Line = Field(min_length=1, max_length=200)
    kind: GroupKind = GroupKind.ASSEMBLY
    description: str = Field(default="", max_length=5000)
    visibility: Visibility = Visibility.PUBLIC
    rule_template: str = Field(default="consensus", max_length=40)


class CommitteeIn(BaseModel):
    name: Line = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    visibility: Visibility | None = None
    open_to_join: bool = True


class GroupOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # built from Group rows

    id: int
    name: str
    kind: str
    description: str
    parent_id: int | None
    visibility: str
    open_to_join: bool
    decision_rule: dict[str, object]
    hand_signals: list[dict[str, str]]


class MembershipOut(BaseModel):
    id: int
    group_id: int
    user_id: int
    name: str
    role: str
    joined_at: datetime


class RoleIn(BaseModel):
    role: Role


class LeaveIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class InvitationIn(BaseModel):
    role: Role = Role.MEMBER
    note: str = Field(default="", max_length=200)
    days: int = Field(default=7, ge=1, le=90)


class InvitationOut(BaseModel):
    token: str
    url: str


class MeOut(BaseModel):
    id: int
    name: str
    email: str
