"""The pipeline's state lives in the database: failures are recorded and resumable, lost messages are
found by the sweep, repeats coalesce, and one huge article cannot stall the others."""

from datetime import datetime, timedelta, timezone

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone as dj_timezone

from claims.models import Article, Claim
from claims.services import ArticleIn, article_ingest, article_reprocess, claim_review
from pipeline import stages
from timeline.models import Finding
from work.models import EventRecheck

PLUS4 = timezone(timedelta(hours=4))
SIGNED_2ND = "Ministers signed the Harbour Transit Agreement in Porto Novo on March 2, 2026, officials said."
SIGNED_5TH = "The Harbour Transit Agreement was signed in Porto Novo on March 5, 2026, according to the ministry."

pytestmark = pytest.mark.django_db


def _ingest(text, capture, *, execute=True, **extra):
    with capture(execute=execute):
        result = article_ingest(data=ArticleIn(body=text, outlet=extra.pop("outlet", "Wire"), published_at=datetime(2026, 3, 6, 9, 0, tzinfo=PLUS4), **extra))
    return Article.objects.get(pk=result.article.pk)


def test_a_stage_that_dies_leaves_the_article_failed_with_its_error_and_a_retry_resumes_it(django_capture_on_commit_callbacks, monkeypatch, editor):
    """GIVEN linking hits the task's time limit WHEN the article is processed THEN it is failed with the
    stage and error recorded, its claims are kept, and an editor's retry finishes it."""
    real_link = stages.claims_link

    def dying(**kwargs):
        raise SoftTimeLimitExceeded("time limit")

    monkeypatch.setattr(stages, "claims_link", dying)
    article = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks)

    assert (article.status, article.last_error) == ("failed", "link: the task's time limit was reached (CELERY_TASK_SOFT_TIME_LIMIT)")
    assert article.extracted_at is not None and article.linked_at is None
    assert Claim.objects.filter(article=article, event=None).count() == 1  # extracted, not silently linked

    monkeypatch.setattr(stages, "claims_link", real_link)
    with django_capture_on_commit_callbacks(execute=True):
        article_reprocess(article=article)
    article.refresh_from_db()

    assert (article.status, article.last_error, article.attempts) == ("checked", "", 1)  # an editor's retry is new work
    assert Claim.objects.filter(article=article, event=None).count() == 0


def test_an_editor_can_rerun_an_article_more_times_than_the_attempts_allow(django_capture_on_commit_callbacks, settings):
    """Attempts count a worker's tries at one piece of work; each re-run an editor asks for starts them again."""
    article = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks)
    for _ in range(settings.FACTDB_MAX_ATTEMPTS + 1):
        with django_capture_on_commit_callbacks(execute=True):
            article_reprocess(article=article)
    article.refresh_from_db()

    assert (article.status, article.attempts, article.last_error) == ("checked", 1, "")


def test_the_sweep_resends_an_article_whose_message_was_lost(django_capture_on_commit_callbacks):
    article = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks, execute=False)  # the doorbell never rang
    assert (article.status, article.attempts) == ("pending", 0)

    with django_capture_on_commit_callbacks(execute=True):
        early = stages.sweep()  # not stale yet: a message may still be on its way
        late = stages.sweep(now=dj_timezone.now() + timedelta(hours=1))
    article.refresh_from_db()

    assert (early.articles_resent, late.articles_resent) == (0, 1)
    assert (article.status, article.attempts) == ("checked", 1)


def test_an_article_that_keeps_killing_workers_is_failed_after_its_attempts(django_capture_on_commit_callbacks, settings):
    article = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks, execute=False)
    Article.objects.filter(pk=article.pk).update(attempts=settings.FACTDB_MAX_ATTEMPTS)

    with django_capture_on_commit_callbacks(execute=True):
        summary = stages.sweep(now=dj_timezone.now() + timedelta(hours=1))
    article.refresh_from_db()

    assert (summary.articles_resent, summary.articles_given_up) == (0, 1)
    assert (article.status, article.last_error) == ("failed", "gave up after 5 attempts (a worker died or timed out each time)")


def test_processing_an_article_twice_does_nothing_the_second_time(django_capture_on_commit_callbacks):
    article = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks)
    claims = list(Claim.objects.values_list("id", "event_id"))

    assert stages.article_process(article_id=article.pk) == "checked"
    assert list(Claim.objects.values_list("id", "event_id")) == claims
    assert Article.objects.get(pk=article.pk).attempts == 1


def test_a_burst_of_verdicts_on_one_event_is_one_recheck(django_capture_on_commit_callbacks, editor):
    first = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks, outlet="Wire One")
    second = _ingest(SIGNED_5TH, django_capture_on_commit_callbacks, outlet="Ledger")
    on_2nd, on_5th = Claim.objects.get(article=first), Claim.objects.get(article=second)
    assert on_2nd.event_id == on_5th.event_id
    finding = Finding.objects.get(kind="date_conflict", status="open")

    with django_capture_on_commit_callbacks(execute=False) as rings:
        for i in range(100):
            claim_review(claim=on_2nd if i % 2 else on_5th, status="verified" if i < 99 else "unreviewed", editor=editor)
        claim_review(claim=on_2nd, status="verified", editor=editor, note="the ministry's release")

    assert list(EventRecheck.objects.values_list("event_id", flat=True)) == [on_2nd.event_id]
    assert len(rings) == 101  # each write rings; the work is one row
    summary = stages.events_recheck()
    again = stages.events_recheck()
    assert (summary.events, again.events) == (1, 0)
    assert not EventRecheck.objects.exists()
    assert Finding.objects.get(pk=finding.pk).status == "resolved"  # the editor settled it


def test_a_text_with_too_many_dates_fails_clearly_and_does_not_hold_up_the_next(django_capture_on_commit_callbacks, settings):
    settings.FACTDB_MAX_CLAIMS_PER_ARTICLE = 5
    chronology = " ".join(f"Talks resumed on March {day}, 2026." for day in range(1, 12))

    huge = _ingest(chronology, django_capture_on_commit_callbacks)
    normal = _ingest(SIGNED_2ND, django_capture_on_commit_callbacks)

    assert (huge.status, huge.last_error) == (
        "failed",
        "extract: FactdbError: the text holds 11 dated expressions; the limit is 5 (FACTDB_MAX_CLAIMS_PER_ARTICLE)",
    )
    assert not Claim.objects.filter(article=huge).exists()
    assert normal.status == "checked"


@pytest.fixture
def editor(db):
    from claims.tests.test_api_fixtures import make_user

    return make_user("edna", "Editors", is_staff=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_relink_command_rebuilds_the_same_events_and_leaves_nothing_queued(capsys):
    from django.core.management import call_command

    for text, outlet in ((SIGNED_2ND, "Wire One"), (SIGNED_5TH, "Ledger")):
        article_ingest(data=ArticleIn(body=text, outlet=outlet, published_at=datetime(2026, 3, 6, 9, 0, tzinfo=PLUS4)))
    before = sorted(Claim.objects.values_list("id", "event_id"))
    Claim.objects.update(profile=None)  # as a store made before claims kept their profiles

    call_command("relink", "--wait", "--timeout", "60")

    assert capsys.readouterr().out.strip() == "relinked 2 claims; 0 events changed"
    assert sorted(Claim.objects.values_list("id", "event_id")) == before
    assert not Claim.objects.filter(profile=None).exists()
    assert not EventRecheck.objects.exists()
