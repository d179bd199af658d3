from datetime import datetime, timedelta, timezone

from django.conf import settings
from django.db import models
from django.utils import timezone as dj_timezone
from simple_history.models import HistoricalRecords

from claims.extraction.types import Granularity, PublishedAtSource, Resolution, TimexType
from claims.types import ReviewStatus


def _choices(enum_cls):
    return [(member.value, member.value.replace("_", " ")) for member in enum_cls]


class Article(models.Model):
    class Status(models.TextChoices):
        """Where the article is in the pipeline; the pipeline (pipeline/stages.py) moves it on.

        pending -> extracted -> linked -> checked, or failed with `last_error`.
        The row is the record of the work: the broker only rings the bell.
        """

        PENDING = "pending"
        EXTRACTED = "extracted"
        LINKED = "linked"
        CHECKED = "checked"
        FAILED = "failed"

    class Format(models.TextChoices):
        TEXT = "text"
        HTML = "html"

    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=16, default="en")
    # Stored in UTC; the offset it was published with is kept separately
    # because "yesterday" is resolved in the article's own time zone.
    published_at = models.DateTimeField(null=True, blank=True)
    published_utc_offset = models.IntegerField(null=True, blank=True, help_text="minutes east of UTC")
    published_date_only = models.BooleanField(default=False, help_text="only the day is known, not the time")
    published_at_source = models.CharField(max_length=16, choices=_choices(PublishedAtSource), default="none")
    # What an editor is shown to confirm or correct an inferred publication time: the text that gave it.
    # (A database default too: the benchmark stores write articles with raw COPY/INSERTs.)
    published_at_evidence = models.CharField(
        max_length=500, blank=True, default="", db_default="", help_text="the line or sentence of the text an inferred publication time was read from"
    )
    source_format = models.CharField(max_length=8, choices=Format.choices, default=Format.TEXT)
    raw = models.TextField(help_text="the body exactly as received")
    text = models.TextField(help_text="the text claim offsets point into (the raw text, or what HTML yields)")
    content_hash = models.CharField(max_length=64, unique=True)
    syndication_key = models.CharField(max_length=64, blank=True, db_index=True, help_text="shared by copies of one syndicated story")
    ingested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # The pipeline moves these with conditional UPDATEs (no history row per stage: they are
    # the state of work, not an editor's data).
    status_changed_at = models.DateTimeField(default=dj_timezone.now, help_text="when the status last changed")
    attempts = models.PositiveIntegerField(default=0, help_text="pipeline runs started on this article")
    last_error = models.TextField(blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    linked_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["raw", "text", "status_changed_at", "attempts", "extracted_at", "linked_at", "checked_at"])

    class Meta:
        ordering = ["-ingested_at", "-id"]
        indexes = [
            models.Index(fields=["outlet"]),
            models.Index(fields=["published_at"]),
            models.Index(fields=["status", "status_changed_at"], name="article_status_since"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"article {self.pk}"

    @property
    def source_link(self) -> str | None:
        """The URL if a page may link to it: http(s) only.

        The API and the commands store nothing else, but a row written before
        they checked (or by hand) must not become a javascript: link.
        """
        url = (self.url or "").strip()
        return url if url.lower().startswith(("http://", "https://")) else None

    @property
    def published_at_local(self) -> datetime | None:
        """The publication time in the article's own zone, as the extractor wants it."""
        if self.published_at is None:
            return None
        zone = timezone(timedelta(minutes=self.published_utc_offset or 0))
        return self.published_at.astimezone(zone)


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    value_start = models.DateField(null=True, blank=True)
    value_end = models.DateField(null=True, blank=True)
    granularity = models.CharField(max_length=8, choices=_choices(Granularity))
    resolution = models.CharField(max_length=16, choices=_choices(Resolution))
    quoted = models.BooleanField(default=False)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 = Monday, as stated in the text")
    offset = models.JSONField(null=True, blank=True, help_text="date arithmetic: amount, unit, hedge, anchor_text")
    # The TIMEX3 view of the expression beside its interval: "P3Y" for "three years", "2013-03-22TAF".
    timex_type = models.CharField(max_length=8, choices=[(t.value, t.value) for t in TimexType], default=TimexType.DATE.value)
    timex_value = models.CharField(max_length=40, blank=True, help_text="the TIMEX3 value")
    timex_mod = models.CharField(max_length=16, blank=True, help_text="the TIMEX3 mod: START, END, APPROX...")
    event = models.ForeignKey("timeline.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    event_pinned = models.BooleanField(default=False, help_text="an editor placed it on its event; linking leaves it there")
    # A year-less date ("10 February", "Monday") in an article without a publication time, given its
    # year by the event the other sources date (timeline.summaries): inferred, it never votes on that date.
    dated_by_event = models.BooleanField(
        default=False, db_default=False, help_text="its year (or day) was taken from its event's date; the text gives none"
    )
    # "Three weeks after the charter was signed": the text gives no date, linking counts one from the
    # event the phrase names, and counts it again each time it places the claim, so the date follows
    # that event's as more sources arrive instead of keeping the one it had when the claim came in.
    dated_by_anchor = models.BooleanField(
        default=False, db_default=False, help_text="its date was counted from the event its phrase names; the text gives none"
    )
    phase = models.CharField(max_length=8, blank=True, help_text="start, end or whole of its event")
    # What linking read in the text around the claim (timeline.analysis.profile.Profile as JSON), kept
    # so that placing a new claim never re-reads the articles of the claims already on an event.
    profile = models.JSONField(null=True, blank=True, editable=False)
    review_status = models.CharField(max_length=16, choices=_choices(ReviewStatus), default=ReviewStatus.UNREVIEWED)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=dj_timezone.now, editable=False)
    history = HistoricalRecords(excluded_fields=["profile"])

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=models.Q(value_start__isnull=True) | models.Q(value_end__gte=models.F("value_start")),
                name="claim_interval_ordered",
            ),
        ]
        indexes = [models.Index(fields=["review_status"]), models.Index(fields=["value_start", "value_end"])]

    def __str__(self) -> str:
        return f"{self.text!r} in {self.article}"

    @property
    def sentence(self) -> str:
        return self.article.text[self.sentence_start : self.sentence_end]
