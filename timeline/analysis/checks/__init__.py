"""The consistency checks: plain functions over events, and `run_checks` to run them all.

Each check returns `Found` items (a FindingDraft and the claims it blames);
`run_checks` returns the drafts. A relative date already explained by a
suspect publication time is not reported again as a date conflict.
"""

from __future__ import annotations

from timeline.analysis.checks.dates import date_conflict, weekday_mismatch
from timeline.analysis.checks.duration import duration_mismatch
from timeline.analysis.checks.precedent import precedent_conflict
from timeline.analysis.checks.publication import publication_date_suspect, unresolved_date
from timeline.analysis.entities import EntityFinder, load_default_aliases
from timeline.analysis.types import Alias, EventView, FindingDraft

__all__ = [
    "date_conflict",
    "duration_mismatch",
    "precedent_conflict",
    "publication_date_suspect",
    "run_checks",
    "unresolved_date",
    "weekday_mismatch",
]


def run_checks(events: list[EventView], aliases: list[Alias] | None = None) -> list[FindingDraft]:
    """Every finding over `events`. `aliases` defaults to the shipped alias table;
    pass the editors' table so precedent checks see their names too."""
    finder = EntityFinder(aliases if aliases is not None else load_default_aliases())
    publication = publication_date_suspect(events)
    explained = frozenset().union(*(f.faulty for f in publication))
    per_event = []
    for event in events:
        per_event += [f for f in date_conflict(event) if not f.faulty <= explained]
        per_event += weekday_mismatch(event) + duration_mismatch(event)
    everything = per_event + publication + precedent_conflict(events, finder) + unresolved_date(events)
    unique = {f.draft.fingerprint: f.draft for f in everything}
    return list(unique.values())
