"""Celery tasks for the timeline: thin, idempotent, retried on transient errors."""

from celery import shared_task
from celery.utils import uuid
from django.db import OperationalError, transaction

from timeline import reports, services

RETRY = {"autoretry_for": (OperationalError, ConnectionError), "retry_backoff": True, "retry_jitter": True, "max_retries": 5}


@shared_task(**RETRY)
def link_and_check() -> dict:
    events = services.events_relink()
    summary = services.consistency_check()
    return {"events": events, "open": summary.findings_open, "new": summary.findings_new, "resolved": summary.findings_resolved}


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
