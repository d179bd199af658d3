"""An inferred publication time: kept with its evidence, re-read on re-extraction, confirmed by an editor in one click."""

from datetime import date, datetime, timezone

import pytest
from django.test import Client

from claims.models import Article
from claims.services import article_confirm_published_at, article_extract, article_set_published_at
from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article, make_user  # noqa: F401
from factdb.errors import FactdbError

pytestmark = pytest.mark.django_db

LEAD = "The port authority approved the new quay on 3 March 2026."
TEXT = f"Quay approved\n\n{LEAD}\n\nThe harbour master said yesterday that dredging is finished."
DATELINED = "Published 9 March 2026\n\nThe ferry line reopened yesterday after repairs."


@pytest.fixture
def editor_browser(editor):
    client = Client()
    client.force_login(editor)
    return client


def _extracted(text: str) -> Article:
    article = make_article(text, outlet="Harbour Gazette")
    article_extract(article=article)
    article.refresh_from_db()
    return article


def _resolution_of(article: Article, phrase: str) -> tuple:
    claim = article.claims.get(text=phrase)
    return claim.value_start, claim.resolution


def test_extraction_stores_the_inferred_time_with_the_sentence_that_gave_it():
    article = _extracted(TEXT)

    assert (article.published_at, article.published_date_only, article.published_at_source, article.published_at_evidence) == (
        datetime(2026, 3, 3, tzinfo=timezone.utc), True, "latest_date", LEAD,
    )
    assert _resolution_of(article, "yesterday") == (date(2026, 3, 2), "inferred")


def test_extracting_again_keeps_relative_dates_inferred_against_a_dateline():
    article = _extracted(DATELINED)
    article_extract(article=article)  # a re-process reads the dateline again instead of taking it as stated
    article.refresh_from_db()

    assert (article.published_at_source, article.published_at_evidence) == ("dateline", "Published 9 March 2026")
    assert _resolution_of(article, "yesterday") == (date(2026, 3, 8), "inferred")


def test_confirming_makes_the_time_the_editors_and_relative_dates_stated(editor):
    article = _extracted(TEXT)

    article_confirm_published_at(article=article)
    article.refresh_from_db()
    assert (article.published_at_source, article.status, article.published_at_evidence) == ("editor", "pending", LEAD)
    article_extract(article=article)  # what the pipeline does next
    assert _resolution_of(article, "yesterday") == (date(2026, 3, 2), "relative")


def test_there_is_nothing_to_confirm_without_a_publication_time():
    article = _extracted("Quay\n\nThe harbour master said yesterday that dredging is finished.")

    with pytest.raises(FactdbError):
        article_confirm_published_at(article=article)


def test_a_correction_is_the_editors_and_drops_the_evidence():
    article = _extracted(TEXT)

    article_set_published_at(article=article, published_at=datetime(2026, 3, 4, 8, 0, tzinfo=timezone.utc))
    article.refresh_from_db()
    assert (article.published_at_source, article.published_at_evidence) == ("editor", "")
    article_extract(article=article)
    assert _resolution_of(article, "yesterday") == (date(2026, 3, 3), "relative")


def test_the_change_page_shows_the_evidence_and_a_confirm_button(editor_browser):
    article = _extracted(TEXT)

    page = editor_browser.get(f"/admin/claims/article/{article.pk}/change/").content.decode()

    assert "inferred from the latest date the lead reports as past" in page and LEAD in page
    assert 'name="_confirm_published_at"' in page


def test_the_confirm_button_confirms_in_one_click_with_the_editor_in_the_history(editor_browser, editor):
    article = _extracted(TEXT)

    # The form as shown (the day, unchanged) with the confirm button pressed.
    response = editor_browser.post(
        f"/admin/claims/article/{article.pk}/change/", {"published_at_text": "2026-03-03", "_confirm_published_at": "1"}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.published_at, article.published_at_source) == (datetime(2026, 3, 3, tzinfo=timezone.utc), "editor")
    latest = article.history.first()
    assert (latest.published_at_source, latest.history_user) == ("editor", editor)
    assert article.history.filter(published_at_source="latest_date").exists()  # what it was inferred as stays on record
    page = editor_browser.get(f"/admin/claims/article/{article.pk}/change/").content.decode()
    assert 'name="_confirm_published_at"' not in page


def test_the_list_action_confirms_only_inferred_times(editor_browser):
    inferred = _extracted(TEXT)
    stated = make_article("Quay stated.", published_at=datetime(2026, 3, 5, tzinfo=timezone.utc))

    editor_browser.post("/admin/claims/article/", {"action": "confirm_published_at", "_selected_action": [inferred.pk, stated.pk]})

    assert Article.objects.get(pk=inferred.pk).published_at_source == "editor"
    assert Article.objects.get(pk=stated.pk).published_at_source == "none"  # not inferred: left alone


def test_the_api_shows_where_an_inferred_time_was_read():
    article = _extracted(TEXT)

    body = Client().get(f"/api/articles/{article.pk}/").json()

    assert (body["published_at_source"], body["published_at_evidence"]) == ("latest_date", LEAD)
    assert [(c["text"], c["resolution"], c["dated_by_event"]) for c in body["claims"] if c["text"] == "yesterday"] == [("yesterday", "inferred", False)]
