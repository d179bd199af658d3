"""Each event's consensus date and status, written only when they change."""

from __future__ import annotations

from collections.abc import Iterable

from claims.models import Claim
from timeline.analysis.consensus import consensus
from timeline.models import Event
from timeline.records import claim_records


def events_refresh_consensus(*, event_ids: Iterable[int]) -> int:
    """Recompute the consensus of these events from their claims; returns how many changed.

    An event whose consensus and status are what they were is not saved, so a
    re-run writes no history row for an unchanged event.
    """
    ids = sorted(set(event_ids))
    changed = 0
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        claims = list(Claim.objects.filter(event_id__in=chunk).order_by("article_id", "start"))
        records = dict(zip((c.id for c in claims), claim_records(claims, with_text=False)))
        by_event: dict[int, list[Claim]] = {}
        for claim in claims:
            by_event.setdefault(claim.event_id, []).append(claim)
        for event in Event.objects.filter(id__in=chunk):
            mine = by_event.get(event.id, [])
            interval, status = consensus([records[c.id] for c in mine], {c.id: c.phase for c in mine if c.phase})
            fields = {
                "value_start": interval.start if interval else None,
                "value_end": interval.end if interval else None,
                "granularity": interval.granularity if interval else "",
                "status": status,
            }
            if any(getattr(event, f) != v for f, v in fields.items()):
                for f, v in fields.items():
                    setattr(event, f, v)
                event.save()
                changed += 1
    return changed
