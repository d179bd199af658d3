"""Layout maths for the timeline page: plain Python, no Django.

A `Scale` maps a half-open span of days [start, stop) onto 0..100 per cent of
the track's width, so the page stays fluid and the browser does the pixels.
Bands are drawn for the whole unit an interval was stated in: "2008" covers
all of 2008, "March 2008" all of March, never a point on the first day.

>>> scale = Scale(date(2000, 1, 1), date(2010, 1, 1))
>>> band = scale.band(date(2008, 1, 1), date(2008, 12, 31), "year")
>>> (round(band.left, 1), round(band.width, 1))
(80.0, 10.0)
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

# A band narrower than this (per cent of the track) is drawn as a mark: still
# a few pixels wide, so a single day stays visible in a 30-year view.
MARK_BELOW_PERCENT = 0.6

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


# The calendar ends: a view's arithmetic saturates at them instead of raising
# OverflowError, so ?from=0001-01-01 or ?to=9999-12-31 still draws a page.
FIRST_DAY, LAST_DAY = date.min, date.max


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, held within the calendar.

    >>> shift(date(9999, 12, 30), 5)
    datetime.date(9999, 12, 31)
    """
    ordinal = min(max(day.toordinal() + days, FIRST_DAY.toordinal()), LAST_DAY.toordinal())
    return date.fromordinal(ordinal)


def _year_start(year: int) -> date:
    """1 January of `year`, held within the calendar (past 9999: its last day)."""
    if year < FIRST_DAY.year:
        return FIRST_DAY
    if year > LAST_DAY.year:
        return LAST_DAY
    return date(year, 1, 1)


