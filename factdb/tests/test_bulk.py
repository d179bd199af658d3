"""rows_update writes the named columns of many rows, each row its own values, and nothing else."""

import datetime

import pytest

from claims.models import Article, Claim
from factdb.bulk import rows_update
from timeline.analysis.types import EventStatus
from timeline.models import Event


@pytest.mark.django_db
def test_rows_update_writes_each_rows_own_values_of_the_named_columns_only():
    article = Article.objects.create(outlet="Test Wire", text="Signed on March 2, 2026.", raw="Signed on March 2, 2026.", content_hash="h1")
    first, second = Event.objects.create(label="first"), Event.objects.create(label="second")
    claims = [Claim.objects.create(article=article, start=i, end=i + 1, sentence_start=0, sentence_end=24, text="x") for i in range(3)]
    history_before = Claim.history.count() + Event.history.count()

    claims[0].event_id, claims[0].phase, claims[0].value_start = first.id, "start", datetime.date(2026, 3, 2)
    claims[1].event_id, claims[1].profile = second.id, {"kind": "visit", "names": ["a"]}
    claims[2].text = "not written: not a named column"
    assert rows_update(claims, ["event_id", "phase", "value_start", "profile"]) == 3

    stored = {c.id: c for c in Claim.objects.filter(id__in=[c.id for c in claims])}
    assert (stored[claims[0].id].event_id, stored[claims[0].id].phase, stored[claims[0].id].value_start) == (first.id, "start", datetime.date(2026, 3, 2))
    assert (stored[claims[1].id].event_id, stored[claims[1].id].profile, stored[claims[1].id].value_start) == (second.id, {"kind": "visit", "names": ["a"]}, None)
    assert stored[claims[2].id].event_id is None and stored[claims[2].id].text == "x"

    first.status, first.preview_claims = EventStatus.CONFLICTING, [claims[0].id]
    rows_update([first], ["status", "preview_claims"])
    first.refresh_from_db()
    assert (first.status, first.preview_claims) == (EventStatus.CONFLICTING.value, [claims[0].id])
    assert Claim.history.count() + Event.history.count() == history_before  # the pipeline's readings: no history rows
    assert rows_update([], ["status"]) == 0
