"""Telling the workers that work is waiting. The database already holds the work.

Tasks are sent by name so the layers that record work need not import the
pipeline that does it (AppConfig.ready of the pipeline app registers them).
Sending happens after the transaction commits, and a broker that is down or
slow only delays the work: the periodic sweep finds what is still pending and
rings again. So a failed send is logged, never raised into a request.
"""

from __future__ import annotations

import logging

from django.db import transaction

from factdb.celery import app

log = logging.getLogger(__name__)

# The pipeline's tasks (pipeline/tasks.py), named here because the layers that record work sit below it.
PROCESS_ARTICLE = "pipeline.article_process"
RECHECK_EVENTS = "pipeline.events_recheck"
RUN = "pipeline.run_execute"


def ring(task_name: str, *args, task_id: str | None = None) -> None:
    """Send `task_name(*args)` once the current transaction commits (at once outside one)."""

    def send() -> None:
        task = app.tasks[task_name]
        try:
            task.apply_async(args=args, task_id=task_id, retry=False)
        except Exception as exc:  # noqa: BLE001 - any broker failure; the sweep resends
            if app.conf.task_always_eager:
                raise  # in process the "send" is the work itself: its failure is a real error
            log.warning("could not send %s%r (%s: %s); the sweep will resend it", task_name, args, type(exc).__name__, exc)

    transaction.on_commit(send)
