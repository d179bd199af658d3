"""Webhooks: the outbox writes each delivery once, signs it, and retries a subscriber that fails."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from werkzeug import Response

from claims.models import Article
from factdb.errors import FactdbError
from integrations.models import Delivery, Subscriber
from integrations.webhooks import SIGNATURE_HEADER, delivery_send, subscriber_save, webhooks_dispatch
from timeline.models import Finding

pytestmark = pytest.mark.django_db

SECRET = "a-shared-secret-for-tests"


def _subscriber(url, events=("finding.opened", "finding.resolved", "article.processed"), **extra):
    return subscriber_save(subscriber=Subscriber(url=url, secret=SECRET, events=list(events), **extra))


def _finding(fingerprint="fp-1"):
    return Finding.objects.create(kind="date_conflict", severity="high", message="Sources disagree on the date.", fingerprint=fingerprint, last_seen_at=timezone.now())


def _verified(request) -> bool:
    expected = "sha256=" + hmac.new(SECRET.encode(), request.get_data(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(request.headers.get(SIGNATURE_HEADER, ""), expected)


def test_a_subscriber_needs_a_public_url_and_known_events(settings):
    settings.FACTDB_FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(FactdbError, match="127.0.0.1 is a loopback address"):
        _subscriber("http://127.0.0.1:8000/hook")
    with pytest.raises(FactdbError, match="choose one or more of finding.opened"):
        _subscriber("https://hooks.example/in", events=["finding.deleted"])
    made = subscriber_save(subscriber=Subscriber(url="https://hooks.example/in", events=["finding.opened"]))
    assert len(made.secret) == 64 and Subscriber.objects.count() == 1


def test_dispatch_writes_one_delivery_per_subscriber_event_and_state(allow_local, base):
    wants_all = _subscriber(f"{base}/all")
    wants_resolved = _subscriber(f"{base}/resolved", events=["finding.resolved"])
    finding = _finding()
    assert webhooks_dispatch() == 1
    assert webhooks_dispatch() == 0  # read again (the look-back window): nothing new
    delivery = Delivery.objects.get()
    assert (delivery.subscriber, delivery.event, delivery.object_id, delivery.status) == (wants_all, "finding.opened", finding.id, "pending")
    assert delivery.payload["data"]["message"] == "Sources disagree on the date."
    assert delivery.payload["data"]["url"].endswith(f"/api/findings/{finding.id}/")

    Finding.objects.filter(pk=finding.pk).update(status="resolved", resolved_at=timezone.now())
    assert webhooks_dispatch() == 2
    assert webhooks_dispatch() == 0
    resolved = Delivery.objects.filter(event="finding.resolved")
    assert {d.subscriber_id for d in resolved} == {wants_all.id, wants_resolved.id}
    assert {d.payload["data"]["status"] for d in resolved} == {"resolved"}


def test_an_article_reaching_processed_is_announced_once(allow_local, base):
    _subscriber(f"{base}/all", events=["article.processed"])
    article = Article.objects.create(url="https://wire.example/a", title="A", raw="x", text="x", content_hash="c" * 64)
    assert webhooks_dispatch() == 0  # pending is not processed
    article.status, article.checked_at = "checked", timezone.now()  # as the pipeline's check stage leaves it
    article.save()
    article.title = "A, corrected"
    article.save()  # a later save of a finished article is no new step
    assert webhooks_dispatch() == 1
    delivery = Delivery.objects.get()
    assert (delivery.event, delivery.object_id, delivery.payload["data"]["url"]) == ("article.processed", article.id, "https://wire.example/a")


def test_a_subscriber_added_later_gets_no_older_events(allow_local, base):
    _finding()
    subscriber = _subscriber(f"{base}/late")
    Subscriber.objects.filter(pk=subscriber.pk).update(created_at=timezone.now() + timedelta(seconds=1))
    assert webhooks_dispatch() == 0


def test_a_delivery_is_signed_with_hmac_sha256_of_its_body(allow_local, httpserver, base):
    received = []

    def handler(request):
        received.append((request.headers.get("X-Factdb-Event"), _verified(request), json.loads(request.get_data())))
        return Response("ok", status=200)

    httpserver.expect_request("/hook", method="POST").respond_with_handler(handler)
    _subscriber(f"{base}/hook", events=["finding.opened"])
    finding = _finding()
    webhooks_dispatch()
    outcome = delivery_send(delivery_id=Delivery.objects.get().id)
    assert outcome.retry_in is None
    assert (outcome.delivery.status, outcome.delivery.attempts, outcome.delivery.last_status_code) == ("delivered", 1, 200)
    assert received == [("finding.opened", True, Delivery.objects.get().payload)]
    assert received[0][2]["data"]["id"] == finding.id
    assert delivery_send(delivery_id=outcome.delivery.id) is None  # delivered: nothing left to send


def test_a_subscriber_answering_500_is_retried_with_back_off_then_recorded_as_failed(allow_local, httpserver, base):
    allow_local.FACTDB_WEBHOOK_BACKOFF, allow_local.FACTDB_WEBHOOK_MAX_ATTEMPTS = 30, 3
    httpserver.expect_oneshot_request("/flaky", method="POST").respond_with_data("busy", status=500)
    httpserver.expect_request("/flaky", method="POST").respond_with_data("ok", status=204)
    httpserver.expect_request("/broken", method="POST").respond_with_data("no", status=500)
    _subscriber(f"{base}/flaky", events=["finding.opened"])
    _subscriber(f"{base}/broken", events=["finding.opened"])
    _finding()
    webhooks_dispatch()
    flaky = Delivery.objects.get(subscriber__url=f"{base}/flaky")
    broken = Delivery.objects.get(subscriber__url=f"{base}/broken")

    first = delivery_send(delivery_id=flaky.id)
    assert first.retry_in == 30
    assert (first.delivery.status, first.delivery.attempts, first.delivery.last_status_code, first.delivery.last_error) == ("pending", 1, 500, "the subscriber answered 500")
    assert first.delivery.next_attempt_at > timezone.now() + timedelta(seconds=25)
    assert delivery_send(delivery_id=flaky.id) is None  # not due yet: a duplicate ring does nothing
    Delivery.objects.filter(pk=flaky.pk).update(next_attempt_at=timezone.now())
    second = delivery_send(delivery_id=flaky.id)
    assert (second.delivery.status, second.delivery.attempts, second.delivery.last_status_code) == ("delivered", 2, 204)

    waits = []
    for _ in range(3):
        Delivery.objects.filter(pk=broken.pk).update(next_attempt_at=timezone.now())
        waits.append(delivery_send(delivery_id=broken.id).retry_in)
    assert waits == [30, 60, None]  # doubling, then no more
    broken.refresh_from_db()
    assert (broken.status, broken.attempts) == ("failed", 3)
    assert broken.last_error == "the subscriber answered 500 (gave up after 3 attempts)"


def test_a_subscriber_that_redirects_is_not_followed(allow_local, httpserver, base):
    httpserver.expect_request("/moved", method="POST").respond_with_data("", status=301, headers={"Location": "http://169.254.169.254/"})
    _subscriber(f"{base}/moved", events=["finding.opened"])
    _finding()
    webhooks_dispatch()
    outcome = delivery_send(delivery_id=Delivery.objects.get().id)
    assert (outcome.delivery.last_status_code, outcome.delivery.last_error) == (301, "the subscriber answered 301")
