"""The claims CSV streams in constant memory: ten times the rows, about the same peak."""

import tracemalloc
from datetime import date

import pytest
from rest_framework.test import APIClient

from claims.models import Article, Claim

pytestmark = pytest.mark.django_db

TEXT = "Officials said the bridge reopened on May 4, 2025, after two years of repairs. " * 3


def _claims(count: int, start_id: int) -> None:
    articles = Article.objects.bulk_create(
        Article(url=f"https://m.example/{start_id + i}", outlet="Memory Times", raw=TEXT, text=TEXT, content_hash=f"{start_id + i:064d}")
        for i in range(count // 10)
    )
    at = TEXT.index("May 4, 2025")
    Claim.objects.bulk_create(
        (
            Claim(article=article, text="May 4, 2025", start=at + offset, end=at + offset + 11, sentence_start=0, sentence_end=80,
                  value_start=date(2025, 5, 4), value_end=date(2025, 5, 4), granularity="day", resolution="absolute")
            for article in articles
            for offset in range(10)
        ),
        batch_size=2000,
    )


def _peak_while_streaming() -> tuple[int, int]:
    response = APIClient().get("/api/exports/claims.csv")
    tracemalloc.start()
    try:
        rows = sum(line.count(b"\n") for line in response.streaming_content)
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_five_times_the_claims_stream_with_about_the_same_peak_memory():
    _claims(5_000, 0)
    small_rows, small_peak = _peak_while_streaming()
    _claims(20_000, 10_000_000)
    large_rows, large_peak = _peak_while_streaming()
    assert (small_rows, large_rows) == (5_001, 25_001)  # the header and one line per claim
    # Memory held is a chunk of rows, whatever the total; holding every row would make it five times larger.
    assert large_peak < small_peak * 1.5, (small_peak, large_peak)
