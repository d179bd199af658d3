"""POST/GET /api/articles/: ingestion through the API, bad input, who may write."""

from datetime import datetime, timedelta, timezone

import pytest

from claims.models import Article, Claim
from claims.tests.test_api_fixtures import (  # noqa: F401  (fixtures)
    _fresh_throttles,
    anon_client,
    editor,
    editor_client,
    make_article,
    make_claim,
    viewer,
    viewer_client,
)

pytestmark = pytest.mark.django_db

TEXT = "BAKU, March 3 — The council met in Baku on March 2, 2026, officials said. The vote follows in May."
URL = "https://news.test/council-meets"


def _counts():
    return Article.objects.count(), Claim.objects.count()


def test_an_editor_ingests_a_new_article_and_gets_202_with_its_status_url(editor_client):
    response = editor_client.post(
        "/api/articles/",
        {"text": TEXT, "url": URL, "outlet": "Caspian Wire", "published_at": "2026-03-03T09:15:00+04:00"},
        format="json",
    )

    assert response.status_code == 202
    body = response.json()
    article = body["article"]
    assert body["status_url"] == f"http://testserver/api/articles/{article['id']}/"  # the article row is the record of the work
    assert article["url"] == URL
    assert article["outlet"] == "Caspian Wire"
    assert article["title"] == TEXT  # no title given: the first line
    assert article["published_at"] == "2026-03-03T09:15:00+04:00"  # kept in the article's own zone
    assert article["published_date_only"] is False
    assert article["published_at_source"] == "metadata"
    assert article["status"] == "pending"
    stored = Article.objects.get()
    assert stored.published_at == datetime(2026, 3, 3, 5, 15, tzinfo=timezone.utc)
    assert stored.published_utc_offset == 240


def test_a_date_only_publication_time_is_stored_as_that_day(editor_client):
    response = editor_client.post("/api/articles/", {"text": TEXT, "published_at": "2026-03-03"}, format="json")

    assert response.status_code == 202
    assert response.json()["article"]["published_date_only"] is True
    assert Article.objects.get().published_at == datetime(2026, 3, 3, tzinfo=timezone.utc)


def test_ingesting_runs_the_pipeline_once_the_transaction_commits(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = editor_client.post("/api/articles/", {"text": TEXT, "published_at": "2026-03-03"}, format="json")

    assert response.status_code == 202
    assert len(callbacks) >= 1  # the article's processing, then the re-check of neighbouring events it rings
    article = Article.objects.get()
    assert (article.status, article.attempts, article.last_error) == ("checked", 1, "")
    assert article.extracted_at <= article.linked_at <= article.checked_at


def test_the_same_text_again_answers_200_with_the_stored_article(editor_client):
    first = editor_client.post("/api/articles/", {"text": TEXT, "url": URL}, format="json")
    again = editor_client.post("/api/articles/", {"text": TEXT, "url": URL, "outlet": "Someone Else"}, format="json")

    assert first.status_code == 202 and again.status_code == 200
    assert again.json()["article"]["id"] == first.json()["article"]["id"]
    assert again.json()["article"]["outlet"] == ""  # the stored article, unchanged
    assert again.json()["status_url"] == first.json()["status_url"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"text": ""}, "text", "is empty"),
        ({"text": "  \n\t "}, "text", "is empty"),
        ({"text": "PK\x03\x04\x00\x00\x14\x00binary"}, "text", "Null characters are not allowed"),
        ({"text": "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10 zip"}, "text", "looks like binary data"),
        ({"text": TEXT, "published_at": "11/02/2026"}, "published_at", "is not a date (YYYY-MM-DD"),
        ({"text": TEXT, "published_at": "Feb 11, 2026 10:18"}, "published_at", "is not a date (YYYY-MM-DD"),
        ({"text": TEXT, "published_at": "2026-02-30"}, "published_at", "is not a date (YYYY-MM-DD"),
        ({"text": TEXT, "published_at": "2026-03-03T09:15:00"}, "published_at", "has no UTC offset"),
        ({"text": TEXT, "colour": "red", "publshed_at": "2026-03-03"}, "colour", "unknown field"),
        ({"text": TEXT, "format": "pdf"}, "format", "is not a valid choice"),
        ({"text": TEXT, "url": "not a url"}, "url", "must not contain spaces"),
        # A url without text is added by URL (issue 12); what that does not take is refused.
        ({"url": URL, "format": "html"}, "format", "unknown field"),
    ],
)
def test_bad_input_is_refused_with_a_field_error_and_changes_nothing(editor_client, payload, field, message):
    response = editor_client.post("/api/articles/", payload, format="json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error", "fields"}
    assert field in body["fields"]
    assert message in " ".join(body["fields"][field]) or message in body["error"]
    assert _counts() == (0, 0)


