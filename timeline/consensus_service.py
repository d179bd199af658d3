"""Each event's consensus date and status, and what lists show of it, written only when they change."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.summaries import events_refresh_summaries


def events_refresh_consensus(*, event_ids: Iterable[int]) -> int:
    """Recompute these events' consensus and summary from their claims; returns how many changed.

    An event whose consensus and status are what they were writes no history
    row (its counts and search text, if they moved, are written in bulk).
    """
    return events_refresh_summaries(event_ids=event_ids)
