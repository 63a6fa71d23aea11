"""The demo's life: tonight's assembly with its agenda, a vote between meetings in the
branch, a treasurer with a term, and the assembly's photo-consent agreement.

Built on the groups and people of ``moot.groups.demo``, through the apps' own actions;
running it again changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from moot.accounts.models import User
from moot.decisions.actions.proposals import Draft, do_open_proposal
from moot.decisions.models import Mode, Proposal
from moot.groups.models import Group
from moot.meetings.actions import ItemDraft, do_schedule_meeting
from moot.meetings.models import ItemKind, Meeting
from moot.records.actions import do_adopt_agreement
from moot.records.models import Agreement
from moot.roles.actions import do_create_role, do_start_term
from moot.roles.models import AccountableRole

TONIGHT = [
    ItemDraft("Check-in round", ItemKind.CHECK_IN, time_box_minutes=10),
    ItemDraft("Open floor", ItemKind.DISCUSSION, time_box_minutes=20),
    ItemDraft("Committees break out", ItemKind.BREAKOUT, time_box_minutes=15),
    ItemDraft("Proposal: we do not seek legal permits", ItemKind.PROPOSAL, time_box_minutes=30),
    ItemDraft("The question of demands", ItemKind.DISCUSSION, time_box_minutes=20),
]


@transaction.atomic
def create_demo_life() -> None:
    assembly = Group.objects.get(name="Liberty Square General Assembly", parent=None)
    branch = Group.objects.get(name="Eastside Branch", parent=None)
    _tonight(assembly)
    _photo_consent(assembly)
    _bulletin_vote(branch)
    _treasurer(branch)


def _founder(group: Group) -> User:
    assert group.created_by is not None
    return group.created_by


def _tonight(assembly: Group) -> None:
    if Meeting.objects.filter(group=assembly, title="Evening general assembly").exists():
        return
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    do_schedule_meeting(
        _founder(assembly),
        assembly,
        title="Evening general assembly",
        starts_at=start,
        location="The steps of the square",
        items=TONIGHT,
    )


def _photo_consent(assembly: Group) -> None:
    if not Agreement.objects.filter(group=assembly, title="Photo consent").exists():
        do_adopt_agreement(
            assembly,
            title="Photo consent",
            text="Anyone may ask not to be photographed, and that is respected.",
        )


def _bulletin_vote(branch: Group) -> None:
    title = "Publish the branch bulletin openly"
    if Proposal.objects.filter(group=branch, title=title).exists():
        return
    draft = Draft(
        title=title,
        mode=Mode.ASYNC,
        closes_at=timezone.now() + timedelta(days=3),
        text="From next month the bulletin is public; internal notes stay members-only.",
    )
    do_open_proposal(_founder(branch), branch, draft)


def _treasurer(branch: Group) -> None:
    if AccountableRole.objects.filter(group=branch, name="Treasurer").exists():
        return
    role = do_create_role(
        _founder(branch),
        branch,
        name="Treasurer",
        duties="Keeps the accounts and reports each month.",
        report_every_days=30,
    )
    today = timezone.localdate()
    do_start_term(
        _founder(branch),
        role,
        _founder(branch),
        starts_on=today,
        ends_on=today + timedelta(days=365),
    )
