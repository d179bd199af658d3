"""Writes of what lists show of an event: its summary, and whether it has an open finding.

The pipeline calls `events_refresh_summaries` for the events whose claims
changed (timeline.linker, timeline.checker), which also lends their year-less
claims the year their date gives (timeline.analysis.yearless), and
`events_refresh_conflict_flags` after it brings findings up to date
(timeline.checker.findings_sync). The summaries include which claims a
timeline page previews of each event (Event.preview_claims).
`events_refresh_listing` recomputes only the counts and search text of events
written some other way (a fixture), leaving their consensus as stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from claims.extraction import resolve_near
from claims.extraction.types import ArticleText, Interval
from claims.models import Article, Claim
from claims.services import claims_date_from_events
from factdb.bulk import rows_update
from timeline.analysis.consensus import consensus
from timeline.analysis.summary import EventSummary, event_summary
from timeline.analysis.types import ClaimRecord, EventView
from timeline.analysis.yearless import REACH_DAYS, borrowers, fits, lent_date
from timeline.models import Event, Finding
from timeline.records import claim_records
from timeline.selectors import event_previews
from timeline.versions import timeline_version_bump

_CONSENSUS_FIELDS = ("value_start", "value_end", "granularity", "status")
_LISTING_FIELDS = ("claim_count", "outlet_count", "search_text")

# Keeps `IN (...)` lists under SQLite's parameter limit.
_CHUNK = 500


def article_titles(records: Iterable[ClaimRecord]) -> dict[int, str]:
    """The titles of the records' articles (records carry an article's text, not its title)."""
    ids = {r.article_id for r in records}
    return dict(Article.objects.filter(id__in=ids).values_list("id", "title")) if ids else {}


def event_apply_summary(event: Event, summary: EventSummary, fields: Iterable[str] = _CONSENSUS_FIELDS + _LISTING_FIELDS) -> list[str]:
    """Copy the summary onto the event (unsaved); returns the names of the fields that changed."""
    changed = []
    for name in fields:
        value = getattr(summary, name)
        if getattr(event, name) != value:
            setattr(event, name, value)
            changed.append(name)
    return changed


def events_refresh_listing(*, event_ids: Iterable[int]) -> int:
    """Recount claims and outlets and rebuild the search text of these events; their consensus stays as stored."""
    return events_refresh_summaries(event_ids=event_ids, with_consensus=False)


def events_refresh_summaries(*, event_ids: Iterable[int], with_consensus: bool = True) -> int:
    """Bring these events' summaries up to date in bulk: a few queries per chunk of events, not per event.

    With `with_consensus` the interval and status are recomputed too (what
    for the events linking changed). Returns how many events changed.
    """
    fields = _CONSENSUS_FIELDS + _LISTING_FIELDS if with_consensus else _LISTING_FIELDS
    ids = sorted(set(event_ids))
    changed: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        events = list(Event.objects.filter(id__in=ids[i : i + _CHUNK]))
        claims = list(Claim.objects.filter(event_id__in=[e.id for e in events]).defer("profile").order_by("article_id", "start"))
        records = {r.id: r for r in claim_records(claims)}
        claims = [c for c in claims if c.id in records]  # durations and sets date no happening
        titles = article_titles(records.values())
        mine: dict[int, list[Claim]] = {e.id: [] for e in events}
        for claim in claims:
            mine[claim.event_id].append(claim)
        dirty, lenders = [], []
        for event in events:
            event_records = [records[c.id] for c in mine[event.id]]
            phases = {c.id: c.phase for c in mine[event.id] if c.phase}
            if with_consensus:
                lenders.append((event_records, phases))
            interval, status = consensus(event_records, phases) if with_consensus else (None, event.status)
            view = EventView(id=event.id, label=event.label, claims=event_records, consensus=interval, status=status, phases=phases)
            fields_changed = event_apply_summary(event, event_summary(view, titles), fields)
            if set(fields_changed) & set(_CONSENSUS_FIELDS):
                event.save()  # a new date or status is the event's history: saved with its history row
                changed.add(event.id)
            elif fields_changed:
                dirty.append(event)  # counts and search text only: written in bulk, no history row
        rows_update(dirty, fields)
        changed.update(e.id for e in dirty)
        _lend_dates(lenders)
        changed.update(_refresh_previews(events))  # after the lent dates: they place claims in it
    if changed:
        timeline_version_bump()
    return len(changed)


def _lend_dates(events: list[tuple[list[ClaimRecord], dict[int, str]]]) -> None:
    """Year-less claims on these events take the year their event's stated date gives (or lose
    one lent before, when it no longer does): timeline.analysis.yearless, written by a claims service."""
    lent: dict[int, Interval | None] = {}
    asks: dict[tuple[int, Interval], list[ClaimRecord]] = {}
    for records, phases in events:
        wanting = borrowers(records)
        if not wanting:
            continue
        date = lent_date(records, phases)
        for r in wanting:
            lent[r.id] = None
            if date is not None:
                asks.setdefault((r.article_id, date), []).append(r)
    languages = dict(Article.objects.filter(id__in={a for a, _ in asks}).values_list("id", "language")) if asks else {}
    for (article_id, date), wanting in asks.items():
        article = ArticleText(wanting[0].article_text, languages.get(article_id, "en"))
        found = resolve_near(article, {(r.claim.start, r.claim.end) for r in wanting}, date, REACH_DAYS)
        for r in wanting:
            interval = found.get((r.claim.start, r.claim.end))
            lent[r.id] = interval if interval is not None and fits(r, interval) else None
    if lent:
        claims_date_from_events(dates=lent)


def _refresh_previews(events: list[Event]) -> list[int]:
    """Store which claims a timeline page shows of each event (selectors.event_previews) where that
    changed; returns those events' ids."""
    previews = event_previews([e.id for e in events])
    stale = [e for e in events if e.preview_claims != previews[e.id]]
    for event in stale:
        event.preview_claims = previews[event.id]
    rows_update(stale, ("preview_claims",))
    return [e.id for e in stale]


def events_refresh_conflict_flags(*, event_ids: Iterable[int]) -> int:
    """Set `has_open_conflict` on these events from their open findings; returns how many flags changed.

    A finding counts for an event when it names the event or one of its
    claims (a precedent conflict names claims on two events). Set-based: two
    reads and at most two updates per chunk, whatever the number of findings.
    """
    ids = sorted(set(event_ids))
    changed = 0
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        open_findings = Finding.objects.filter(status=Finding.Status.OPEN)
        flagged = set(open_findings.filter(event_id__in=chunk).values_list("event_id", flat=True))
        flagged |= set(
            Finding.claims.through.objects.filter(finding__in=open_findings, claim__event_id__in=chunk).values_list("claim__event_id", flat=True)
        )
        events = Event.objects.filter(id__in=chunk)
        changed += events.filter(id__in=flagged, has_open_conflict=False).update(has_open_conflict=True)
        changed += events.exclude(id__in=flagged).filter(has_open_conflict=True).update(has_open_conflict=False)
    if changed:
        timeline_version_bump()
    return changed
