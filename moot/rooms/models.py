"""The live room: the speaking stack, hand signals, circles and the speaking record.

A person waits on the stack at most once per kind of entry (to speak, or with a point or
response that asks to jump). An entry is closed, never deleted, when its person leaves
or is called. At most one speech runs in a meeting at a time; every speech — from the
stack or from a circle, spoken or passed — stays in the speaking record with the
seconds spoken, which the progressive stack and the minutes read. A hand signal is a
row, so the room can count recent ones and refuse a flood. A circle keeps its state as
the JSON of ``moot.core.circle.Circle``; at most one circle goes round at a time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.core.circle import Circle, Turn
from moot.core.stack import EntryKind
from moot.meetings.models import AgendaItem, Meeting


class RequestKind(models.TextChoices):
    """Why a person is on the stack; all but SPEAK ask to jump the queue."""

    SPEAK = EntryKind.SPEAK.value, _("To speak")
    POINT_OF_PROCESS = EntryKind.POINT_OF_PROCESS.value, _("Point of process")
    DIRECT_RESPONSE = EntryKind.DIRECT_RESPONSE.value, _("Direct response")
    CLARIFYING_QUESTION = EntryKind.CLARIFYING_QUESTION.value, _("Clarifying question")
    POINT_OF_INFORMATION = EntryKind.POINT_OF_INFORMATION.value, _("Point of information")


class EntryOutcome(models.TextChoices):
    CALLED = "called", _("Called to speak")
    LEFT = "left", _("Left the stack")


class StackEntry(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="stack_entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=RequestKind, default=RequestKind.SPEAK)
    joined_seq = models.PositiveIntegerField()
    approved = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=EntryOutcome, blank=True)

    class Meta:
        ordering = ["meeting", "joined_seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "kind"],
                condition=Q(closed_at__isnull=True),
                name="one_waiting_entry_per_kind",
            ),
            models.UniqueConstraint(fields=["meeting", "joined_seq"], name="one_entry_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.kind})"

    @property
    def is_waiting(self) -> bool:
        return self.closed_at is None


class TurnSource(models.TextChoices):
    STACK = "stack", _("From the stack")
    CIRCLE = "circle", _("In a circle")


class TurnOutcome(models.TextChoices):
    SPEAKING = "speaking", _("Speaking")
    SPOKE = "spoke", _("Spoke")
    PASSED = "passed", _("Passed")


class SpeakingTurn(models.Model):
    """One speech (or one pass in a circle): the speaking record of a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speaking_turns")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, choices=TurnSource, default=TurnSource.STACK)
    kind = models.CharField(max_length=30, choices=RequestKind, default=RequestKind.SPEAK)
    entry = models.ForeignKey(
        StackEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(help_text="When the countdown reaches zero.")
    ended_at = models.DateTimeField(null=True, blank=True)
    seconds = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=TurnOutcome, default=TurnOutcome.SPEAKING)
    wrap_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(ended_at__isnull=True),
                name="one_speech_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.outcome}"


class Signal(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="signals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=50)
    sent_at = models.DateTimeField(default=timezone.now)
    turn = models.ForeignKey(
        SpeakingTurn, null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )

    class Meta:
        indexes = [
            models.Index(fields=["meeting", "sent_at"]),
            models.Index(fields=["meeting", "user", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.key}"


class RoomCircle(models.Model):
    """A circle in a meeting; ``state`` is a ``moot.core.circle.Circle`` as JSON."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="circles")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.JSONField()
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(ended_at__isnull=True),
                name="one_circle_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"circle in {self.meeting}"

    @property
    def circle(self) -> Circle:
        state = self.state
        return Circle(
            order=tuple(state["order"]),
            turns=tuple((person, Turn(turn)) for person, turn in state["turns"]),
            away=frozenset(state["away"]),
            waiting=tuple(state["waiting"]),
            round=state["round"],
        )

    @circle.setter
    def circle(self, circle: Circle) -> None:
        self.state = {
            "order": list(circle.order),
            "turns": [[person, turn.value] for person, turn in circle.turns],
            "away": sorted(circle.away),
            "waiting": list(circle.waiting),
            "round": circle.round,
        }
