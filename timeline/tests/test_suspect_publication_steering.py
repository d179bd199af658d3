"""A suspect publication time stops steering events until an editor decides (timeline.records.suspect_articles).

GIVEN two sources dating a strike to 2 June 2026 and a page dated a year off
(3 June 2025) whose "yesterday" reports the same strike as current.
"""

from datetime import date, datetime, timezone

import pytest

from claims.models import Article, Claim
from claims.services import ArticleIn, article_ingest, article_set_published_at
from claims.tests.test_api_fixtures import make_user
from timeline.analysis.linking import claim_key_texts, link_claims
from timeline.analysis.profile import profile_claim
from timeline.analysis.entities import EntityFinder
from timeline.models import Event, Finding
from timeline.records import claim_records
from timeline.services import finding_dismiss, finding_reopen
from timeline.tests.test_analysis_support import day, record

pytestmark = pytest.mark.django_db

FIRST = "Dock workers in Gdansk began a strike on June 2, 2026, called by union leader Ilse Marrow."
SECOND = "Port workers in Gdansk walked out yesterday in a strike led by union leader Ilse Marrow."
YEAR_OFF = "The strike called by union leader Ilse Marrow shut the port of Gdansk yesterday."


def _ingest(text: str, published: datetime, outlet: str):
    return article_ingest(data=ArticleIn(body=text, outlet=outlet, published_at=published))


@pytest.fixture
def strike(django_capture_on_commit_callbacks):
    """The three articles, each through every stage in the order they arrive; the year-off page last."""
    with django_capture_on_commit_callbacks(execute=True):
        results = [
            _ingest(FIRST, datetime(2026, 6, 3, 9, tzinfo=timezone.utc), "Harbour Daily"),
            _ingest(SECOND, datetime(2026, 6, 3, 12, tzinfo=timezone.utc), "Coast Courier"),
            _ingest(YEAR_OFF, datetime(2025, 6, 3, 10, tzinfo=timezone.utc), "Quay Weekly"),
        ]
    assert all(r.wait(5) for r in results)
    return results[-1].article


def strike_status(article: Article) -> str:
    return Article.objects.get(pk=article.pk).status


def _yesterday(article: Article) -> Claim:
    return Claim.objects.select_related("event").get(article=article, text="yesterday")


def test_the_year_off_page_is_found_and_its_date_no_longer_dates_its_event(strike):
    claim = _yesterday(strike)
    finding = Finding.objects.get(kind="publication_date_suspect", status="open")

    assert finding.subject_id == claim.id
    assert (claim.value_start, claim.resolution) == (date(2025, 6, 2), "relative")  # the claim keeps what its text says
    assert [r.held_back for r in claim_records([claim])] == [True]
    # Linked again at once without its date, it joins the strike on the union leader it names; the
    # event keeps the others' date, and no event is dated by the page's year-off day any more.
    others = Claim.objects.filter(article__outlet__in=["Harbour Daily", "Coast Courier"]).select_related("event")
    assert {c.event_id for c in others} == {claim.event_id}
    assert (claim.event.value_start, claim.event.value_end, strike_status(strike)) == (date(2026, 6, 2), date(2026, 6, 2), "checked")
    assert not Event.objects.filter(value_start=date(2025, 6, 2)).exists()


def test_dismissing_the_finding_lets_the_date_steer_again_and_reopening_holds_it_back(strike, django_capture_on_commit_callbacks):
    editor = make_user("edna", "Editors", is_staff=True)
    finding = Finding.objects.get(kind="publication_date_suspect", status="open")

    with django_capture_on_commit_callbacks(execute=True):
        finding_dismiss(finding=finding, editor=editor, reason="the page really is last year's report")
    claim = _yesterday(strike)
    assert [r.held_back for r in claim_records([claim])] == [False]
    assert (claim.event.value_start, strike_status(strike)) == (date(2025, 6, 2), "checked")
    assert Finding.objects.get(pk=finding.pk).status == "dismissed"  # seen again by the check, still dismissed

    with django_capture_on_commit_callbacks(execute=True):
        finding_reopen(finding=Finding.objects.get(pk=finding.pk))
    # Held back again and linked again without its date: it joins the strike on the union leader it
    # names, and that event keeps the date the other two sources give.
    claim = _yesterday(strike)
    first = Claim.objects.select_related("event").get(article__outlet="Harbour Daily")
    assert [r.held_back for r in claim_records([claim])] == [True]
    assert (claim.event_id, claim.event.value_start, claim.value_start) == (first.event_id, date(2026, 6, 2), date(2025, 6, 2))
    assert Finding.objects.get(pk=finding.pk).status == "open"


