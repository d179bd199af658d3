"""Checks on the dates themselves: claims that cannot all be true, weekdays
that do not fall on the stated date."""

from __future__ import annotations

import calendar

from claims.extraction.types import Granularity, Resolution
from timeline.analysis.checks.common import Found, found, outlets, quote, say, settled_by_editor, topic
from timeline.analysis.consensus import source_of, voting_claims
from timeline.analysis.dates import WHOLE, agrees, phase_target
from timeline.analysis.text import format_interval
from timeline.analysis.types import ClaimRecord, EventView, FindingKind, Severity

_PHASE_WORDS = {"start": "the start of ", "end": "the end of "}


def _severity(claim: ClaimRecord, phase: str) -> Severity:
    """A date stated outright and at day precision is a plain contradiction;
    one read from "tomorrow" or from a phase word may be a slip of reference."""
    c = claim.claim
    if c.resolution == Resolution.ABSOLUTE and c.granularity == Granularity.DAY and phase == WHOLE:
        return Severity.HIGH
    return Severity.MEDIUM


def date_conflict(event: EventView) -> list[Found]:
    if event.consensus is None:
        return []
    voters = [c for c in voting_claims(event.claims) if c.claim.offset is None]
    phase_of = {c.id: event.phases.get(c.id) or WHOLE for c in voters}
    agreeing = [c for c in voters if agrees(c.claim.interval, event.consensus, phase_of[c.id])]
    if not agreeing:
        return []
    agreeing_ids = {c.id for c in agreeing}
    by_side: dict[tuple, list[ClaimRecord]] = {}
    for c in voters:
        if c.id not in agreeing_ids:
            by_side.setdefault((source_of(c), c.claim.interval, phase_of[c.id]), []).append(c)
    results = []
    for (_, interval, phase), claims in by_side.items():
        first = claims[0]
        others = [c for c in agreeing if source_of(c) != source_of(first)]
        if phase != WHOLE:
            # "Arrived on Wednesday evening" is contradicted by another arrival date or a span
            # that excludes it, not by the talks the next day.
            others = [c for c in others if phase_of[c.id] == phase or c.claim.interval.days > 1]
        if not others:
            # One text against itself: its two dates on one event are two happenings or two
            # parts of one (a blog's "yesterday" for the talks, its own date for the arrival),
            # which is linking's business, not an error of the text.
            continue
        if settled_by_editor(claims, agreeing):
            continue
        expected = phase_target(event.consensus, phase)
        message = (
            f"{first.outlet} says {_PHASE_WORDS.get(phase, '')}{topic(event.label)} was on {format_interval(interval)} "
            f"({quote(first)}); {outlets(others)} {say(others)} {format_interval(expected)}."
        )
        results.append(found(FindingKind.DATE_CONFLICT, _severity(first, phase), message, event.id, [c.id for c in claims], [c.id for c in others]))
    return results


def weekday_mismatch(event: EventView) -> list[Found]:
    results = []
    for c in event.claims:
        interval, weekday = c.claim.interval, c.claim.weekday
        if weekday is None or interval is None or interval.days != 1 or c.claim.offset is not None:
            continue
        actual = interval.start.weekday()
        if actual != weekday:
            message = (
                f"{c.outlet} writes {quote(c)}, but {interval.start.isoformat()} was a {calendar.day_name[actual]}, "
                f"not a {calendar.day_name[weekday]}; check which of the two is right."
            )
            results.append(found(FindingKind.WEEKDAY_MISMATCH, Severity.MEDIUM, message, event.id, [c.id]))
    return results
