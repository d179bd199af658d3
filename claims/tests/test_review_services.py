"""What editors enter survives: URL corrections, and verdicts across re-extraction."""

from datetime import date, datetime, timedelta, timezone

import pytest

from claims.models import Article
from claims.services import ArticleIn, article_extract, article_ingest, article_set_published_at, article_set_url, claim_review
from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article  # noqa: F401
from factdb.errors import FactdbError

pytestmark = pytest.mark.django_db

PLUS4 = timezone(timedelta(hours=4))
REOPENED = "The harbour reopened yesterday, the port authority said. The ferry line resumed on May 2, 2026."


@pytest.fixture
def processed(django_capture_on_commit_callbacks):
    """An article the real extractor has read: 'yesterday' (relative) and 'May 2, 2026' (absolute)."""
    with django_capture_on_commit_callbacks(execute=True):
        result = article_ingest(data=ArticleIn(body=REOPENED, outlet="Wire", published_at=datetime(2026, 5, 8, 10, 0, tzinfo=PLUS4)))
    article = Article.objects.get(pk=result.article.pk)
    return article, {c.text: c for c in article.claims.all()}


# --- article_set_url -----------------------------------------------------------------------------


def test_an_editor_corrects_the_url():
    article = make_article("The quay opened on June 1, 2026.", url="https://old.example/quay")

    article_set_url(article=article, url="  https://new.example/quay  ")

    article.refresh_from_db()
    assert article.url == "https://new.example/quay"
    assert article.history.first().url == "https://new.example/quay"
    assert article.history.last().url == "https://old.example/quay"


def test_an_empty_url_clears_it():
    article = make_article("The quay opened on June 1, 2026.", url="https://old.example/quay")

    article_set_url(article=article, url="")

    article.refresh_from_db()
    assert article.url is None


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("not a url", "must not contain spaces, control or invisible (zero-width) characters"),
        ("ftp//missing-colon", "must be an http:// or https:// URL"),
        ("javascript:alert(1)", "must be an http:// or https:// URL"),
        ("https://-bad-.example/", "'https://-bad-.example/' is not a valid http(s) URL"),
    ],
)
def test_a_malformed_url_is_refused(bad, message):
    article = make_article("The quay opened on June 1, 2026.", url="https://old.example/quay")

    with pytest.raises(FactdbError) as error:
        article_set_url(article=article, url=bad)

    assert error.value.fields == {"url": [message]}
    article.refresh_from_db()
    assert article.url == "https://old.example/quay"


def test_a_url_another_article_holds_is_refused():
    make_article("The quay opened on June 1, 2026.", url="https://taken.example/quay")
    article = make_article("The pier opened on June 2, 2026.", url="https://mine.example/pier")

    with pytest.raises(FactdbError) as error:
        article_set_url(article=article, url="https://taken.example/quay")

    assert error.value.fields == {"url": ["another article already has this URL"]}


def test_setting_an_article_its_own_url_again_is_fine():
    article = make_article("The quay opened on June 1, 2026.", url="https://mine.example/quay")

    article_set_url(article=article, url="https://mine.example/quay")

    assert Article.objects.get(pk=article.pk).url == "https://mine.example/quay"


# --- nothing an editor entered is lost on re-extraction ------------------------------------------


def test_a_verified_claim_survives_re_extraction_with_its_verdict_reviewer_and_note(processed, editor):
    article, claims = processed
    ferry = claims["May 2, 2026"]
    claim_review(claim=ferry, status="verified", editor=editor, note="matches the timetable")
    reviewed_at = Article.objects.get(pk=article.pk).claims.get(pk=ferry.pk).reviewed_at

    article_extract(article=article)

    again = article.claims.get(start=ferry.start, end=ferry.end)
    assert again.pk == ferry.pk
    assert (again.review_status, again.reviewed_by, again.review_note, again.reviewed_at) == ("verified", editor, "matches the timetable", reviewed_at)
    assert article.claims.count() == 2


def test_a_claim_re_extracted_at_the_same_span_after_a_new_publication_time_keeps_the_verdict(processed, editor, django_capture_on_commit_callbacks):
    article, claims = processed
    yesterday = claims["yesterday"]
    assert yesterday.value_start == date(2026, 5, 7)
    claim_review(claim=yesterday, status="rejected", editor=editor, note="the port reopened two days before")

    with django_capture_on_commit_callbacks(execute=True):
        article_set_published_at(article=article, published_at=datetime(2026, 5, 5, 10, 0, tzinfo=PLUS4))

    again = Article.objects.get(pk=article.pk).claims.get(start=yesterday.start, end=yesterday.end)
    assert again.pk == yesterday.pk
    assert (again.review_status, again.reviewed_by, again.review_note) == ("rejected", editor, "the port reopened two days before")
    # The editor's verdict outranks the extractor: the value the editor judged is kept as it was.
    assert again.value_start == date(2026, 5, 7)


def test_an_unreviewed_claim_is_re_resolved_when_the_publication_time_changes(processed, django_capture_on_commit_callbacks):
    article, claims = processed

    with django_capture_on_commit_callbacks(execute=True):
        article_set_published_at(article=article, published_at=datetime(2026, 5, 5, 10, 0, tzinfo=PLUS4))

    again = Article.objects.get(pk=article.pk).claims.get(pk=claims["yesterday"].pk)
    assert (again.value_start, again.review_status) == (date(2026, 5, 4), "unreviewed")
