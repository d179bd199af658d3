"""Whole-store jobs (a full cross-check, a report, a relink) queued as rows that clients can follow."""

from __future__ import annotations

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
