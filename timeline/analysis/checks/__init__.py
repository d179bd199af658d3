"""The consistency checks: plain functions over events, and `run_checks` to run them all.

Each check returns `Found` items (a FindingDraft and the claims it blames);
`run_checks` returns the drafts. A relative date already explained by a
suspect publication time is not reported again as a date conflict.
"""

from __future__ import annotations

from timeline.analysis.checks.dates import date_conflict, weekday_mismatch
from timeline.analysis.checks.duration import duration_mismatch
from timeline.analysis.checks.length import length_mismatch
from timeline.analysis.checks.precedent import precedent_conflict
from timeline.analysis.checks.publication import publication_date_suspect, unresolved_date
from timeline.analysis.entities import EntityFinder, load_default_aliases
from timeline.analysis.types import Alias, EventView, FindingDraft, FindingKind

__all__ = [
    "CROSS_EVENT_KINDS",
    "PER_EVENT_KINDS",
    "cross_event_checks",
    "date_conflict",
    "duration_mismatch",
    "length_mismatch",
    "event_checks",
    "explained_claims",
    "precedent_conflict",
    "publication_date_suspect",
    "run_checks",
    "unresolved_date",
    "weekday_mismatch",
]


PER_EVENT_KINDS = frozenset({FindingKind.DATE_CONFLICT, FindingKind.WEEKDAY_MISMATCH, FindingKind.DURATION_MISMATCH})
CROSS_EVENT_KINDS = frozenset(FindingKind) - PER_EVENT_KINDS


def explained_claims(events: list[EventView]) -> frozenset[int]:
    """Claims whose odd date a suspect publication time already explains.

    Exact for an article only when `events` hold every event its relative
    claims sit on (publication_date_suspect judges an article as a whole).
    """
    return frozenset().union(*(f.faulty for f in publication_date_suspect(events)))


def event_checks(events: list[EventView], explained: frozenset[int] = frozenset()) -> list[FindingDraft]:
    """The checks that look at one event at a time; each draft carries that event's id."""
    found = []
    for event in events:
        found += [f for f in date_conflict(event) if not f.faulty <= explained]
        found += weekday_mismatch(event) + duration_mismatch(event) + length_mismatch(event)
    return _unique(found)


def cross_event_checks(events: list[EventView], finder: EntityFinder) -> list[FindingDraft]:
    """The checks that compare events or a whole article: publication time, precedents, undatable claims."""
    return _unique(publication_date_suspect(events) + precedent_conflict(events, finder) + unresolved_date(events))


def run_checks(events: list[EventView], aliases: list[Alias] | None = None) -> list[FindingDraft]:
    """Every finding over `events`. `aliases` defaults to the shipped alias table;
    pass the editors' table so precedent checks see their names too."""
    finder = EntityFinder(aliases if aliases is not None else load_default_aliases())
    # The two families never share a fingerprint (the kind is part of it), so concatenating is a union.
    return event_checks(events, explained_claims(events)) + cross_event_checks(events, finder)


def _unique(found) -> list[FindingDraft]:
    return list({f.draft.fingerprint: f.draft for f in found}.values())
