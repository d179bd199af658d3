"""Precision-aware comparisons of intervals and calendar arithmetic.

A claim stated as "2008" covers the whole year, so it agrees with any day in
2008; a claim stated as a day agrees only with that day. Phases narrow what an
event interval must contain: a claim about the start of a visit is checked
against the first day, one about its end against the last.
"""

from __future__ import annotations

import calendar
from datetime import date

from claims.extraction.dates import add_units
from claims.extraction.types import Granularity, Interval, Offset

START, END, WHOLE = "start", "end", "whole"

_RANK = {Granularity.DAY: 0, Granularity.WEEK: 1, Granularity.MONTH: 2, Granularity.YEAR: 3}


def precision_rank(interval: Interval) -> int:
    """0 for a day, higher for coarser statements."""
    return _RANK[interval.granularity]


def phase_target(event: Interval, phase: str) -> Interval:
    """The part of an event interval a claim of `phase` speaks about."""
    if phase == START:
        return Interval(event.start, event.start, event.granularity)
    if phase == END:
        return Interval(event.end, event.end, event.granularity)
    return event


def agrees(claim: Interval, event: Interval, phase: str = WHOLE) -> bool:
    """Can `claim` (about `phase` of the event) and `event` both be true?

    A one-day claim inside a multi-day event agrees; a stated multi-day span at
    day precision must match the event's days; a phase claim must cover the
    event's first or last day.

    >>> from datetime import date as d
    >>> visit = Interval(d(2026, 2, 10), d(2026, 2, 11), Granularity.DAY)
    >>> agrees(Interval(d(2026, 2, 11), d(2026, 2, 11), Granularity.DAY), visit)
    True
    >>> agrees(Interval(d(2026, 2, 11), d(2026, 2, 11), Granularity.DAY), visit, START)
    False
    """
    target = phase_target(event, phase)
    if phase in (START, END):
        return claim.contains(target) or (event.granularity != Granularity.DAY and claim.overlaps(target))
    if claim.granularity == Granularity.DAY and event.granularity == Granularity.DAY and claim.days > 1:
        return claim == event  # "February 10-11" says the event took exactly those days
    return claim.overlaps(event)


def gap_days(a: Interval, b: Interval) -> int:
    """Days between two intervals, 0 when they overlap."""
    if a.overlaps(b):
        return 0
    return (b.start - a.end).days if a.end < b.start else (a.start - b.end).days


def shift(value: date, amount: int, unit: str) -> date:
    """Calendar arithmetic, the same the extractor uses: "weeks" or "week"."""
    return add_units(value, amount, unit.rstrip("s") + "s")


def apply_offset(anchor: Interval, offset: Offset) -> Interval:
    """The interval `offset` lands on when counted from `anchor`.

    The result keeps the anchor's precision: three weeks after a day is a day,
    six months after "August 2025" is a month.

    >>> from datetime import date as d
    >>> apply_offset(Interval(d(2026, 2, 10), d(2026, 2, 10), Granularity.DAY), Offset(3, "weeks", "exactly", "x"))
    Interval(start=datetime.date(2026, 3, 3), end=datetime.date(2026, 3, 3), granularity=<Granularity.DAY: 'day'>)
    """
    start = shift(anchor.start, offset.amount, offset.unit)
    end = shift(anchor.end, offset.amount, offset.unit)
    if anchor.granularity == Granularity.MONTH:
        end = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
    return Interval(start, end, anchor.granularity)


def span_days(offset: Offset) -> int:
    """Rough length of the stated span in days, for hedge tolerances."""
    per_unit = {"day": 1, "week": 7, "month": 30, "year": 365}[offset.unit.rstrip("s")]
    return abs(offset.amount) * per_unit