def _add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month (held within the calendar)."""
    index = day.year * 12 + day.month - 1 + months
    if index // 12 < FIRST_DAY.year:
        return FIRST_DAY
    if index // 12 > LAST_DAY.year:
        return LAST_DAY
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_year_start(day: date) -> date:
    return _year_start(day.year + 1)


def snap(start: date, end: date, granularity: str) -> tuple[date, date]:
    """The inclusive interval widened to whole units of its precision.

    Stored intervals already span their unit; this guards against one that
    does not, so a year is never drawn as its first day.

    >>> snap(date(2008, 1, 1), date(2008, 1, 1), "year")
    (datetime.date(2008, 1, 1), datetime.date(2008, 12, 31))
    >>> snap(date(2008, 3, 1), date(2008, 3, 1), "month")
    (datetime.date(2008, 3, 1), datetime.date(2008, 3, 31))
    """
    if granularity == "year":
        return date(start.year, 1, 1), date(end.year, 12, 31)
    if granularity == "month":
        return start.replace(day=1), _month_end(end)
    if granularity == "week":
        monday = shift(start, -start.weekday())
        return monday, max(end, shift(monday, 6))
    return start, end


@dataclass(frozen=True)
class Band:
    """Where an interval sits on the track, in per cent of its width."""

    left: float
    width: float
    clipped_start: bool  # the interval begins before the view
    clipped_end: bool  # ... or ends after it

    @property
    def is_mark(self) -> bool:
        return self.width < MARK_BELOW_PERCENT

    @property
    def css(self) -> str:
        # Formatted here because template localisation may print "12,5".
        return f"left: {self.left:.4f}%; width: {self.width:.4f}%"


@dataclass(frozen=True)
class Tick:
    day: date
    x: float
    label: str
    # The span the tick labels, [day, until): following it zooms in on it.
    until: date


@dataclass(frozen=True)
class Scale:
    start: date
    stop: date  # exclusive

    def __post_init__(self) -> None:
        if self.stop <= self.start:
            raise ValueError(f"empty scale: {self.start}..{self.stop}")

    @classmethod
    def inclusive(cls, first: date, last: date) -> Scale:
        # The stop is exclusive, so the calendar's very last day cannot end a view.
        last = min(last, shift(LAST_DAY, -1))
        return cls(min(first, last), shift(last, 1))

    @property
    def days(self) -> int:
        return (self.stop - self.start).days

    @property
    def last(self) -> date:
        return self.stop - timedelta(days=1)

    @property
    def center(self) -> date:
        return self.start + timedelta(days=self.days // 2)

    def x(self, day: date) -> float:
        """Per cent of the track at the start of `day` (may fall outside 0..100)."""
        return (day - self.start).days * 100 / self.days

    def band(self, start: date, end: date, granularity: str) -> Band | None:
        """The band for an inclusive interval at its precision, or None when out of view."""
        first, last = snap(start, end, granularity)
        stop = shift(last, 1)
        if stop <= self.start or first >= self.stop:
            return None
        left = max(self.x(first), 0.0)
        right = min(self.x(stop), 100.0)
        return Band(left=left, width=right - left, clipped_start=first < self.start, clipped_end=stop > self.stop)

    def ticks(self, max_ticks: int = 12) -> list[Tick]:
        """Tick marks in the finest step that gives at most `max_ticks`.

        >>> [t.label for t in Scale(date(1999, 1, 1), date(2027, 1, 1)).ticks()]
        ['2000', '2005', '2010', '2015', '2020', '2025']
        """
        for unit, step in _STEPS:
            if _count(self, unit, step) <= max_ticks:
                return list(_ticks(self, unit, step))
        return list(_ticks(self, *_STEPS[-1]))


# Fine to coarse; the first that fits is used.
_STEPS = [
    ("day", 1), ("day", 2),
    ("week", 1), ("week", 2),
    ("month", 1), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50), ("year", 100),
]  # fmt: skip


def _first_tick(scale: Scale, unit: str, step: int) -> date:
    start = scale.start
    if unit == "year":
        year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        return _year_start(-(-year // step) * step)
    if unit == "month":
        first = start if start.day == 1 else _add_months(start, 1)
        while (first.month - 1) % step and first < scale.stop:
            first = _add_months(first, 1)
        return first
    if unit == "week":
        monday = shift(start, -start.weekday() % 7)
        # Fortnights count from a fixed Monday, so panning keeps the same ticks.
        if step == 2 and (monday.toordinal() // 7) % 2:
            monday = shift(monday, 7)
        return monday
    return shift(start, -start.toordinal() % step)


def _advance(day: date, unit: str, step: int) -> date:
    if unit == "year":
        return _year_start(day.year + step)
    if unit == "month":
        return _add_months(day, step)
    if unit == "week":
        return shift(day, 7 * step)
    return shift(day, step)


def _count(scale: Scale, unit: str, step: int) -> int:
    # Cheap bound before generating: ticks cannot outnumber span / step + 1.
    per_unit = {"year": 365, "month": 28, "week": 7, "day": 1}[unit]
    if scale.days / (per_unit * step) > 4 * 12 + 1:
        return 10**9
    return sum(1 for _ in _ticks(scale, unit, step))


def _ticks(scale: Scale, unit: str, step: int) -> Iterable[Tick]:
    day = _first_tick(scale, unit, step)
    previous: date | None = None
    while day < scale.stop:
        until = _advance(day, unit, step)
        if until <= day:
            return  # the calendar's end: no next tick
        yield Tick(day=day, x=scale.x(day), label=_tick_label(day, unit, previous), until=until)
        previous, day = day, until


def _tick_label(day: date, unit: str, previous: date | None) -> str:
    if unit == "year":
        return str(day.year)
    # The year is repeated where it changes, so a label is never ambiguous.
    new_year = previous is None or previous.year != day.year
    if unit == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}" if new_year else _MONTHS[day.month - 1]
    new_month = previous is None or previous.month != day.month
    label = f"{day.day} {_MONTHS[day.month - 1]}" if new_month else str(day.day)
    return f"{label} {day.year}" if new_year else label


def fit(intervals: Iterable[tuple[date, date, str]]) -> Scale | None:
    """A scale around all the intervals, widened to whole years (or months for a short span)."""
    spans = [snap(start, end, granularity) for start, end, granularity in intervals]
    if not spans:
        return None
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    if (last - first).days > 2 * 366:
        return Scale(date(first.year, 1, 1), _next_year_start(last))
    return Scale(first.replace(day=1), _add_months(last, 1))


# Zoom levels, widest first. Zooming moves along them around the view's center.
LEVELS = ["decade", "year", "month", "week", "day"]


def level_scale(level: str, around: date) -> Scale:
    """The whole decade, year, month, week or day containing `around`.

    >>> level_scale("decade", date(2013, 6, 1))
    Scale(start=datetime.date(2010, 1, 1), stop=datetime.date(2020, 1, 1))
    """
    around = min(around, shift(LAST_DAY, -1))
    if level == "decade":
        year = around.year - around.year % 10
        return Scale(_year_start(year), _year_start(year + 10))
    if level == "year":
        return Scale(date(around.year, 1, 1), _next_year_start(around))
    if level == "month":
        return Scale(around.replace(day=1), _add_months(around, 1))
    if level == "week":
        monday = shift(around, -around.weekday())
        return Scale(monday, shift(monday, 7))
    if level == "day":
        return Scale(around, shift(around, 1))
    raise ValueError(f"unknown zoom level {level!r}")


def zoom_in(scale: Scale) -> Scale | None:
    """The widest level narrower than the view, around its center; None at one day."""
    for level in LEVELS:
        candidate = level_scale(level, scale.center)
        if candidate.days < scale.days:
            return candidate
    return None


def zoom_out(scale: Scale) -> Scale | None:
    """The narrowest level wider than the view, around its center; None past a decade (show all)."""
    for level in reversed(LEVELS):
        candidate = level_scale(level, scale.center)
        if candidate.days > scale.days:
            return candidate
    return None


def pan(scale: Scale, direction: int) -> Scale:
    """The view moved one view-width earlier (-1) or later (+1).

    Whole years and whole months move by years and months, so "2008" pans to
    "2009" rather than to a span 365 days later. At either end of the calendar
    the view stops there, as wide as it was.

    >>> pan(Scale(date(9990, 1, 1), date(9999, 1, 1)), +1)
    Scale(start=datetime.date(9990, 12, 31), stop=datetime.date(9999, 12, 31))
    """
    start, stop = scale.start, scale.stop
    if (start.month, start.day, stop.month, stop.day) == (1, 1, 1, 1):
        years = direction * (stop.year - start.year)
        if FIRST_DAY.year <= start.year + years and stop.year + years <= LAST_DAY.year:
            return Scale(date(start.year + years, 1, 1), date(stop.year + years, 1, 1))
    elif start.day == 1 and stop.day == 1:
        months = direction * ((stop.year - start.year) * 12 + stop.month - start.month)
        moved = _add_months(start, months), _add_months(stop, months)
        if moved[0].day == 1 and moved[1].day == 1 and moved[0] < moved[1]:
            return Scale(*moved)
    first = start.toordinal() + direction * scale.days
    first = min(max(first, FIRST_DAY.toordinal()), LAST_DAY.toordinal() - scale.days)
    return Scale(date.fromordinal(first), date.fromordinal(first + scale.days))


def describe(start: date | None, end: date | None, granularity: str) -> str:
    """An interval as a reader would say it, at the precision it was stated.

    >>> describe(date(2008, 1, 1), date(2008, 12, 31), "year")
    '2008'
    >>> describe(date(2008, 3, 1), date(2008, 3, 31), "month")
    'March 2008'
    >>> describe(date(2008, 3, 4), date(2008, 3, 4), "day")
    '4 March 2008'
    """
    if start is None or end is None:
        return "date unknown"
    first, last = snap(start, end, granularity)
    if granularity == "year":
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if granularity == "month":
        one = f"{_MONTH_NAMES[first.month - 1]} {first.year}"
        if (first.year, first.month) == (last.year, last.month):
            return one
        return f"{one} – {_MONTH_NAMES[last.month - 1]} {last.year}"
    if granularity == "week":
        return f"week of {_day(first)}" if last - first == timedelta(days=6) else f"{_day(first)} – {_day(last)}"
    return _day(first) if first == last else f"{_day(first)} – {_day(last)}"


def _day(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
