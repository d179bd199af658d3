"""Where factdb meets the outside: pages to fetch, feeds to poll, subscribers to tell.

Each table is also a work queue (healthchecks style): a row's state says what
is left to do, a task only rings the bell, and a periodic sweep rings again
for rows a lost message or a dead worker left behind.
"""

from django.db import models
from django.utils import timezone

from integrations.pages import DateFrom


class FetchRequest(models.Model):
    """One page to add by URL: the unit of work of "add by URL" and of feed entries."""

    class State(models.TextChoices):
        PENDING = "pending"
        FETCHING = "fetching"
        DONE = "done"
        FAILED = "failed"

    url = models.URLField(max_length=2000, unique=True, help_text="as asked for, normalised")
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True, help_text="what the page calls itself")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    http_status = models.PositiveIntegerField(null=True, blank=True)
    feed = models.ForeignKey("integrations.Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="requests")
    outlet = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, default="en")
    title_hint = models.CharField(max_length=500, blank=True, help_text="the feed entry's title")
    published_hint = models.DateTimeField(null=True, blank=True, help_text="the feed entry's date")
    published_hint_offset = models.IntegerField(null=True, blank=True, help_text="minutes east of UTC")
    published_from = models.CharField(max_length=16, choices=[(d.value, d.value.replace("_", " ")) for d in DateFrom], blank=True)
    article = models.ForeignKey("claims.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self) -> str:
        return self.url


class Feed(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    outlet = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, default="en")
    poll_minutes = models.PositiveIntegerField(default=30, help_text="how often to ask the feed for news")
    enabled = models.BooleanField(default=True)
    # What the server said last time, sent back so an unchanged feed costs a 304.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    entries_seen = models.PositiveIntegerField(default=0, help_text="entries added as fetch requests so far")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["outlet", "url"]

    def __str__(self) -> str:
        return f"{self.outlet or 'feed'}: {self.url}"


class WebhookEvent(models.TextChoices):
    FINDING_OPENED = "finding.opened"
    FINDING_RESOLVED = "finding.resolved"
    ARTICLE_PROCESSED = "article.processed"


class Subscriber(models.Model):
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=128, help_text="signs each delivery (HMAC-SHA256 of the body)")
    events = models.JSONField(default=list, help_text="the events it wants: " + ", ".join(WebhookEvent.values))
    active = models.BooleanField(default=True)
    description = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description or self.url


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    object_id = models.BigIntegerField()
    # Which state of the object this announces (a finding resolved twice is two deliveries).
    state_key = models.CharField(max_length=64)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "event", "object_id", "state_key"], name="delivery_once_per_state"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} #{self.object_id} → {self.subscriber}"


class OutboxCursor(models.Model):
    """How far webhooks_dispatch has read each source of events."""

    name = models.CharField(max_length=64, unique=True)
    position = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.position:%Y-%m-%d %H:%M:%S}"
