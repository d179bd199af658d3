from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from claims.extraction.types import Granularity
from timeline.analysis.types import EventStatus, FindingKind, Severity


def _choices(enum_cls):
    return [(member.value, member.value.replace("_", " ")) for member in enum_cls]


class EntityAlias(models.Model):
    """A name editors teach the linker: "J. Smith" is the person "Jane Smith"."""

    canonical = models.CharField(max_length=200)
    alias = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=[(k, k) for k in ("person", "organisation", "place", "document")])
    history = HistoricalRecords()

    class Meta:
        ordering = ["canonical", "alias"]
        constraints = [models.UniqueConstraint(fields=["alias", "kind"], name="alias_unique_per_kind")]
        verbose_name_plural = "entity aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.canonical}"


class Event(models.Model):
    key = models.CharField(max_length=300, unique=True, null=True, blank=True, help_text="what linking calls it; stable across re-runs")
    label = models.CharField(max_length=300)
    label_locked = models.BooleanField(default=False, help_text="an editor named this event: relinking keeps the name")
    value_start = models.DateField(null=True, blank=True)
    value_end = models.DateField(null=True, blank=True)
    granularity = models.CharField(max_length=8, choices=_choices(Granularity), blank=True)
    status = models.CharField(max_length=16, choices=_choices(EventStatus), default=EventStatus.UNVERIFIED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["value_start", "id"]
        indexes = [models.Index(fields=["value_start", "value_end"])]

    def __str__(self) -> str:
        return self.label


class Finding(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        RESOLVED = "resolved"
        DISMISSED = "dismissed"

    kind = models.CharField(max_length=32, choices=_choices(FindingKind))
    severity = models.CharField(max_length=8, choices=_choices(Severity))
    message = models.TextField()
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")
    claims = models.ManyToManyField("claims.Claim", related_name="findings")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    fingerprint = models.CharField(max_length=64, unique=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dismiss_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "-first_seen_at", "-id"]
        indexes = [models.Index(fields=["status", "severity"]), models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.message[:80]}"


class ConsistencyReport(models.Model):
    class Status(models.TextChoices):
        OK = "ok"
        FAILED = "failed"

    created_at = models.DateTimeField(auto_now_add=True)
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField()
    period_key = models.CharField(max_length=32, unique=True, help_text="one report per period, however often it runs")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OK)
    error = models.TextField(blank=True)
    counts = models.JSONField(default=dict)
    new_findings = models.ManyToManyField(Finding, related_name="+", blank=True)
    open_findings = models.ManyToManyField(Finding, related_name="+", blank=True)
    resolved_findings = models.ManyToManyField(Finding, related_name="+", blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return f"Consistency report {self.period_key}"
