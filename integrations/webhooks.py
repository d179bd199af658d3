"""Webhooks as an outbox: the pipeline never calls a subscriber.

`webhooks_dispatch()` reads what changed since its cursor (findings first
seen, findings resolved, articles the pipeline finished), writes one
Delivery row per subscriber, event, object and state (a unique constraint,
so reading the same change twice writes nothing), and rings a task per new
row. The task signs and POSTs it; a failure is recorded and retried with
back-off until FACTDB_WEBHOOK_MAX_ATTEMPTS, then the row says "failed".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import Article, Claim
from factdb.errors import FactdbError
from factdb.locks import pipeline_lock
from integrations.fetching import FetchError, fetch
from integrations.models import Delivery, OutboxCursor, Subscriber, WebhookEvent
from integrations.services import fetch_policy, validate_outgoing_url
from timeline.models import Finding

SIGNATURE_HEADER = "X-Factdb-Signature"
MAX_BACKOFF = 3600


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: what a subscriber recomputes to trust a delivery.

    >>> sign(b'{"a":1}', "s3cret")
    'sha256=5910e62016ef5034272c926c27071992a465c2335cecf41851bda071577f4f6d'
    """
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body_of(delivery: Delivery) -> bytes:
    # One fixed serialisation, so every attempt sends (and signs) the same bytes.
    return json.dumps(delivery.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# --- subscribers -----------------------------------------------------------------------------


def subscriber_save(*, subscriber: Subscriber) -> Subscriber:
    validate_outgoing_url(subscriber.url)
    events = subscriber.events if isinstance(subscriber.events, list) else None
    if not events or not set(events) <= set(WebhookEvent.values):
        raise FactdbError.on("events", f"choose one or more of {', '.join(WebhookEvent.values)}")
    subscriber.events = sorted(set(events))
    if not subscriber.secret:
        subscriber.secret = secrets.token_hex(32)
    subscriber.save()
    return subscriber


# --- the outbox ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    event: str
    object_id: int
    state_key: str
    at: datetime
    data: dict


def webhooks_dispatch(*, now: datetime | None = None) -> int:
    """Turn changes since the last run into deliveries and ring them. Returns how many are new.

    Safe to call as often as you like, from beat and at the end of the
    pipeline: each run re-reads FACTDB_WEBHOOK_LOOKBACK seconds before its
    cursor (a transaction that committed late still gets its delivery) and
    the unique constraint drops what an earlier run already wrote.
    """
    now = now or timezone.now()
    started = timezone.now()
    with pipeline_lock("webhooks-dispatch"):
        subscribers = list(Subscriber.objects.filter(active=True))
        changes: list[Change] = []
        for name, reader in _SOURCES.items():
            cursor, _ = OutboxCursor.objects.get_or_create(name=name, defaults={"position": now})
            since = cursor.position - timedelta(seconds=settings.FACTDB_WEBHOOK_LOOKBACK)
            if any(name in s.events for s in subscribers):
                changes += reader(since, now)
            OutboxCursor.objects.filter(pk=cursor.pk).update(position=max(cursor.position, now))
        rows = [
            Delivery(subscriber=s, event=c.event, object_id=c.object_id, state_key=c.state_key, payload=_payload(c))
            for c in changes
            for s in subscribers
            if c.event in s.events and c.at >= s.created_at
        ]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        new = list(Delivery.objects.filter(created_at__gte=started, attempts=0, status=Delivery.Status.PENDING).values_list("id", flat=True))
        from integrations.tasks import enqueue_delivery

        for delivery_id in new:
            enqueue_delivery(delivery_id)
    return len(new)


def _payload(change: Change) -> dict:
    return {"event": change.event, "occurred_at": change.at.isoformat(), "object_id": change.object_id, "data": change.data}


def _finding_data(finding: Finding) -> dict:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "severity": finding.severity,
        "status": finding.status,
        "message": finding.message,
        "event": finding.event_id,
        "claims": sorted(c.id for c in finding.claims.all()),
        "first_seen_at": finding.first_seen_at.isoformat(),
        "resolved_at": finding.resolved_at.isoformat() if finding.resolved_at else None,
        "url": _absolute(f"/api/findings/{finding.id}/"),
    }


def _findings_opened(since: datetime, until: datetime) -> list[Change]:
    found = Finding.objects.filter(first_seen_at__gte=since, first_seen_at__lte=until).prefetch_related("claims")
    return [Change(WebhookEvent.FINDING_OPENED, f.id, "opened", f.first_seen_at, _finding_data(f)) for f in found]


