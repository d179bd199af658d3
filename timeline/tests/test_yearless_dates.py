"""Year-less dates given their year by the event they link to (timeline.analysis.yearless, timeline.summaries)."""

from datetime import date, datetime, timezone

import pytest

from claims.extraction import resolve_near
from claims.extraction.types import ArticleText, Granularity, Interval
from claims.models import Claim
from claims.services import ArticleIn, article_ingest, claim_review
from claims.tests.test_api_fixtures import make_user
from timeline.analysis.consensus import consensus
from timeline.analysis.linking import as_linked
from timeline.models import Finding
from timeline.records import claim_records
from timeline.tests.test_analysis_support import day, record

EVENT = Interval(date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)


def _near(text: str, phrase: str, language: str = "en", around: Interval = EVENT, reach: int = 7):
    start = text.index(phrase)
    found = resolve_near(ArticleText(text, language), {(start, start + len(phrase))}, around, reach)
    interval = found.get((start, start + len(phrase)))
    return (interval.start, interval.end) if interval else None


# --- reading a year-less date near a day, without a database ---------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "language", "expected"),
    [
        ("The terminal opened on 10 February.", "10 February", "en", (date(2026, 2, 10), date(2026, 2, 10))),
        ("The minister arrived on Monday.", "Monday", "en", (date(2026, 2, 9), date(2026, 2, 9))),
        ("The talks will run 9-11 February.", "9-11 February", "en", (date(2026, 2, 9), date(2026, 2, 11))),
        ("Терминал открыли 10 февраля.", "10 февраля", "ru", (date(2026, 2, 10), date(2026, 2, 10))),
        ("The terminal opened in February.", "February", "en", (date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_a_year_less_date_takes_the_occurrence_nearest_the_event(text, phrase, language, expected):
    assert _near(text, phrase, language) == expected


def test_a_year_less_date_far_from_the_event_takes_nothing():
    assert _near("The terminal opened on 2 March.", "2 March") is None  # 20 days on: another happening


def test_an_expression_that_needs_the_publication_day_takes_nothing():
    assert _near("The terminal opened yesterday.", "yesterday") is None


def test_a_lent_date_neither_votes_nor_links():
    stated = record("The terminal opened on February 10, 2026.", "February 10, 2026", day(2026, 2, 10), article_id=1)
    lent = record("It opened on 12 February.", "12 February", day(2026, 2, 12), article_id=2, resolution="inferred")
    lent = lent.__class__(**{**lent.__dict__, "dated_by_event": True})

    assert consensus([stated, lent]) == (day(2026, 2, 10), "unverified")  # one source: the lent date adds none
    assert as_linked(lent).claim.interval is None


# --- through the pipeline ------------------------------------------------------------------------

STATED = "Harbour minister Ilse Marrow opened the new ferry terminal in Gdansk on February 10, 2026."
RELATIVE = "Harbour minister Ilse Marrow opened the ferry terminal in Gdansk yesterday, to applause."
UNDATED = "Ferry terminal opens\n\nHarbour minister Ilse Marrow opened the ferry terminal in Gdansk on 10 February, officials said."


@pytest.fixture
def terminal(db, django_capture_on_commit_callbacks):
    """Two dated reports of the opening, then a page with no publication time that gives no year."""
    with django_capture_on_commit_callbacks(execute=True):
        results = [
            article_ingest(data=ArticleIn(body=STATED, outlet="Harbour Daily", published_at=datetime(2026, 2, 10, 18, tzinfo=timezone.utc))),
            article_ingest(data=ArticleIn(body=RELATIVE, outlet="Coast Courier", published_at=datetime(2026, 2, 11, 8, tzinfo=timezone.utc))),
            article_ingest(data=ArticleIn(body=UNDATED, outlet="Quay Weekly")),
        ]
    assert all(r.wait(5) for r in results)
    return results


def _lent(terminal) -> Claim:
    return Claim.objects.select_related("event").get(article=terminal[2].article, text="10 February")


@pytest.mark.django_db
def test_a_year_less_date_takes_its_year_from_the_event_the_others_date(terminal):
    claim = _lent(terminal)

    assert terminal[2].article.published_at is None
    assert (claim.value_start, claim.value_end, claim.resolution, claim.dated_by_event) == (date(2026, 2, 10), date(2026, 2, 10), "inferred", True)
    assert (claim.event.value_start, claim.event.status) == (date(2026, 2, 10), "consistent")
    assert claim.event.claim_count == 3
    # Dated now, so no longer reported as undatable.
    assert not Finding.objects.filter(kind="unresolved_date", status="open", claims=claim).exists()


@pytest.mark.django_db
def test_the_lent_year_is_taken_back_when_no_stated_claim_dates_the_event(terminal, django_capture_on_commit_callbacks):
    editor = make_user("edna", "Editors", is_staff=True)
    stated = Claim.objects.exclude(article=terminal[2].article).filter(event=_lent(terminal).event)

    with django_capture_on_commit_callbacks(execute=True):
        for claim in stated:
            claim_review(claim=claim, status="rejected", editor=editor)

    claim = _lent(terminal)
    assert (claim.value_start, claim.resolution, claim.dated_by_event) == (None, "unresolved", False)
    assert claim.event.value_start is None
    assert [r.dated_by_event for r in claim_records([claim])] == [False]
