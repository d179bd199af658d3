"""Builders for the analysis tests: claim records from real-looking sentences."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from claims.extraction.types import Granularity, Interval, Offset, Resolution, TemporalClaim
from timeline.analysis.text import sentence_spans
from timeline.analysis.types import Alias, ClaimRecord, ReviewStatus

ALIASES = [
    Alias("J.D. Vance", "J.D. Vance", "person"),
    Alias("J.D. Vance", "JD Vance", "person"),
    Alias("J.D. Vance", "James David Vance", "person"),
    Alias("J.D. Vance", "Vice President Vance", "person"),
    Alias("J.D. Vance", "Vance", "person"),
    Alias("J.D. Vance", "Вэнс", "person"),
    Alias("Ilham Aliyev", "Aliyev", "person"),
    Alias("Heydar Aliyev", "Heydar Aliyev", "person"),
    Alias("Dick Cheney", "Dick Cheney", "person"),
    Alias("Dick Cheney", "Дик Чейни", "person"),
    Alias("Jacob Helberg", "Helberg", "person"),
    Alias("Nikol Pashinyan", "Pashinyan", "person"),
    Alias("Strategic Partnership Charter", "Charter on Strategic Partnership", "document"),
    Alias("Strategic Partnership Charter", "Хартия о стратегическом партнерстве", "document"),
    Alias("Azerbaijan", "Azerbaijan", "place"),
    Alias("Azerbaijan", "Baku", "place"),
    Alias("Azerbaijan", "Азербайджан", "place"),
    Alias("Azerbaijan", "Баку", "place"),
    Alias("Armenia", "Armenia", "place"),
    Alias("Armenia", "Yerevan", "place"),
    Alias("Georgia", "Tbilisi", "place"),
    Alias("United States", "U.S.", "place"),
    Alias("United States", "American", "place"),
    Alias("United States", "US", "place"),
    Alias("United States", "США", "place"),
    Alias("United States", "Washington", "place"),
]

_ids = iter(range(1, 10**6))


def day(y: int, m: int, d: int) -> Interval:
    return Interval(date(y, m, d), date(y, m, d), Granularity.DAY)


def days(start: date, end: date) -> Interval:
    return Interval(start, end, Granularity.DAY)


def month(y: int, m: int) -> Interval:
    nxt = date(y + m // 12, m % 12 + 1, 1)
    return Interval(date(y, m, 1), date.fromordinal(nxt.toordinal() - 1), Granularity.MONTH)


def year(y: int) -> Interval:
    return Interval(date(y, 1, 1), date(y, 12, 31), Granularity.YEAR)


def record(
    text: str,
    expression: str,
    interval: Interval | None,
    *,
    article_id: int = 1,
    outlet: str = "Wire",
    published: datetime | None = datetime(2026, 2, 11, 12, tzinfo=timezone.utc),
    resolution: Resolution = Resolution.ABSOLUTE,
    offset: Offset | None = None,
    weekday: int | None = None,
    occurrence: int = 0,
    content_hash: str = "",
    review: ReviewStatus = ReviewStatus.UNREVIEWED,
    pinned: int | None = None,
    quoted: bool = False,
) -> ClaimRecord:
    """A claim on the `occurrence`-th `expression` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(expression, start + 1)
    end = start + len(expression)
    s_start, s_end = next((a, b) for a, b in sentence_spans(text) if a <= start < b)
    if interval is None and offset is None and resolution == Resolution.ABSOLUTE:
        resolution = Resolution.UNRESOLVED
    granularity = interval.granularity if interval else Granularity.DAY
    claim = TemporalClaim(start, end, expression, s_start, s_end, interval, granularity, resolution, quoted, offset, weekday)
    return ClaimRecord(
        id=next(_ids),
        article_id=article_id,
        outlet=outlet,
        published_at=published,
        article_text=text,
        claim=claim,
        content_hash=content_hash or f"hash-{article_id}",
        review_status=review,
        pinned_event_id=pinned,
    )


@pytest.fixture
def _tasks_in_process():
    """The analysis tests touch neither Celery nor settings: this replaces the
    project-wide autouse fixture so they also run with `-p no:django`."""
    yield
