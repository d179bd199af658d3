"""The editors' admin for articles and claims: every change goes through a service."""

from datetime import date, datetime, timezone

import pytest
from django.test import Client

from claims.models import Article, Claim
from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article, make_claim, make_event, make_user, viewer  # noqa: F401

pytestmark = pytest.mark.django_db

TEXT = "The charter was signed on August 8, 2008. The summit opens on March 2, 2026."


@pytest.fixture
def editor_browser(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def article():
    return make_article(TEXT, outlet="Caspian Wire", url="https://a.test/1")


@pytest.fixture
def claims(article):
    return [make_claim(article, "August 8, 2008", date(2008, 8, 8)), make_claim(article, "March 2, 2026", date(2026, 3, 2))]


def test_an_editor_sees_the_claims_with_their_outlet_and_interval(editor_browser, claims):
    response = editor_browser.get("/admin/claims/claim/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "August 8, 2008" in page and "Caspian Wire" in page and "2026-03-02" in page


def test_the_verify_action_reviews_each_claim_as_the_editor(editor_browser, editor, claims):
    response = editor_browser.post(
        "/admin/claims/claim/",
        {"action": "mark_verified", "_selected_action": [c.pk for c in claims], "note": "checked against the treaty"},
    )

    assert response.status_code == 302
    for claim in Claim.objects.all():
        assert (claim.review_status, claim.reviewed_by, claim.review_note) == ("verified", editor, "checked against the treaty")
        assert claim.history.first().history_user == editor


@pytest.mark.parametrize(("action", "status"), [("mark_disputed", "disputed"), ("mark_rejected", "rejected")])
def test_the_dispute_and_reject_actions_set_their_verdict(editor_browser, claims, action, status):
    editor_browser.post("/admin/claims/claim/", {"action": action, "_selected_action": [claims[0].pk]})

    assert Claim.objects.get(pk=claims[0].pk).review_status == status
    assert Claim.objects.get(pk=claims[1].pk).review_status == "unreviewed"


def test_a_viewer_cannot_review_claims_in_the_admin(viewer, claims):
    browser = Client()
    browser.force_login(viewer)

    listing = browser.get("/admin/claims/claim/")
    response = browser.post("/admin/claims/claim/", {"action": "mark_verified", "_selected_action": [claims[0].pk]})

    assert listing.status_code == 200
    assert "mark_verified" not in listing.content.decode()
    assert response.status_code in (200, 302, 403)
    assert Claim.objects.get(pk=claims[0].pk).review_status == "unreviewed"


def test_pinning_a_claim_to_an_event_in_its_form(editor_browser, claims):
    signing = make_event("charter signed", date(2008, 8, 8))
    claim = claims[0]

    response = editor_browser.post(
        f"/admin/claims/claim/{claim.pk}/change/",
        {"event": signing.pk, "event_pinned": "on", "review_status": "unreviewed", "review_note": ""},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert (claim.event, claim.event_pinned, claim.review_status) == (signing, True, "unreviewed")


def test_an_article_shows_its_raw_text_read_only(editor_browser, article):
    response = editor_browser.get(f"/admin/claims/article/{article.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "The charter was signed on August 8, 2008." in page
    assert 'name="raw"' not in page and 'name="text"' not in page and 'name="title"' not in page
    assert 'name="published_at_text"' in page


def test_correcting_the_publication_time_in_the_admin_keeps_its_offset(editor_browser, article):
    response = editor_browser.post(f"/admin/claims/article/{article.pk}/change/", {"published_at_text": "2026-03-03T09:15:00+04:00"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 3, 3, 5, 15, tzinfo=timezone.utc)
    assert (article.published_utc_offset, article.published_at_source, article.status) == (240, "editor", "pending")


def test_a_malformed_publication_time_is_shown_as_a_form_error(editor_browser, article):
    response = editor_browser.post(f"/admin/claims/article/{article.pk}/change/", {"published_at_text": "yesterday"})

    assert response.status_code == 200
    assert "is not a date (YYYY-MM-DD" in response.content.decode()
    article.refresh_from_db()
    assert article.published_at is None


def test_the_reprocess_action_queues_the_pipeline(editor_browser, article, django_capture_on_commit_callbacks):
    Article.objects.filter(pk=article.pk).update(status="failed", last_error="ValueError: boom")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        editor_browser.post("/admin/claims/article/", {"action": "reprocess", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert (article.status, article.last_error) == ("pending", "")
    assert len(callbacks) == 1


def test_articles_and_claims_cannot_be_added_or_deleted_in_the_admin(editor_browser, article, claims):
    superuser = make_user("root", is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(superuser)

    assert browser.get("/admin/claims/article/add/").status_code == 403
    assert browser.get("/admin/claims/claim/add/").status_code == 403
    assert browser.get(f"/admin/claims/claim/{claims[0].pk}/delete/").status_code == 403


def test_the_article_list_shows_title_outlet_and_status(editor_browser, article):
    response = editor_browser.get("/admin/claims/article/", {"q": "charter"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "The charter was signed on August 8, 2008" in page and "Caspian Wire" in page and "checked" in page
