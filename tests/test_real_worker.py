"""The pipeline on real services: PostgreSQL, Redis and a Celery worker.

Runs when CELERY_BROKER_URL is set (.ci/run sets it); without a broker there
is no worker to talk to, and the test says so by skipping.
"""

import time

import pytest
from django.conf import settings

from claims.models import Article, Claim
from claims.services import ArticleIn, article_ingest, claim_review
from claims.published import parse_published_at
from timeline.models import Finding

pytestmark = [
    pytest.mark.real_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs a broker: set CELERY_BROKER_URL (as .ci/run does)"),
]

SIGNED_ON_THE_2ND = (
    "BAKU, March 3 (Test Wire) - Ministers of the two countries signed the Caspian Transit Agreement "
    "in Baku on March 2, 2026, officials said.\n\nThe agreement sets up a joint commission."
)
SIGNED_ON_THE_5TH = (
    "Transit pact takes effect\n\nThe Caspian Transit Agreement was signed in Baku on March 5, 2026, "
    "according to the ministry of transport.\n\nIt covers rail and ferry freight."
)


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    from factdb.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        yield


def _ingest(text: str, published: str, url: str):
    published_at, _ = parse_published_at(published)
    return article_ingest(data=ArticleIn(body=text, url=url, outlet=url.split("/")[2], published_at=published_at))


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_turns_two_contradicting_articles_into_a_finding_and_resolves_it_when_an_editor_verifies_one(worker, django_user_model):
    first = _ingest(SIGNED_ON_THE_2ND, "2026-03-03T09:00:00+04:00", "https://wire.test/a")
    second = _ingest(SIGNED_ON_THE_5TH, "2026-03-06T10:00:00+04:00", "https://ledger.test/b")
    assert first.wait(90) and second.wait(90)

    # "checked" means the findings are settled: no polling for them.
    finding = Finding.objects.filter(kind="date_conflict", status="open").first()
    assert finding is not None, "no date_conflict finding"
    on_the_2nd = Claim.objects.get(article=first.article, text="March 2, 2026")
    on_the_5th = Claim.objects.get(article=second.article, text="March 5, 2026")
    assert (str(on_the_2nd.value_start), str(on_the_2nd.value_end)) == ("2026-03-02", "2026-03-02")
    assert (str(on_the_5th.value_start), on_the_5th.granularity) == ("2026-03-05", "day")
    assert set(finding.claims.values_list("id", flat=True)) >= {on_the_2nd.id, on_the_5th.id}
    assert on_the_2nd.event_id is not None and on_the_2nd.event_id == on_the_5th.event_id

    editor = django_user_model.objects.create_user("editor", is_staff=True)
    claim_review(claim=on_the_2nd, status="verified", editor=editor, note="the ministry's own release says March 2")

    assert _wait_for(lambda: Finding.objects.get(pk=finding.pk).status == "resolved"), "the finding was not resolved"
    assert Finding.objects.get(pk=finding.pk).resolved_at is not None
    on_the_2nd.event.refresh_from_db()
    assert (str(on_the_2nd.event.value_start), str(on_the_2nd.event.value_end)) == ("2026-03-02", "2026-03-02")


def test_a_worker_takes_waiting_articles_in_batches_and_each_ends_checked_once(worker, settings):
    """GIVEN the corpus posted while one worker runs WHEN it takes waiting articles in batches THEN every
    article ends checked, its claims stored once, no finding open twice, and none opened only to be
    resolved (as one article at a time, tests/test_pipeline_order)."""
    from django.db.models import Count

    from claims.management.commands.ingest_corpus import Command
    from tests.test_pipeline_order import ARTICLES, _open_findings

    settings.FACTDB_BATCH_ARTICLES = 5
    results = [article_ingest(data=Command()._input(article)) for article in ARTICLES]
    assert all(result.wait(120) for result in results)

    assert not Claim.objects.values("article", "start", "end").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Finding.objects.filter(status="open").values("kind", "subject").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert len(_open_findings()) >= 6
    # A batch's articles share their checked_at; posting takes milliseconds an article, a batch about a second.
    assert Article.objects.values("checked_at").distinct().count() < len(ARTICLES)
    assert Finding.objects.filter(status="resolved").count() == 0
