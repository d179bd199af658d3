"""Celery tasks for the timeline: thin, idempotent, retried on transient errors."""

from celery import chord, group, shared_task
from celery.utils import uuid
from django.db import OperationalError, transaction

from timeline import reports, services

RETRY = {"autoretry_for": (OperationalError, ConnectionError), "retry_backoff": True, "retry_jitter": True, "max_retries": 5}
BATCH = 500  # events per shard: a few seconds of work, and few enough advisory locks per transaction


@shared_task(**RETRY)
def link_and_check() -> dict:
    # Relinking rewrites every event, and a review changes claims without moving them,
    # so "the events that changed" is not cheaply known: after an ingestion, check everything.
    events = services.events_relink()
    return {"events": events, **cross_check_all()}


@shared_task(**RETRY)
def check_events(event_ids: list[int]) -> dict:
    summary = services.findings_check_events(event_ids=event_ids)
    return {"events": summary.events, "new": summary.findings_new, "resolved": summary.findings_resolved}


@shared_task(**RETRY)
def cross_checks() -> dict:
    summary = services.findings_cross_check()
    return {"new": summary.findings_new, "resolved": summary.findings_resolved}


@shared_task(**RETRY)
def cross_check_all() -> dict:
    """The full cross-check: the per-event checks sharded over the workers, then the cross-event checks.

    Returns the id of the chord's result (the cross_checks task), which is done when the whole run is.
    """
    ids = services.event_ids_all()
    shards = [check_events.si(ids[i : i + BATCH]) for i in range(0, len(ids), BATCH)]
    # A chord over an empty group never fires its body, so with no events run the cross checks alone.
    result = chord(group(shards), cross_checks.si()).apply_async() if shards else cross_checks.apply_async()
    return {"events": len(ids), "shards": len(shards), "result_id": result.id}


@shared_task(**RETRY)
def nightly_report() -> int:
    report, _ = reports.report_create()
    return report.id


def enqueue_recheck() -> str:
    """Relink and re-check after the transaction commits; returns the task's id (API 202)."""
    # An editor's verdict can move a consensus, so linking runs again too.
    task_id = uuid()
    transaction.on_commit(lambda: link_and_check.apply_async(task_id=task_id))
    return task_id


def enqueue_cross_check() -> str:
    """The full cross-check after the transaction commits; returns the task's id (API 202)."""
    task_id = uuid()
    transaction.on_commit(lambda: cross_check_all.apply_async(task_id=task_id))
    return task_id
