"""A counter of changes to what the timeline shows; cached pages are keyed by it.

The bump runs after the writing transaction commits, in its own short
statement: a reader never caches a page under the new number before the
data it shows is visible, and parallel pipeline transactions never queue on
the counter's row while they hold their own locks.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import F

from timeline.models import TimelineVersion


def timeline_version() -> int:
    row = TimelineVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    return row or 0


def _bump() -> None:
    if not TimelineVersion.objects.filter(pk=1).update(value=F("value") + 1):
        TimelineVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def timeline_version_bump() -> None:
    """Say the timeline changed; once per transaction however many events it writes."""
    if connection.in_atomic_block and any(getattr(item[1], "pending_bump", False) for item in connection.run_on_commit):
        return

    def bump() -> None:
        bump.pending_bump = False
        _bump()

    bump.pending_bump = True
    transaction.on_commit(bump, robust=True)