def _findings_resolved(since: datetime, until: datetime) -> list[Change]:
    found = Finding.objects.filter(status=Finding.Status.RESOLVED, resolved_at__gte=since, resolved_at__lte=until).prefetch_related("claims")
    # Keyed by the moment: a finding that reopens and resolves again is announced again.
    return [Change(WebhookEvent.FINDING_RESOLVED, f.id, f"resolved-{f.resolved_at.timestamp():.6f}", f.resolved_at, _finding_data(f)) for f in found]


def _articles_processed(since: datetime, until: datetime) -> list[Change]:
    """Articles the pipeline finished (status checked: findings settled) in the window.

    `checked_at` is set each time the pipeline finishes an article, so a re-run
    (a corrected publication time) is a new change with its own key.
    """
    rows = Article.objects.filter(status=Article.Status.CHECKED, checked_at__gte=since, checked_at__lte=until).only(
        "id", "url", "title", "outlet", "status", "checked_at"
    )
    changes = []
    for row in rows.order_by("checked_at", "id"):
        data = {
            "id": row.id,
            "url": row.url,
            "title": row.title,
            "outlet": row.outlet,
            "status": row.status,
            "claims": Claim.objects.filter(article_id=row.id).count(),
            "api_url": _absolute(f"/api/articles/{row.id}/"),
        }
        changes.append(Change(WebhookEvent.ARTICLE_PROCESSED, row.id, f"checked-{row.checked_at.isoformat()}", row.checked_at, data))
    return changes


_SOURCES = {
    WebhookEvent.FINDING_OPENED: _findings_opened,
    WebhookEvent.FINDING_RESOLVED: _findings_resolved,
    WebhookEvent.ARTICLE_PROCESSED: _articles_processed,
}


def _absolute(path: str) -> str:
    return f"{settings.FACTDB_PUBLIC_URL}{path}"


# --- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendOutcome:
    delivery: Delivery
    retry_in: float | None  # seconds until the next attempt, None when nothing is left to do


def delivery_send(*, delivery_id: int) -> SendOutcome | None:
    """One attempt at a due delivery. None when it is not due (delivered, failed, or another attempt holds it)."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.FACTDB_FETCH_TIMEOUT + 30)
    # The lease is the claim: a duplicate ring finds next_attempt_at in the future and leaves.
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now).update(
        next_attempt_at=lease, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_id)
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json",
        "X-Factdb-Event": delivery.event,
        "X-Factdb-Delivery": str(delivery.id),
        SIGNATURE_HEADER: sign(body, delivery.subscriber.secret),
    }
    try:
        # No redirects: a subscriber's URL is where the signed body goes, nowhere else.
        answer = fetch(delivery.subscriber.url, fetch_policy(max_redirects=0), method="POST", headers=headers, body=body)
        status, error = answer.status, "" if 200 <= answer.status < 300 else f"the subscriber answered {answer.status}"
    except FetchError as exc:
        status, error = exc.status, f"the subscriber answered {exc.status}" if exc.status else exc.message
    if not error:
        Delivery.objects.filter(pk=delivery_id).update(status=Delivery.Status.DELIVERED, delivered_at=timezone.now(), last_status_code=status, last_error="")
        delivery.refresh_from_db()
        return SendOutcome(delivery, None)
    if delivery.attempts >= settings.FACTDB_WEBHOOK_MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.FAILED, last_status_code=status, last_error=f"{error} (gave up after {delivery.attempts} attempts)"[:2000]
        )
        delivery.refresh_from_db()
        return SendOutcome(delivery, None)
    wait = min(settings.FACTDB_WEBHOOK_BACKOFF * 2 ** (delivery.attempts - 1), MAX_BACKOFF)
    Delivery.objects.filter(pk=delivery_id).update(
        next_attempt_at=timezone.now() + timedelta(seconds=wait), last_status_code=status, last_error=error[:2000]
    )
    delivery.refresh_from_db()
    return SendOutcome(delivery, wait)


def deliveries_due(*, now: datetime | None = None, grace: float = 30.0) -> list[int]:
    """Pending deliveries whose retry is overdue by more than `grace` seconds: their message was lost."""
    now = now or timezone.now()
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now - timedelta(seconds=grace))
    return list(due.order_by("next_attempt_at").values_list("id", flat=True)[:500])


def delivery_redeliver(*, delivery: Delivery) -> Delivery:
    """An editor sends a failed delivery again (the subscriber is fixed)."""
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")
        from integrations.tasks import enqueue_delivery

        enqueue_delivery(delivery.pk)
    delivery.refresh_from_db()
    return delivery
