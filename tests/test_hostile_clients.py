"""Hostile clients (issue 9): limits that hold, production settings that refuse to
start insecure, API docs without a CDN, a schema that tells the truth, and
concurrent duplicates answered like a single one."""

import os
import subprocess
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims import services
from claims.models import Article
from claims.services import ArticleIn, article_ingest
from claims.tests.test_api_fixtures import _fresh_throttles, anon_client, editor, make_user  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
TEXT = "The council met in the capital on March 2, 2026, officials said."
SECRET = "x" * 20 + "a-long-random-production-key-0123456789-abcdef"


# --- throttles and the admin login -------------------------------------------------------------


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_reset_the_anonymous_throttle(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    client = APIClient()

    answers = [client.get("/api/claims/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(5)]

    assert answers == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_the_throttle_counts_the_proxys_client_when_one_proxy_is_configured(monkeypatch, settings):
    # Behind one proxy (NUM_PROXIES=1) the last X-Forwarded-For address is the client.
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = APIClient()

    first = [client.get("/api/claims/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code for _ in range(3)]
    other = client.get("/api/claims/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code

    assert (first, other) == ([200, 200, 429], 200)


@pytest.mark.django_db
def test_the_admin_login_locks_out_after_repeated_failures():
    make_user("guarded", is_staff=True, is_superuser=True)
    client = Client()

    wrong = [client.post("/admin/login/", {"username": "guarded", "password": f"guess-{n}"}).status_code for n in range(5)]
    right = client.post("/admin/login/", {"username": "guarded", "password": "pw-for-tests-only"})

    assert wrong[:4] == [200, 200, 200, 200]  # the form again, with its error
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out


@pytest.mark.django_db
def test_a_right_password_after_a_few_failures_still_works():
    make_user("careless", is_staff=True, is_superuser=True)
    client = Client()
    for n in range(3):
        client.post("/admin/login/", {"username": "careless", "password": f"typo-{n}"})

    response = client.post("/admin/login/", {"username": "careless", "password": "pw-for-tests-only"})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- production settings -------------------------------------------------------------------------


def _settings_in_production(**env):
    """Import the settings as production would, in a fresh process; returns (exit code, output)."""
    clean = {k: v for k, v in os.environ.items() if k not in {"FACTDB_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CACHE_URL", "DATABASE_URL", "CELERY_BROKER_URL"}}
    done = subprocess.run(
        [sys.executable, "-c", "import factdb.settings as s; print(s.CACHES['default']['BACKEND'])"],
        cwd=ROOT,
        env={**clean, "FACTDB_DEBUG": "0", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ALLOWED_HOSTS": "factdb.example", "CACHE_URL": "redis://127.0.0.1:6379/2"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "factdb.example", "CACHE_URL": "redis://127.0.0.1:6379/2"}, "SECRET_KEY must be at least 50 random characters"),
        ({"SECRET_KEY": "a" * 60, "ALLOWED_HOSTS": "factdb.example", "CACHE_URL": "redis://127.0.0.1:6379/2"}, "SECRET_KEY must be at least 50 random characters"),
        ({"SECRET_KEY": SECRET, "CACHE_URL": "redis://127.0.0.1:6379/2"}, "ALLOWED_HOSTS must name the host names"),
        ({"SECRET_KEY": SECRET, "ALLOWED_HOSTS": " , ", "CACHE_URL": "redis://127.0.0.1:6379/2"}, "ALLOWED_HOSTS must name the host names"),
        ({"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "factdb.example"}, "CACHE_URL must be set in production"),
    ],
)
def test_production_refuses_to_start_insecure_and_names_the_variable(env, named):
    code, output = _settings_in_production(**env)

    assert code != 0
    assert f"ImproperlyConfigured: {named}" in output


def test_production_shares_one_redis_cache_between_processes():
    code, output = _settings_in_production(SECRET_KEY=SECRET, ALLOWED_HOSTS="factdb.example", CACHE_URL="redis://127.0.0.1:6379/2")

    assert (code, output.strip()) == (0, "django.core.cache.backends.redis.RedisCache")


def test_check_deploy_is_clean_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if k not in {"FACTDB_DEBUG", "DATABASE_URL", "CELERY_BROKER_URL"}}
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, "FACTDB_DEBUG": "0", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "factdb.example", "CACHE_URL": "redis://127.0.0.1:6379/2"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


# --- API docs and schema ---------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "asset"), [("/api/docs/", "swagger-ui-dist/swagger-ui-bundle.js"), ("/api/redoc/", "redoc/bundles/redoc.standalone.js")])
def test_api_docs_load_their_scripts_from_our_own_static_files(path, asset):
    page = Client().get(path).content.decode()

    assert f"/static/drf_spectacular_sidecar/{asset}" in page
    assert "cdn" not in page.lower() and "https://" not in page and "http://" not in page


@pytest.fixture(scope="module")
def schema():
    return yaml.safe_load(Client().get("/api/schema/").content)


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


@pytest.mark.django_db
def test_the_schema_documents_every_error_status_and_who_may_call(schema):
    for path, method, operation in _operations(schema):
        codes = set(operation["responses"])
        assert {"400", "406", "429"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method == "get":
            assert {} in operation["security"], path  # anyone may read
        else:
            assert {"401", "403", "415"} <= codes and {} not in operation["security"], (method, path)


@pytest.mark.django_db
def test_the_schema_states_the_input_rules_the_api_applies(schema):
    components = schema["components"]["schemas"]
    for name in ("ArticleIngestInput", "ArticlePublishedAtInput", "ClaimReviewInput", "FindingDismissInput"):
        assert components[name]["additionalProperties"] is False, name
    article = components["ArticleIngestInput"]["properties"]
    assert article["url"]["pattern"].startswith("^(?:[Hh][Tt][Tt][Pp][Ss]?://")
    assert article["outlet"]["maxLength"] == 200 and article["language"]["maxLength"] == 16
    reason = components["FindingDismissInput"]["properties"]["reason"]
    assert "\\s" in reason["pattern"]  # a blank reason is outside the schema, as the API refuses it
    page_size = next(p for p in schema["paths"]["/api/articles/"]["get"]["parameters"] if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert set(schema["paths"]["/api/articles/"]["post"]["responses"]) >= {"200", "202", "409", "422"}


# --- duplicates --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_twin_that_wins_the_race_is_answered_as_a_duplicate(run_on_commit):
    stored = article_ingest(data=ArticleIn(body=TEXT, url="https://news.example/council")).article
    real = services._stored_duplicate
    calls = []

    def late_twin(*args):
        # The first look-up runs before the twin's commit: it sees nothing.
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    with mock.patch.object(services, "_stored_duplicate", late_twin):
        again = article_ingest(data=ArticleIn(body=TEXT + "\n", url="https://news.example/council"))

    assert (again.created, again.article.pk, again.task_id) == (False, stored.pk, None)
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_the_same_text_and_url_is_the_stored_article_not_a_conflict():
    stored = article_ingest(data=ArticleIn(body=TEXT, url="https://news.example/council")).article

    again = article_ingest(data=ArticleIn(body=TEXT + "  ", url="HTTPS://NEWS.EXAMPLE/council"))

    assert (again.created, again.article.pk) == (False, stored.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_duplicates_all_get_the_stored_article():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks and unique index waits")
    editor = make_user("racer", "Editors", is_staff=True)
    start = threading.Barrier(20)
    answers = []

    def post():
        client = APIClient()
        client.force_authenticate(editor)
        start.wait()
        try:
            response = client.post("/api/articles/", {"text": TEXT, "url": "https://news.example/council"}, format="json")
            answers.append((response.status_code, response.json()["article"]["id"] if response.status_code < 300 else response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ids = {article_id for _, article_id in answers}
    assert sorted(status for status, _ in answers) == [200] * 19 + [202]
    assert len(ids) == 1 and Article.objects.count() == 1
