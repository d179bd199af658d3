"""Articles processed in batches end where one-at-a-time processing ends.

A worker rung for one article takes other waiting ones with it (pipeline/stages.py):
extracts each, links all their claims in one pass, checks the events they touched once.
GIVEN the corpus WHEN it goes through in batches THEN the events (as sets of claims) and
the open findings are those of one article at a time; one bad text fails alone; the
other articles' own messages find nothing to do.
"""

import random
from datetime import datetime, timezone

import pytest

from claims.management.commands.ingest_corpus import Command
from claims.models import Article, Claim
from claims.services import ArticleIn, article_ingest
from pipeline import stages
from tests.test_pipeline_order import ARTICLES, _events, _ingest_one_by_one, _open_findings
from timeline.models import Event, Finding
from timeline.tests.test_suspect_publication_steering import FIRST, SECOND, YEAR_OFF

pytestmark = pytest.mark.django_db


def _store_waiting(articles, capture) -> list[int]:
    """Store the articles with their doorbells silenced: they wait, pending, for a worker."""
    ids = []
    for article in articles:
        with capture(execute=False):
            ids.append(article_ingest(data=Command()._input(article)).article.id)
    return ids


def _process(article_ids, capture) -> list[str]:
    """Deliver each article's message in turn, as one worker would; what each delivery returned."""
    statuses = []
    for article_id in article_ids:
        with capture(execute=True):  # the re-check drain and any relinks run too
            statuses.append(stages.article_process(article_id=article_id))
    return statuses


def _clear() -> None:
    Article.objects.all().delete()
    Event.objects.all().delete()
    Finding.objects.all().delete()