def test_correcting_the_publication_time_is_a_decision_too(strike, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article_set_published_at(article=strike, published_at=datetime(2026, 6, 3, 10, tzinfo=timezone.utc))
        assert Article.objects.get(pk=strike.pk).status == "pending"
    strike.refresh_from_db()
    assert strike.status == "checked"
    claim = _yesterday(strike)
    assert (claim.value_start, claim.event.value_start) == (date(2026, 6, 2), date(2026, 6, 2))
    assert not Finding.objects.filter(kind="publication_date_suspect", status="open").exists()


# --- linking, without a database ------------------------------------------------------------------

MEETING = "The harbour board met on June 2, 2025."
SUSPECT = "The harbour board met yesterday."


def _pair(held: bool):
    stated = record(MEETING, "June 2, 2025", day(2025, 6, 2), article_id=1)
    relative = record(SUSPECT, "yesterday", day(2025, 6, 2), article_id=2, resolution="relative")
    if held:
        relative = relative.__class__(**{**relative.__dict__, "date_suspect": True})
    return stated, relative


@pytest.mark.parametrize(("held", "groups"), [(False, 1), (True, 2)])
def test_a_held_back_date_neither_links_nor_files_its_event_under_its_days(held, groups):
    stated, relative = _pair(held)
    finder = EntityFinder([])

    linked = link_claims([stated, relative], [], finder=finder)

    assert len(linked) == groups
    keys = claim_key_texts(relative, profile_claim(relative, finder))
    assert any(k.startswith(("exact", "unnamed", "overlap")) for k in keys) is not held


def test_a_page_found_suspect_by_a_later_article_is_linked_again_at_once(django_capture_on_commit_callbacks):
    """GIVEN the year-off page first WHEN the two other sources arrive and the check finds it out
    THEN it is sent through linking again and its claim leaves the event its wrong day made."""
    with django_capture_on_commit_callbacks(execute=True):
        results = [
            _ingest(YEAR_OFF, datetime(2025, 6, 3, 10, tzinfo=timezone.utc), "Quay Weekly"),
            _ingest(FIRST, datetime(2026, 6, 3, 9, tzinfo=timezone.utc), "Harbour Daily"),
            _ingest(SECOND, datetime(2026, 6, 3, 12, tzinfo=timezone.utc), "Coast Courier"),
        ]
    assert all(r.wait(5) for r in results)

    claim = _yesterday(results[0].article)
    first = Claim.objects.get(article=results[1].article)
    assert Finding.objects.get(kind="publication_date_suspect", status="open").subject_id == claim.id
    assert (claim.event_id, claim.event.value_start, strike_status(results[0].article)) == (first.event_id, date(2026, 6, 2), "checked")
    assert Article.objects.get(pk=results[0].article.pk).attempts == 1  # linked again as new work, not a retry


LONE = "The dock strike in Gdansk shut the port yesterday, leaving the ferries idle."


def test_a_held_back_page_that_names_no_one_keeps_an_event_filed_under_no_day(django_capture_on_commit_callbacks):
    """GIVEN the two sources and a year-off page naming only the place WHEN it is found out
    THEN its claim, linked again without its date, has an undated event filed under no day."""
    with django_capture_on_commit_callbacks(execute=True):
        results = [
            _ingest(FIRST, datetime(2026, 6, 3, 9, tzinfo=timezone.utc), "Harbour Daily"),
            _ingest(SECOND, datetime(2026, 6, 3, 12, tzinfo=timezone.utc), "Coast Courier"),
            _ingest(LONE, datetime(2025, 6, 3, 10, tzinfo=timezone.utc), "Quay Weekly"),
        ]
    assert all(r.wait(5) for r in results)

    claim = _yesterday(results[2].article)
    assert Finding.objects.get(kind="publication_date_suspect", status="open").subject_id == claim.id
    assert claim.event_id != Claim.objects.get(article=results[0].article).event_id
    assert (claim.event.value_start, claim.event.label.endswith("(undated)")) == (None, True)
    keys = set(claim.event.link_keys.values_list("key", flat=True))
    assert keys and not any(k.startswith(("exact", "unnamed", "overlap", "nearby")) for k in keys)
