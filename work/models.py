from django.db import models


class EventRecheck(models.Model):
    """An event whose findings must be brought up to date.

    One row per event however often it is asked for (100 verdicts on one event
    are one re-check). The id is a plain integer, not a foreign key: this app
    sits below timeline and must not know its models; a row whose event has
    since gone is simply dropped by the checker.
    """

    event_id = models.BigIntegerField(primary_key=True)
    requested_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"re-check event {self.event_id}"


class Run(models.Model):
    """A queued whole-store job (a full cross-check, a report) that API clients follow by its status URL."""

    class Kind(models.TextChoices):
        CHECK = "check"
        REPORT = "report"
        RELINK = "relink"

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["state", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} run {self.pk} ({self.state})"
