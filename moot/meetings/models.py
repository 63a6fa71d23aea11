"""Meetings of a group: when and why they meet, the agenda, who comes and who came,
breakouts into committees with their report-backs, and items tabled to a later meeting.

An emergency meeting may be called on short notice only with a stated reason and an
agenda. A tabled item is never lost: it is carried onto the next meeting's agenda with
a link to where it came from (``carried_from``), so its history can be followed.
The live room (stack, signals, circles) lives in ``moot.rooms`` and builds on these.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moot.groups.models import Group, Visibility


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("In session")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("where"), max_length=300, blank=True)
    is_emergency = models.BooleanField(_("emergency meeting"), default=False)
    emergency_reason = models.TextField(_("why the meeting is called"), blank=True, max_length=5000)
    status = models.CharField(max_length=20, choices=MeetingStatus, default=MeetingStatus.SCHEDULED)
    visibility = models.CharField(
        _("who can see it"), max_length=20, choices=Visibility, default=Visibility.PUBLIC
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Live-room settings, chosen per meeting.
    speaker_seconds = models.PositiveIntegerField(_("seconds per speaker"), default=120)
    progressive_stack = models.BooleanField(_("progressive stack"), default=False)
    wrap_up_threshold = models.PositiveIntegerField(
        _("wrap-up signals that reach the speaker"), default=3
    )
    current_item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Raised by every live change, in the same transaction; events carry it so a client
    # can tell a missed event and reload the room.
    version = models.PositiveBigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["group", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (MeetingStatus.SCHEDULED, MeetingStatus.LIVE)


class ItemKind(models.TextChoices):
    READING = "reading", _("Reading")
    DISCUSSION = "discussion", _("Discussion")
    PROPOSAL = "proposal", _("Proposal")
    REPORT_BACK = "report_back", _("Report-back")
    CHECK_IN = "check_in", _("Check-in round")
    BREAKOUT = "breakout", _("Breakout")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Not yet")
    ACTIVE = "active", _("Now")
    DONE = "done", _("Done")
    TABLED = "tabled", _("Tabled")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind, default=ItemKind.DISCUSSION)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    time_box_minutes = models.PositiveIntegerField(_("time box (minutes)"), null=True, blank=True)
    status = models.CharField(max_length=20, choices=ItemStatus, default=ItemStatus.PENDING)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    tabled_reason = models.CharField(_("why it is tabled"), max_length=500, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    committee = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The proposal the item decides, if any.
    proposal = models.ForeignKey(
        "decisions.Proposal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["carried_from"],
                condition=Q(carried_from__isnull=False),
                name="an_item_is_carried_once",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Answer(models.TextChoices):
    COMING = "coming", _("Coming")
    NOT_COMING = "not_coming", _("Not coming")


class Rsvp(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=20, choices=Answer)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_answer_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.answer}"


class Presence(models.TextChoices):
    ROOM = "room", _("In the room")
    REMOTE = "remote", _("Remote")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    presence = models.CharField(max_length=20, choices=Presence, default=Presence.ROOM)
    arrived_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"


class Breakout(models.Model):
    """A timed split of the meeting into committees, opened from a breakout item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="breakouts")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="breakouts")
    committees = models.ManyToManyField(Group, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(closed_at__isnull=True),
                name="one_open_breakout_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"breakout in {self.meeting}"


class BreakoutSeat(models.Model):
    breakout = models.ForeignKey(Breakout, on_delete=models.CASCADE, related_name="seats")
    committee = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["breakout", "committee", "user"], name="one_seat_per_committee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.committee}"


class ReportBack(models.Model):
    """What a committee tells the whole meeting; filed by its note-taker."""

    breakout = models.ForeignKey(
        Breakout, null=True, blank=True, on_delete=models.CASCADE, related_name="report_backs"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="report_backs")
    committee = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("report"), max_length=20000)
    filed_at = models.DateTimeField(default=timezone.now)
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_backs"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["breakout", "committee"], name="one_report_back_per_committee"
            )
        ]

    def __str__(self) -> str:
        return f"report-back of {self.committee}"
