"""Stated spans ("exactly three weeks after", "six months later", "nearly 30
years ago") against the dates of the events they connect.

Linking has already counted the span from its anchor; this check compares that
date with what the other sources say about the event itself. The hedge sets
the tolerance: "exactly" allows nothing, "about"/"nearly" a fraction of the
span. A span counted from an anchor the text does not name ("later") is
weaker evidence, so it is reported with a lower severity.
"""

from __future__ import annotations

import re

from claims.extraction.types import Granularity
from timeline.analysis.checks.common import Found, found, outlets, quote, topic
from timeline.analysis.consensus import consensus
from timeline.analysis.dates import WHOLE, gap_days, span_days
from timeline.analysis.text import format_interval
from timeline.analysis.types import EventView, FindingKind, Severity

# "six months later" counts from whatever the text said before: the anchor is
# implied, not named, so the mismatch may be the reader's pairing, not the writer's.
_IMPLICIT = re.compile(r"\b(?:later|earlier|afterwards|ago)\b|спустя|позже|назад", re.IGNORECASE)
_LOOSE_HEDGES = {"about", "nearly", "almost", "roughly", "some", "around", "over", "more than", "почти", "около", "примерно"}
_LOOSE_SHARE = 0.15  # "nearly 30 years" may be 26: a fraction of the span
_PLAIN_SHARE = 0.05  # "six months later" without a hedge: a little slack


def tolerance_days(hedge: str, span: int) -> int:
    hedge = hedge.casefold().strip()
    if hedge in ("exactly", "precisely", "ровно", "точно"):
        return 0
    if hedge in _LOOSE_HEDGES:
        return int(span * _LOOSE_SHARE)
    return int(span * _PLAIN_SHARE)


def duration_mismatch(event: EventView) -> list[Found]:
    reported = [c for c in event.claims if c.claim.offset is None and c.claim.interval is not None]
    expected, _ = consensus(reported, event.phases)
    if expected is None:
        return []
    results = []
    for c in event.claims:
        offset, interval = c.claim.offset, c.claim.interval
        if offset is None or interval is None or (event.phases.get(c.id) or WHOLE) != WHOLE:
            continue
        off_by = gap_days(interval, expected)
        if off_by <= tolerance_days(offset.hedge, span_days(offset)):
            continue
        strict = offset.hedge.casefold() in ("exactly", "precisely", "ровно", "точно")
        firm_anchor = not _IMPLICIT.search(c.claim.text) and bool(offset.anchor_text.strip()) and interval.granularity == Granularity.DAY
        severity = Severity.MEDIUM if strict and firm_anchor else Severity.LOW
        named = offset.anchor_text.strip() if not _IMPLICIT.search(c.claim.text) else ""
        anchor = f" (from “{named}”)" if named else " (counted from the date before it)"
        message = (
            f"{c.outlet} dates {topic(event.label)} {quote(c)}{anchor}, which gives {format_interval(interval)}, "
            f"but according to {outlets(reported)} it was on {format_interval(expected)}, {off_by} day(s) apart."
        )
        results.append(found(FindingKind.DURATION_MISMATCH, severity, message, event.id, [c.id], [r.id for r in reported]))
    return results
