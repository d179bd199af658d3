"""The re-check queue: which events need their findings brought up to date.

Writers mark events dirty in their own transaction, so the work is recorded
exactly when the change is; the checker claims rows with SELECT ... FOR UPDATE
SKIP LOCKED, so two workers never take the same event and a crashed worker's
rows are free again when its transaction dies.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models, transaction
from django.utils import timezone

from work.doorbell import RECHECK_EVENTS, ring
from work.models import EventRecheck


def events_mark_dirty(event_ids: Iterable[int | None]) -> int:
    """Ask for these events to be re-checked; repeats coalesce into the row already waiting."""
    ids = sorted({i for i in event_ids if i is not None})
    if ids:
        now = timezone.now()
        # A newer request moves requested_at, so a checker that took the row before this change
        # leaves it in place when done (rechecks_done) and the change is checked in the next round.
        EventRecheck.objects.bulk_create(
            [EventRecheck(event_id=i, requested_at=now) for i in ids],
            update_conflicts=True,
            unique_fields=["event_id"],
            update_fields=["requested_at"],
            batch_size=500,
        )
    return len(ids)


def events_request_recheck(event_ids: Iterable[int | None]) -> int:
    """Queue these events for a re-check in the caller's transaction, and ring once it commits."""
    marked = events_mark_dirty(event_ids)
    if marked:
        ring(RECHECK_EVENTS)
    return marked


def rechecks_take(*, limit: int) -> list[EventRecheck]:
    """Lock up to `limit` waiting rows, oldest first, for the rest of the caller's transaction."""
    assert transaction.get_connection().in_atomic_block, "take re-checks inside the transaction that does them"
    rows = EventRecheck.objects.order_by("requested_at", "event_id")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return list(rows[:limit])


def rechecks_lock(event_ids: Iterable[int]) -> list[EventRecheck]:
    """Lock the waiting rows of these events (waiting for a worker that holds one), in id order."""
    rows = EventRecheck.objects.filter(event_id__in=sorted(set(event_ids))).order_by("event_id")
    if connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return list(rows)


def rechecks_done(rows: list[EventRecheck]) -> None:
    """Remove done rows, unless someone asked again after they were taken (then it waits for the next round)."""
    # One DELETE per 200 rows, not one per row: a batch's check settles dozens of events at once.
    for i in range(0, len(rows), 200):
        done = models.Q()
        for row in rows[i : i + 200]:
            done |= models.Q(event_id=row.event_id, requested_at=row.requested_at)
        EventRecheck.objects.filter(done).delete()


def rechecks_waiting() -> int:
    return EventRecheck.objects.count()
