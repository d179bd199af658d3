"""Whole-store jobs (a full cross-check, a report, a relink) queued as rows that clients can follow."""

from __future__ import annotations

import time

from django.db import transaction

from factdb.errors import FactdbError
from work.doorbell import RUN, ring
from work.models import Run


def run_request(*, kind: str) -> Run:
    """Queue a run; the row is what the API's status URL shows, and the sweep resends it if the message is lost."""
    if kind not in Run.Kind.values:
        raise FactdbError.on("kind", f"must be one of {', '.join(Run.Kind.values)}")
    with transaction.atomic():
        run = Run.objects.create(kind=kind)
        ring(RUN, run.id)
    return run


def run_wait(run: Run, *, timeout: float, poll: float = 0.5) -> Run:
    """Block until the run is done or failed (or `timeout` seconds pass); returns it as it then is."""
    deadline = time.monotonic() + timeout
    while run.state in (Run.State.QUEUED, Run.State.RUNNING) and time.monotonic() < deadline:
        time.sleep(poll)
        run.refresh_from_db()
    return run
