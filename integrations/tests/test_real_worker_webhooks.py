"""Webhooks on real services: PostgreSQL, Redis and a Celery worker (skipped without a broker).

A finding opens through the real pipeline; the outbox task, run by the
worker, sends one signed delivery to a subscriber's local server, and a
subscriber that answers 500 is retried by Celery with back-off until the
delivery is recorded as failed.
"""

import hashlib
import hmac
import json
import time

import pytest
from django.conf import settings
from werkzeug import Response

from claims.published import parse_published_at
from claims.services import ArticleIn, article_ingest
from integrations.models import Delivery, Subscriber
from integrations.tasks import dispatch_webhooks
from integrations.webhooks import SIGNATURE_HEADER, subscriber_save
from timeline.models import Finding

pytestmark = [
    pytest.mark.real_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs a broker: set CELERY_BROKER_URL (as .ci/run does)"),
]

SECRET = "real-worker-secret"
SIGNED_ON_THE_2ND = (
    "PORT TOWN, March 3 (Test Wire) - Ministers of the two countries signed the Inland Waterways Accord "
    "in the capital on March 2, 2026, officials said.\n\nThe accord sets up a joint commission."
)
SIGNED_ON_THE_5TH = (
    "Waterways accord takes effect\n\nThe Inland Waterways Accord was signed in the capital on March 5, 2026, "
    "according to the ministry of transport.\n\nIt covers river freight."
)


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    from factdb.celery import app

    # Messages left in the broker by an earlier interrupted run would name rows that no longer exist.
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        yield


def _wait_for(predicate, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _ingest(text, published, url):
    published_at, _ = parse_published_at(published)
    return article_ingest(data=ArticleIn(body=text, url=url, outlet=url.split("/")[2], published_at=published_at))


def test_a_finding_that_opens_reaches_the_subscriber_signed_and_a_failing_subscriber_is_retried_then_failed(worker, httpserver, settings):
    settings.FACTDB_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FACTDB_WEBHOOK_BACKOFF, settings.FACTDB_WEBHOOK_MAX_ATTEMPTS = 1, 3
    base = f"http://127.0.0.1:{httpserver.port}"
    received = []

    def hook(request):
        body = request.get_data()
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        received.append((hmac.compare_digest(request.headers.get(SIGNATURE_HEADER, ""), expected), json.loads(body)))
        return Response("ok", status=200)

    httpserver.expect_request("/hook", method="POST").respond_with_handler(hook)
    httpserver.expect_request("/down", method="POST").respond_with_data("down for maintenance", status=500)
    subscriber_save(subscriber=Subscriber(url=f"{base}/hook", secret=SECRET, events=["finding.opened"]))
    subscriber_save(subscriber=Subscriber(url=f"{base}/down", secret=SECRET, events=["finding.opened"]))

    first = _ingest(SIGNED_ON_THE_2ND, "2026-03-03T09:00:00+04:00", "https://wire.test/accord")
    second = _ingest(SIGNED_ON_THE_5TH, "2026-03-06T10:00:00+04:00", "https://ledger.test/accord")
    assert first.wait(90) and second.wait(90)
    assert _wait_for(lambda: Finding.objects.filter(kind="date_conflict", status="open").exists()), "no finding opened"
    finding = Finding.objects.get(kind="date_conflict", status="open")

    dispatch_webhooks.delay().get(timeout=60)
    assert _wait_for(lambda: len(received) >= 1), "the subscriber received nothing"
    failing = Delivery.objects.get(subscriber__url=f"{base}/down", object_id=finding.id)
    assert _wait_for(lambda: Delivery.objects.get(pk=failing.pk).status == "failed", timeout=60), "the failing delivery was not given up"

    dispatch_webhooks.delay().get(timeout=60)  # a second run writes and sends nothing again
    time.sleep(1)
    opened = [payload for ok, payload in received if payload["event"] == "finding.opened" and payload["object_id"] == finding.id]
    assert len(opened) == 1 and all(ok for ok, _ in received)
    assert opened[0]["data"]["kind"] == "date_conflict"
    failing.refresh_from_db()
    assert (failing.attempts, failing.last_status_code) == (3, 500)
    assert failing.last_error == "the subscriber answered 500 (gave up after 3 attempts)"
    assert sum(1 for request, _ in httpserver.log if request.path == "/down") == 3
