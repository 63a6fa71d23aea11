"""Proposals, polls, elections, their rounds and ballots, and what was decided.

A proposal belongs to a group (or committee) and is decided in numbered rounds. A
proposal of kind ``proposal`` is decided by positions (agree, disagree, abstain, stand
aside, block with its reason) under the group's decision rule, copied onto the proposal
when it is made so everyone votes knowing the rule that will count them. The other kinds
(poll, approval, score, dots, ranked, election, meeting-time poll) count choices among
options by a ``moot.core.methods`` method.

Named ballots are one row per voter and round, changeable until the round closes.
Secret ballots are kept as two things that cannot be joined: who took part
(``SecretParticipation``) and how many chose each distinct choice (``SecretCount``).
A count row has a random key, no timestamp and no voter, and is only ever incremented,
so no order of rows or time of writing ties a choice to the person who made it. The
database engine's own storage order is outside what moot can hide; nothing in moot's
data, pages, API or events exposes it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.groups.models import Group, Visibility


class Kind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal (agree, disagree, stand aside, block)")
    POLL = "poll", _("Poll (one choice)")
    APPROVAL = "approval", _("Approval vote (any number of choices)")
    SCORE = "score", _("Score vote")
    DOTS = "dots", _("Dot vote")
    RANKED = "ranked", _("Ranked choice")
    ELECTION = "election", _("Election (several seats, by STV)")
    TIME_POLL = "time_poll", _("Meeting-time poll")


class Mode(models.TextChoices):
    LIVE = "live", _("In a meeting")
    ASYNC = "async", _("Between meetings")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Phase(models.TextChoices):
    CLARIFYING = "clarifying", _("Clarifying questions")
    CONCERNS = "concerns", _("Concerns")
    AMENDMENTS = "amendments", _("Friendly amendments")
    TESTING = "testing", _("Test for consensus")
    FALLBACK = "fallback", _("Fallback vote")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


DISCUSSION_PHASES = (Phase.CLARIFYING, Phase.CONCERNS, Phase.AMENDMENTS)
VOTING_PHASES = (Phase.TESTING, Phase.FALLBACK, Phase.VOTING)


class Outcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    BLOCKED = "blocked", _("Blocked")
    NO_QUORUM = "no_quorum", _("No quorum")
    DECIDED = "decided", _("Decided")
    WITHHELD = "withheld", _("Withheld (too few secret ballots)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PROPOSAL)
    mode = models.CharField(_("when it is decided"), max_length=10, choices=Mode)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=20000, blank=True)
    secret = models.BooleanField(_("secret ballot"), default=False)
    hide_results = models.BooleanField(_("hide results until the vote closes"), default=False)
    visibility = models.CharField(_("who can see it"), max_length=20, choices=Visibility)
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    phase = models.CharField(max_length=20, choices=Phase)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The group's rule when the proposal was made, and its sentence.
    rule = models.JSONField(default=dict)
    rule_text = models.TextField(blank=True)
    blocks_so_far = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    summary = models.TextField(blank=True)
    # Counting choices among options.
    method = models.CharField(_("counting method"), max_length=20, blank=True)
    seats = models.PositiveIntegerField(_("seats"), default=1)
    score_max = models.PositiveIntegerField(_("highest score"), default=5)
    dots = models.PositiveIntegerField(_("dots per person"), default=5)
    max_per_option = models.PositiveIntegerField(_("most dots on one option"), default=3)
    quorum = models.PositiveIntegerField(_("fewest voters that count"), null=True, blank=True)
    # A change to the group's constitution, applied in the transaction that passes it.
    change = models.JSONField(null=True, blank=True)
    change_applied = models.BooleanField(default=False)
    withdrawn_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["group", "status"]),
            models.Index(fields=["status", "closes_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def decides_by_positions(self) -> bool:
        return self.kind == Kind.PROPOSAL


class Option(models.Model):
    """One option of a poll or election, numbered from 0 in the order given."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField()
    label = models.CharField(_("option"), max_length=200)
    starts_at = models.DateTimeField(null=True, blank=True)  # meeting-time polls

    class Meta:
        ordering = ["proposal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "position"], name="one_option_per_place")
        ]

    def __str__(self) -> str:
        return self.label


class Round(models.Model):
    """One test for consensus or vote on a proposal, with its own ballots and result."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    stage = models.PositiveIntegerField(default=0)  # which stage of the rule decides it
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    ballots = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    summary = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="one_round_per_number"),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_round_per_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"round {self.number} of {self.proposal}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Ballot(models.Model):
    """A named ballot: who chose what, changeable until the round closes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="named_ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    choice = models.JSONField()
    cast_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_named_ballot_per_round")
        ]

    def __str__(self) -> str:
        return f"ballot of {self.voter} in {self.round}"


class SecretParticipation(models.Model):
    """That a person cast a secret ballot in a round — and nothing about what."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_secret_ballot_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.voter} voted in {self.round}"


class SecretCount(models.Model):
    """How many secret ballots in a round made one distinct choice; no voter, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="secret_counts")
    choice_key = models.CharField(max_length=64)
    choice = models.JSONField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "choice_key"], name="one_count_per_choice")
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.choice}"


class ContributionKind(models.TextChoices):
    CLARIFYING_QUESTION = "clarifying_question", _("Clarifying question")
    CONCERN = "concern", _("Concern")
    POINT_OF_INFORMATION = "point_of_information", _("Point of information")
    ANSWER = "answer", _("Answer")
    COMMENT = "comment", _("Comment")


class Contribution(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="contributions")
    phase = models.CharField(max_length=20, choices=Phase)
    kind = models.CharField(_("kind"), max_length=30, choices=ContributionKind)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"), max_length=5000)
    answer_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.proposal}"


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Amendment(models.Model):
    """A friendly amendment: new text the proposer accepts or declines.

    When accepted, ``previous_text`` keeps what the proposal said before, so the
    proposal's history can be read back.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="amendments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("amended text"), max_length=20000)
    reason = models.CharField(_("why"), max_length=1000, blank=True)
    status = models.CharField(
        max_length=20, choices=AmendmentStatus, default=AmendmentStatus.PROPOSED
    )
    previous_text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposal", "created_at", "id"]

    def __str__(self) -> str:
        return f"amendment to {self.proposal}"


class MinorityReport(models.Model):
    """Dissent kept beside the decision, written by someone who did not agree."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="minority_reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("minority report"), max_length=20000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "author"], name="one_minority_report_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"minority report on {self.proposal}"
