"""Celery tasks for integrations: ids in, one service call, safe to run twice.

The rows are the work (FetchRequest, Feed, Delivery); these tasks only ring.
Beat rings again for anything a lost message left behind.
"""

from celery import shared_task
from django.db import OperationalError, transaction

from integrations import services, webhooks

RETRY = {"autoretry_for": (OperationalError, ConnectionError), "retry_backoff": True, "retry_jitter": True, "max_retries": 5}


@shared_task(**RETRY)
def fetch_page(request_id: int) -> str | None:
    try:
        request = services.fetch_request_run(request_id=request_id)
    except (OperationalError, ConnectionError):
        raise
    except Exception as exc:
        # A bug or a page that breaks a parser: record it on the request for editors, then fail the task.
        services.fetch_request_mark_failed(request_id=request_id, error=f"{type(exc).__name__}: {exc}")
        raise
    return request.state if request else None


@shared_task(**RETRY)
def sweep_fetch_requests() -> int:
    due = services.fetch_requests_due()
    for request_id in due:
        fetch_page.delay(request_id)
    return len(due)


@shared_task(**RETRY)
def poll_feed(feed_id: int) -> int:
    return services.feed_poll(feed_id=feed_id)


@shared_task(**RETRY)
def poll_due_feeds() -> int:
    due = services.feeds_due()
    for feed_id in due:
        poll_feed.delay(feed_id)
    return len(due)


@shared_task(bind=True, **RETRY)
def deliver_webhook(self, delivery_id: int) -> str | None:
    outcome = webhooks.delivery_send(delivery_id=delivery_id)
    if outcome is None:
        return None
    if outcome.retry_in is not None and not self.request.is_eager:
        # The back-off lives in the row (next_attempt_at); this only rings when it is due.
        raise self.retry(countdown=outcome.retry_in, max_retries=None)
    return outcome.delivery.status


@shared_task(**RETRY)
def dispatch_webhooks() -> int:
    new = webhooks.webhooks_dispatch()
    for delivery_id in webhooks.deliveries_due():
        deliver_webhook.delay(delivery_id)
    return new


def enqueue_fetch(request_id: int) -> None:
    transaction.on_commit(lambda: fetch_page.delay(request_id))


def enqueue_delivery(delivery_id: int) -> None:
    transaction.on_commit(lambda: deliver_webhook.delay(delivery_id))