def test_unknown_fields_are_all_named_in_the_error(editor_client):
    response = editor_client.post("/api/articles/", {"text": TEXT, "colour": "red", "publshed_at": "2026-03-03"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"] == "unknown fields: colour, publshed_at"


def test_a_text_over_the_size_limit_is_refused(editor_client, settings):
    settings.FACTDB_MAX_ARTICLE_CHARS = 1_000

    response = editor_client.post("/api/articles/", {"text": "word " * 300}, format="json")

    assert response.status_code == 400
    assert response.json()["fields"] == {"text": ["is 1500 characters; the limit is 1000"]}
    assert _counts() == (0, 0)


def test_a_request_body_over_the_upload_limit_is_refused_before_it_is_parsed(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000

    response = editor_client.post("/api/articles/", {"text": "word " * 1_000}, format="json")

    assert response.status_code == 400
    assert "the limit is 2000" in response.json()["fields"]["text"][0]
    assert _counts() == (0, 0)


def test_a_known_url_with_different_text_is_a_conflict(editor_client):
    make_article(TEXT, url=URL)

    response = editor_client.post("/api/articles/", {"text": TEXT + " Updated.", "url": URL}, format="json")

    assert response.status_code == 409
    assert response.json()["fields"] == {"url": ["another article with different text already has this URL"]}
    assert _counts() == (1, 0)


def test_malformed_json_is_a_400(editor_client):
    response = editor_client.post("/api/articles/", data='{"text": ', content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["error"]
    assert _counts() == (0, 0)


def test_anonymous_users_may_not_ingest(anon_client):
    response = anon_client.post("/api/articles/", {"text": TEXT}, format="json")

    assert response.status_code in (401, 403)
    assert _counts() == (0, 0)


def test_viewers_may_not_ingest(viewer_client):
    response = viewer_client.post("/api/articles/", {"text": TEXT}, format="json")

    assert response.status_code == 403
    assert _counts() == (0, 0)


def test_a_token_authenticates_an_editor(editor, anon_client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=editor)
    anon_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = anon_client.post("/api/articles/", {"text": TEXT}, format="json")

    assert response.status_code == 202


def test_anyone_lists_articles_newest_first_a_page_at_a_time(anon_client):
    for n in range(3):
        make_article(f"Article number {n} was published.", outlet="Caspian Wire" if n else "Other")

    first = anon_client.get("/api/articles/", {"page_size": 2})
    second = anon_client.get(first.json()["next"])

    assert first.status_code == 200
    assert [a["title"] for a in first.json()["results"]] == ["Article number 2 was published", "Article number 1 was published"]
    assert first.json()["previous"] is None
    assert [a["title"] for a in second.json()["results"]] == ["Article number 0 was published"]
    assert second.json()["next"] is None
    assert "text" not in first.json()["results"][0]


def test_articles_filter_by_outlet(anon_client):
    make_article("One.", outlet="Caspian Wire")
    make_article("Two.", outlet="Other")

    response = anon_client.get("/api/articles/", {"outlet": "caspian wire"})

    assert [a["outlet"] for a in response.json()["results"]] == ["Caspian Wire"]


def test_an_article_reads_with_its_text_and_claims(anon_client):
    article = make_article(TEXT, published_at=datetime(2026, 3, 3, 9, 15, tzinfo=timezone(timedelta(hours=4))))
    make_claim(article, "March 2, 2026", datetime(2026, 3, 2).date())

    response = anon_client.get(f"/api/articles/{article.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["text"] == TEXT
    assert body["published_at"] == "2026-03-03T09:15:00+04:00"
    assert [(c["text"], c["value_start"], c["sentence"]) for c in body["claims"]] == [
        ("March 2, 2026", "2026-03-02", "BAKU, March 3 — The council met in Baku on March 2, 2026, officials said.")
    ]


def test_a_missing_article_is_a_404_in_the_error_body(anon_client):
    response = anon_client.get("/api/articles/999/")

    assert response.status_code == 404
    assert response.json() == {"error": "No Article matches the given query.", "fields": {}}


def test_an_editor_corrects_the_publication_time(editor_client):
    article = make_article(TEXT)

    response = editor_client.post(f"/api/articles/{article.pk}/published_at/", {"published_at": "2026-03-03T23:30:00-05:00"}, format="json")

    assert response.status_code == 200
    assert response.json()["published_at"] == "2026-03-03T23:30:00-05:00"
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 3, 4, 4, 30, tzinfo=timezone.utc)
    assert article.published_utc_offset == -300
    assert article.status == "pending"  # its relative dates are resolved again
    assert article.history.first().history_type == "~"


def test_a_malformed_correction_is_refused_and_changes_nothing(editor_client):
    article = make_article(TEXT)

    response = editor_client.post(f"/api/articles/{article.pk}/published_at/", {"published_at": "yesterday"}, format="json")

    assert response.status_code == 400
    assert "published_at" in response.json()["fields"]
    article.refresh_from_db()
    assert article.published_at is None and article.status == "checked"


def test_viewers_may_not_correct_the_publication_time(viewer_client):
    article = make_article(TEXT)

    response = viewer_client.post(f"/api/articles/{article.pk}/published_at/", {"published_at": "2026-03-03"}, format="json")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.published_at is None
