"""Celery tasks: thin doorbells over pipeline/stages.py. Ids in, one call, safe to run twice.

The database holds the work (article status, the re-check queue, runs), so a
task that is lost is re-sent by the sweep and a task that runs twice finds
its work done. Database and connection hiccups are retried here.
"""

from celery import shared_task
from celery.signals import worker_init
from django import db

from pipeline import stages, warmup
from work.doorbell import RUN
from work.runs import run_request


@worker_init.connect
def _warm_up(**_) -> None:
    # Before the pool forks: its processes inherit the compiled patterns, not the connection.
    try:
        warmup.warm_up()
    finally:
        db.connections.close_all()


RETRY = {"autoretry_for": stages.TRANSIENT, "retry_backoff": True, "retry_jitter": True, "max_retries": 5}


@shared_task(name="pipeline.article_process", **RETRY)
def article_process(article_id: int) -> str | None:
    return stages.article_process(article_id=article_id)


@shared_task(name="pipeline.events_recheck", **RETRY)
def events_recheck() -> dict:
    summary = stages.events_recheck()
    return {"events": summary.events, "new": summary.findings_new, "resolved": summary.findings_resolved}


@shared_task(name="pipeline.sweep")
def sweep() -> dict:
    summary = stages.sweep()
    return summary.__dict__


# Whole-store runs may take minutes at a large store: their own, longer limits.
@shared_task(name=RUN, soft_time_limit=stages.RUN_TIME_LIMIT - 300, time_limit=stages.RUN_TIME_LIMIT, **RETRY)
def run_execute(run_id: int) -> str | None:
    run = stages.run_execute(run_id=run_id)
    return run.state if run else None


@shared_task(name="pipeline.nightly_report")
def nightly_report() -> int:
    return run_request(kind="report").id
