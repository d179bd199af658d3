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
    key = models.CharField(max_length=300, null=True, blank=True, db_index=True, help_text="what linking calls it; editors' events have none")
    label = models.CharField(max_length=300)
    label_locked = models.BooleanField(default=False, help_text="an editor named this event: relinking keeps the name")
    value_start = models.DateField(null=True, blank=True)
    value_end = models.DateField(null=True, blank=True)
    granularity = models.CharField(max_length=8, choices=_choices(Granularity), blank=True)
    status = models.CharField(max_length=16, choices=_choices(EventStatus), default=EventStatus.UNVERIFIED)
    # What the precedent check matches on (family, places, roles, actors of its claims), kept by the
    # checker each time it checks the event, so a later check reads it instead of the claims' text.
    family = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    states_precedent = models.BooleanField(default=False, editable=False, help_text="a claim on it says 'the first ...'")
    facts = models.JSONField(default=dict, blank=True, editable=False)
    # What the lists show, kept by the pipeline when the event changes
    # (timeline.analysis.summary), so a list reads events alone.
    claim_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    has_open_conflict = models.BooleanField(default=False, help_text="an open finding names the event or one of its claims")
    search_text = models.TextField(blank=True, default="", help_text="article titles and claim sentences the event is found by")
    preview_claims = models.JSONField(
        default=list, blank=True, editable=False, help_text="ids of the claims a timeline page shows of it (timeline.selectors.event_previews)"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["family", "states_precedent", "facts", "search_text", "preview_claims"])

    class Meta:
        ordering = ["value_start", "id"]
        # The timeline's keyset order, for each filter it serves; PostgreSQL
        # also gets a date-range (GiST) and search (GIN) index in the migration.
        indexes = [
            models.Index(fields=["value_start", "value_end"]),
            models.Index(fields=["states_precedent"], condition=models.Q(states_precedent=True), name="event_states_precedent"),
            models.Index(fields=["value_start", "id"], condition=models.Q(claim_count__gt=0), name="event_timeline_order"),
            models.Index(fields=["status", "value_start", "id"], condition=models.Q(claim_count__gt=0), name="event_timeline_status"),
            models.Index(
                fields=["value_start", "id"], condition=models.Q(claim_count__gt=0, has_open_conflict=True), name="event_timeline_conflict"
            ),
            # The largest events first: the pool a ranked search ranks (timeline.search).
            models.Index(fields=["-claim_count", "-id"], name="event_by_size"),
        ]

    def __str__(self) -> str:
        return self.label


class EventKey(models.Model):
    """A way into an event for claims that could join it (linking's candidate index, kept in the database).

    A new claim looks up its own keys here and is scored against those events
    alone, so placing it costs the same in a store of a thousand claims or a million.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="link_keys")
    key = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "event"], name="event_key_unique")]

    def __str__(self) -> str:
        return self.key


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
    # What the finding questions: the first claim it blames. With the kind it is the
    # finding's identity, so more sources on the other side grow its evidence, not its id.
    subject = models.ForeignKey("claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
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


class TimelineVersion(models.Model):
    """One row counting changes to what the timeline shows: cached pages are keyed by it."""

    value = models.BigIntegerField(default=0)
