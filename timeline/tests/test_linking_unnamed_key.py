"""A claim naming a happening finds, through the stored index, the event of its day that names none.

It looks up "unnamed|<day>" (the events that take a claim by its precise date alone), not
"exact|<day>" (every dated event of that day, a hundred a day in a large store).
"""

from datetime import datetime, timezone

import pytest

from claims.models import Claim
from claims.services import ArticleIn, article_ingest
from timeline.analysis.entities import EntityFinder
from timeline.analysis.linking import claim_key_texts
from timeline.analysis.profile import profile_claim
from timeline.models import EventKey
from timeline.records import claim_records

pytestmark = pytest.mark.django_db

PODIUM = "Helena Nangolo is due on the podium on Sept. 21, 2026, officials said."
VISIT = "Helena Nangolo visited Windhoek on Sept. 21, 2026, for talks."
OTHER_VISIT = "Tomas Ferreira visited Lisbon on Sept. 21, 2026, for talks."


def _ingest(text: str, outlet: str):
    return article_ingest(data=ArticleIn(body=text, outlet=outlet, published_at=datetime(2026, 9, 22, 9, tzinfo=timezone.utc)))


def test_a_claim_naming_a_happening_joins_the_unnamed_event_of_its_day_through_the_stored_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = _ingest(OTHER_VISIT, "Coast Courier")
        podium = _ingest(PODIUM, "Harbour Daily")
        visit = _ingest(VISIT, "Quay Weekly")
    assert all(r.wait(5) for r in (other, podium, visit))

    unnamed = Claim.objects.get(article=podium.article)
    named = Claim.objects.get(article=visit.article)
    stranger = Claim.objects.get(article=other.article)
    assert named.event_id == unnamed.event_id != stranger.event_id
    record = claim_records([named])[0]
    keys = claim_key_texts(record, profile_claim(record, EntityFinder([])))
    assert any(k.startswith("unnamed|") for k in keys) and not any(k.startswith("exact|") for k in keys)
    # Only the event that names no happening is filed where such a claim looks.
    filed = set(EventKey.objects.filter(key__startswith="unnamed|").values_list("event_id", flat=True))
    assert stranger.event_id not in filed


def test_the_migration_files_stored_events_that_name_no_happening_under_the_new_key():
    import importlib
    from types import SimpleNamespace

    from django.db import connection

    from timeline.models import Event

    migration = importlib.import_module("timeline.migrations.0010_eventkey_unnamed")
    day = "interval(start=datetime.date(2026, 9, 21), end=datetime.date(2026, 9, 21), granularity=<granularity.day: 'day'>)"
    plain, visit = Event.objects.create(label="a"), Event.objects.create(label="b")
    EventKey.objects.bulk_create([EventKey(event=plain, key=f"exact|{day}"), EventKey(event=visit, key=f"exact|{day}"), EventKey(event=visit, key="family|visit")])

    editor = SimpleNamespace(connection=connection)  # all the data step reads of its schema editor
    migration.file_unnamed(None, editor)
    migration.file_unnamed(None, editor)  # twice: nothing filed twice

    assert sorted(EventKey.objects.filter(key__startswith="unnamed|").values_list("event_id", "key")) == [(plain.id, f"unnamed|{day}")]