@pytest.mark.parametrize(("seed", "size"), [(3, 12), (5, 4), (13, 3)])
def test_a_batch_ends_with_the_events_and_open_findings_of_one_article_at_a_time(
    seed, size, settings, django_capture_on_commit_callbacks
):
    settings.FACTDB_BATCH_ARTICLES, settings.FACTDB_BATCH_CHARS = size, 1_000_000
    articles = random.Random(seed).sample(ARTICLES, k=len(ARTICLES))
    ids = _store_waiting(articles, django_capture_on_commit_callbacks)

    statuses = _process(ids, django_capture_on_commit_callbacks)
    batched = (_events(), _open_findings())

    assert statuses == ["checked"] * len(ids)
    assert set(Article.objects.values_list("status", flat=True)) == {"checked"}
    # One checked_at per batch: the stage moved its articles together.
    assert Article.objects.values("checked_at").distinct().count() <= -(-len(ids) // size) + 2  # + the relinked ones
    assert len(batched[1]) >= 6

    _clear()
    settings.FACTDB_BATCH_ARTICLES = 1
    _ingest_one_by_one(articles, django_capture_on_commit_callbacks)
    assert Article.objects.values("checked_at").distinct().count() == len(articles)
    assert (_events(), _open_findings()) == batched


def test_the_other_articles_messages_find_their_work_done(settings, django_capture_on_commit_callbacks):
    settings.FACTDB_BATCH_ARTICLES, settings.FACTDB_BATCH_CHARS = 5, 1_000_000
    ids = _store_waiting(ARTICLES[:5], django_capture_on_commit_callbacks)

    assert _process(ids[:1], django_capture_on_commit_callbacks) == ["checked"]
    after_batch = sorted(Claim.objects.values_list("id", "event_id", "article_id"))
    findings = sorted(Finding.objects.values_list("id", "status"))

    # Each article's own doorbell, delivered afterwards (and twice).
    assert _process(ids + ids, django_capture_on_commit_callbacks) == ["checked"] * 10
    assert sorted(Claim.objects.values_list("id", "event_id", "article_id")) == after_batch
    assert sorted(Finding.objects.values_list("id", "status")) == findings
    assert sorted(Article.objects.values_list("attempts", flat=True)) == [1] * 5  # one run each, no more
    assert Article.objects.values("checked_at").distinct().count() == 1


def test_an_article_whose_extraction_raises_fails_alone_and_the_rest_of_its_batch_is_checked(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.FACTDB_BATCH_ARTICLES, settings.FACTDB_BATCH_CHARS = 4, 1_000_000
    ids = _store_waiting(ARTICLES[:4], django_capture_on_commit_callbacks)
    bad = ids[2]
    real_extract = stages.articles_extract

    def extract(*, articles):
        if any(article.id == bad for article in articles):
            raise ValueError("the tagger choked on this text")
        return real_extract(articles=articles)

    monkeypatch.setattr(stages, "articles_extract", extract)
    assert _process(ids[:1], django_capture_on_commit_callbacks) == ["checked"]

    rows = {a.id: (a.status, a.last_error) for a in Article.objects.all()}
    assert rows == {
        **{i: ("checked", "") for i in ids if i != bad},
        bad: ("failed", "extract: ValueError: the tagger choked on this text"),
    }
    assert not Claim.objects.filter(article_id=bad).exists()

    # Compared with the same three articles, one at a time.
    batched = (_events(), _open_findings())
    _clear()
    settings.FACTDB_BATCH_ARTICLES = 1
    _ingest_one_by_one([a for i, a in zip(ids, ARTICLES[:4]) if i != bad], django_capture_on_commit_callbacks)
    assert (_events(), _open_findings()) == batched


def test_a_long_text_and_an_article_already_tried_are_left_out_of_a_batch(settings, django_capture_on_commit_callbacks):
    """GIVEN a text longer than the batch's room and an article whose earlier run died WHEN a worker
    is rung for another article THEN it takes neither: each waits for its own message and goes alone."""
    settings.FACTDB_BATCH_ARTICLES = 10
    by_length = sorted(ARTICLES[:4], key=lambda a: len(a.text))
    ids = _store_waiting(by_length, django_capture_on_commit_callbacks)
    short, tried, other, longest = ids
    Article.objects.filter(pk=tried).update(attempts=1)
    lengths = {a.id: len(a.text) for a in Article.objects.all()}
    settings.FACTDB_BATCH_CHARS = lengths[short] + lengths[other] + lengths[longest] - 1  # all but one fit

    assert _process([short], django_capture_on_commit_callbacks) == ["checked"]
    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses == {short: "checked", tried: "pending", other: "checked", longest: "pending"}
    assert dict(Article.objects.values_list("id", "attempts")) == {short: 1, tried: 1, other: 1, longest: 0}

    assert _process([longest, tried], django_capture_on_commit_callbacks) == ["checked", "checked"]
    assert dict(Article.objects.values_list("id", "attempts")) == {short: 1, tried: 2, other: 1, longest: 1}
    assert Article.objects.values("checked_at").distinct().count() == 3


def test_an_article_whose_dates_the_batch_holds_back_is_linked_again_before_it_is_checked(
    settings, django_capture_on_commit_callbacks
):
    """GIVEN two sources on a strike and a page dated a year off (timeline/tests/test_suspect_publication_steering)
    arriving in one batch WHEN the batch's check holds the page's "yesterday" back THEN that page alone is
    linked again, joins the strike, and is checked with the others, as one at a time."""
    settings.FACTDB_BATCH_ARTICLES = 3
    with django_capture_on_commit_callbacks(execute=False):
        first, second, year_off = (
            article_ingest(data=ArticleIn(body=text, outlet=outlet, published_at=published)).article
            for text, outlet, published in (
                (FIRST, "Harbour Daily", datetime(2026, 6, 3, 9, tzinfo=timezone.utc)),
                (SECOND, "Coast Courier", datetime(2026, 6, 3, 12, tzinfo=timezone.utc)),
                (YEAR_OFF, "Quay Weekly", datetime(2025, 6, 3, 10, tzinfo=timezone.utc)),
            )
        )

    assert _process([first.id], django_capture_on_commit_callbacks) == ["checked"]

    rows = {a.id: a for a in Article.objects.all()}
    assert {a.status for a in rows.values()} == {"checked"}
    assert rows[first.id].linked_at == rows[second.id].linked_at < rows[year_off.id].linked_at  # linked again, alone
    yesterday = Claim.objects.get(article=year_off, text="yesterday")
    assert set(Claim.objects.exclude(article=year_off).values_list("event_id", flat=True)) == {yesterday.event_id}
    assert Finding.objects.get(kind="publication_date_suspect", status="open").subject_id == yesterday.id
    assert Article.objects.get(pk=year_off.id).attempts == 1
