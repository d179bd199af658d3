"""Add by URL against a real local server: the API, the worker's service, and every way it can fail."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from claims.models import Article
from integrations.models import FetchRequest
from integrations.services import fetch_request_create, fetch_request_run, fetch_requests_due

from .conftest import HTML

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(django_user_model):
    editor = django_user_model.objects.create_superuser("desk", password="pw-for-tests-only")
    client = APIClient()
    client.force_authenticate(editor)
    return client


@pytest.fixture
def pages(httpserver, sample):
    httpserver.expect_request("/news/2026/03/transit-pact-signed").respond_with_data(sample("transit_pact.html"), content_type=HTML)
    # The same story at a second address (an AMP copy) that names the first as canonical.
    httpserver.expect_request("/amp/transit-pact").respond_with_data(sample("transit_pact.html"), content_type=HTML)
    return httpserver


def test_posting_only_a_url_answers_202_and_the_worker_stores_the_article(allow_local, pages, base, editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/api/articles/", {"url": f"{base}/news/2026/03/transit-pact-signed"}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["fetch"]["state"] == "pending"
    assert body["status_url"].endswith(f"/api/fetches/{body['fetch']['id']}/")

    status = editor_client.get(body["status_url"]).json()
    assert status["state"] == "done", status
    assert (status["http_status"], status["published_from"]) == (200, "html_metadata")
    article = Article.objects.get(pk=status["article"])
    assert article.url == f"{base}/news/2026/03/transit-pact-signed"
    assert article.title == "Transit pact signed after two years of talks"
    assert article.source_format == "html"
    assert article.outlet == "127.0.0.1"
    assert "Caspian Transit Agreement" in article.text and "All rights reserved" not in article.text
    assert (article.published_at.date().isoformat(), article.published_date_only) == ("2026-03-03", True)
    assert article.status == "checked"
    assert set(article.claims.values_list("text", flat=True)) >= {"March 2, 2026", "April 2026"}


def test_the_same_page_at_another_address_is_one_article(allow_local, pages, base, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = fetch_request_create(url=f"{base}/news/2026/03/transit-pact-signed")
    with django_capture_on_commit_callbacks(execute=True):
        again, created_again = fetch_request_create(url=f"{base}/news/2026/03/transit-pact-signed?utm_source=newsletter")
        amp, created_amp = fetch_request_create(url=f"{base}/amp/transit-pact")
    assert (again.pk, created_again) == (first.pk, False)
    amp.refresh_from_db()
    first.refresh_from_db()
    assert created_amp and amp.state == "done"
    assert amp.canonical_url == first.canonical_url == f"{base}/news/2026/03/transit-pact-signed"
    assert amp.article_id == first.article_id
    assert Article.objects.count() == 1


def test_a_url_whose_article_is_already_stored_is_done_at_once(allow_local, base):
    stored = Article.objects.create(url=f"{base}/old", raw="x", text="x", content_hash="h" * 64)
    request, created = fetch_request_create(url=f"{base}/old")
    assert (created, request.state, request.article_id) == (True, "done", stored.pk)


@pytest.mark.parametrize(
    "path, respond, message",
    [
        ("/huge", {"response_data": "<p>" + "x" * 30_000 + "</p>", "content_type": HTML}, "the answer is 30007 bytes; the limit is 20000"),
        ("/photo.jpg", {"response_data": b"\xff\xd8\xff\xe0 not a page", "content_type": "image/jpeg"}, "the answer is image/jpeg, not one of text/html"),
        ("/gone", {"response_data": "not here", "status": 404, "content_type": HTML}, "the server answered 404"),
        ("/empty", {"response_data": "<html><head><title>Soon</title></head><body></body></html>", "content_type": HTML}, "the HTML holds no article text"),
    ],
)
def test_a_page_too_large_of_the_wrong_type_missing_or_empty_fails_with_a_clear_state(allow_local, httpserver, base, path, respond, message):
    allow_local.FACTDB_FETCH_MAX_BYTES = 20_000
    httpserver.expect_request(path).respond_with_data(**respond)
    request, _ = fetch_request_create(url=f"{base}{path}")
    request = fetch_request_run(request_id=request.pk)
    assert request.state == "failed"
    assert message in request.last_error
    assert request.article_id is None and Article.objects.count() == 0


def test_an_unreachable_page_is_retried_then_fails(allow_local):
    allow_local.FACTDB_FETCH_MAX_ATTEMPTS = 2
    request, _ = fetch_request_create(url="http://127.0.0.1:9/closed")
    request = fetch_request_run(request_id=request.pk)
    assert (request.state, request.attempts) == ("pending", 1)
    assert "could not reach 127.0.0.1" in request.last_error
    assert fetch_request_run(request_id=request.pk).state == "failed"
    request.refresh_from_db()
    assert request.attempts == 2 and "gave up after 2 attempts" in request.last_error


def test_a_private_address_is_refused_without_the_setting(settings, editor_client, httpserver, base):
    settings.FACTDB_FETCH_ALLOWED_NETWORKS = []
    response = editor_client.post("/api/articles/", {"url": f"{base}/news/x"}, format="json")
    assert response.status_code == 422  # well-formed, refused by policy
    assert response.json()["fields"] == {"url": ["127.0.0.1 is a loopback address; factdb does not connect there"]}
    assert FetchRequest.objects.count() == 0
    # A host name is judged when it is fetched: what it resolves to can change.
    request, _ = fetch_request_create(url=f"http://localhost:{httpserver.port}/news/x")
    request = fetch_request_run(request_id=request.pk)
    assert request.state == "failed"
    assert "a loopback address; factdb does not connect there" in request.last_error


def test_bad_input_is_a_400_and_stores_nothing(editor_client):
    for body, field in [({"url": "ftp://x.example/a"}, "url"), ({"url": ""}, "url"), ({"url": "https://x.example/a", "colour": "red"}, "colour"), ({"url": 5}, "url")]:
        response = editor_client.post("/api/articles/", body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json()["fields"]
    assert FetchRequest.objects.count() == 0


def test_text_articles_are_still_ingested_as_before(editor_client):
    response = editor_client.post("/api/articles/", {"text": "The bridge opened on May 4, 2025.", "url": "https://x.example/bridge"}, format="json")
    assert response.status_code == 202
    assert response.json()["article"]["url"] == "https://x.example/bridge"
    assert FetchRequest.objects.count() == 0


def test_the_sweep_rings_pending_requests_left_alone_too_long(allow_local, base):
    from datetime import timedelta

    from django.utils import timezone

    request, _ = fetch_request_create(url=f"{base}/later")
    assert fetch_requests_due() == []
    FetchRequest.objects.filter(pk=request.pk).update(updated_at=timezone.now() - timedelta(seconds=allow_local.FACTDB_FETCH_RETRY_AFTER + 1))
    assert fetch_requests_due() == [request.pk]
    # A fetch whose worker died is handed back.
    FetchRequest.objects.filter(pk=request.pk).update(state="fetching", updated_at=timezone.now() - timedelta(hours=1))
    assert fetch_requests_due() == [request.pk]
    assert FetchRequest.objects.get(pk=request.pk).state == "pending"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ingest_url_command_fetches_and_reports(allow_local, pages, base, capsys):
    # A committed transaction, as in a real run, so the fetch is rung when the request is stored.
    call_command("ingest_url", f"{base}/news/2026/03/transit-pact-signed", "--timeout", "20")
    out = capsys.readouterr()
    assert f"{base}/news/2026/03/transit-pact-signed: article" in out.out
    assert "date from html_metadata" in out.out
    with pytest.raises(CommandError, match="1 of 1 URL"):
        call_command("ingest_url", "http://127.0.0.1:9/closed", "--timeout", "1")
    assert "could not reach 127.0.0.1" in capsys.readouterr().err


def test_editors_add_by_url_and_viewers_and_strangers_cannot(allow_local, base):
    from claims.tests.test_api_fixtures import make_user

    editor = make_user("ed", "Editors", is_staff=True)
    viewer = make_user("vi", "Viewers", is_staff=True)
    clients = {}
    for name, user in (("editor", editor), ("viewer", viewer), ("anonymous", None)):
        clients[name] = APIClient()
        if user:
            clients[name].force_authenticate(user)
    assert clients["editor"].post("/api/fetches/", {"url": f"{base}/a"}, format="json").status_code == 202
    assert clients["editor"].post("/api/articles/", {"url": f"{base}/b"}, format="json").status_code == 202
    for name in ("viewer", "anonymous"):
        assert clients[name].post("/api/fetches/", {"url": f"{base}/c"}, format="json").status_code in (401, 403)
        assert clients[name].post("/api/articles/", {"url": f"{base}/c"}, format="json").status_code in (401, 403)
    assert clients["anonymous"].get("/api/fetches/").json()["results"][0]["url"] == f"{base}/b"
    assert FetchRequest.objects.count() == 2


def test_a_publication_time_sent_with_the_url_wins_and_is_recorded_as_given(allow_local, pages, base, editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/api/articles/", {"url": f"{base}/news/2026/03/transit-pact-signed", "published_at": "2026-03-03T07:45:00+04:00", "outlet": "Harbour Ledger"}, format="json"
        )
    assert response.status_code == 202
    request = FetchRequest.objects.get()
    assert (request.state, request.published_from) == ("done", "given")
    assert request.article.published_at_local.isoformat() == "2026-03-03T07:45:00+04:00"
    assert request.article.outlet == "Harbour Ledger"


def test_retrying_a_request_that_has_not_failed_is_a_conflict(editor_client):
    request, _ = fetch_request_create(url="https://news.example/pending")

    response = editor_client.post(f"/api/fetches/{request.pk}/retry/")

    assert response.status_code == 409
    assert response.json()["fields"] == {"state": ["only a failed request can be retried; this one is pending"]}
    request.refresh_from_db()
    assert request.state == "pending"
