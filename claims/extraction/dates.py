"""Calendar arithmetic on intervals: the only place that knows how long a month is.

    >>> add_units(date(2025, 8, 8), 6, "months")
    datetime.date(2026, 2, 8)
    >>> week_of(date(2026, 2, 11))
    Interval(start=datetime.date(2026, 2, 9), end=datetime.date(2026, 2, 15), granularity=<Granularity.WEEK: 'week'>)
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from claims.extraction.types import Granularity, Interval

# Meteorological seasons (northern hemisphere): first month and length in months.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def day(d: date) -> Interval:
    return Interval(d, d, Granularity.DAY)


def day_range(start: date, end: date) -> Interval:
    return Interval(start, end, Granularity.DAY)


def month_of(year: int, month: int) -> Interval:
    last = calendar.monthrange(year, month)[1]
    return Interval(date(year, month, 1), date(year, month, last), Granularity.MONTH)


def quarter_of(year: int, quarter: int) -> Interval:
    """The calendar quarter (1-4) of a year, three months."""
    return Interval(date(year, 3 * quarter - 2, 1), month_of(year, 3 * quarter).end, Granularity.MONTH)


def year_of(year: int, last_year: int | None = None) -> Interval:
    return Interval(date(year, 1, 1), date(last_year or year, 12, 31), Granularity.YEAR)


def week_of(d: date) -> Interval:
    """The Monday–Sunday week that contains `d`."""
    monday = d - timedelta(days=d.weekday())
    return Interval(monday, monday + timedelta(days=6), Granularity.WEEK)


def months_in(interval: Interval) -> int:
    """How many calendar months an interval touches: 3 for a quarter."""
    return (interval.end.year - interval.start.year) * 12 + interval.end.month - interval.start.month + 1


def add_months(d: date, months: int) -> date:
    """Calendar months; the 31st of a shorter month becomes its last day."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def add_units(d: date, amount: int, unit: str) -> date:
    if unit == "days":
        return d + timedelta(days=amount)
    if unit == "weeks":
        return d + timedelta(weeks=amount)
    if unit == "months":
        return add_months(d, amount)
    if unit == "years":
        return add_months(d, 12 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def shift(interval: Interval, amount: int, unit: str) -> Interval:
    """Move an interval by a stated amount, keeping the precision it was stated with."""
    if interval.granularity == Granularity.MONTH:
        # a quarter a year earlier is that quarter of the year before: keep the span of months
        start, end = add_units(interval.start, amount, unit), add_units(interval.end, amount, unit)
        return Interval(month_of(start.year, start.month).start, month_of(end.year, end.month).end, Granularity.MONTH)
    if interval.granularity == Granularity.YEAR:
        return year_of(add_units(interval.start, amount, unit).year, add_units(interval.end, amount, unit).year)
    if interval.granularity == Granularity.WEEK and unit in ("weeks", "days"):
        return week_of(add_units(interval.start, amount, unit))
    return Interval(add_units(interval.start, amount, unit), add_units(interval.end, amount, unit), Granularity.DAY)


def period(reference: date, unit: str, step: int) -> Interval:
    """"last week" / "this month" / "next year" around a reference day."""
    if unit == "week":
        return week_of(reference + timedelta(weeks=step))
    if unit == "month":
        moved = add_months(reference.replace(day=1), step)
        return month_of(moved.year, moved.month)
    if unit == "year":
        return year_of(reference.year + step)
    raise ValueError(f"unknown period {unit!r}")


def season(reference: date, name: str, step: int) -> Interval:
    """"last summer" is the most recent summer that has ended; "this summer" the one of the
    reference's year (winter: the one that contains or follows the reference)."""
    first = SEASONS[name]

    def occurrence(year: int) -> tuple[date, date]:
        start = date(year, first, 1)
        end_month = add_months(start, 2)
        return start, date(end_month.year, end_month.month, calendar.monthrange(end_month.year, end_month.month)[1])

    if step == 0 and name != "winter":  # "this summer" written in October: the one just past
        return Interval(*occurrence(reference.year), Granularity.MONTH)
    # `current`: the occurrence that contains the reference, or else the next one to start.
    year = reference.year - 1 if name == "winter" and reference.month <= 2 else reference.year
    start, end = occurrence(year)
    if end < reference:
        year += 1
        start, end = occurrence(year)
    if step < 0:  # the most recent one that has ended
        start, end = occurrence(year - 1)
    elif step > 0 and start <= reference:  # "next" while one is under way is the one after it
        start, end = occurrence(year + 1)
    return Interval(start, end, Granularity.MONTH)


def season_of(year: int, name: str) -> Interval:
    """"spring 2025": the meteorological season that starts in that year."""
    first = SEASONS[name]
    last = add_months(date(year, first, 1), 2)
    return Interval(date(year, first, 1), date(last.year, last.month, calendar.monthrange(last.year, last.month)[1]), Granularity.MONTH)


def nearest_day(reference: date, month: int, day_of_month: int, direction: int) -> date | None:
    """The `month`/`day` closest to the reference in `direction` (-1: most recent, today counts;
    +1: next, today counts). None for a day that does not exist (February 30)."""
    for year in (reference.year, reference.year + direction, reference.year + 2 * direction,
                 reference.year + 4 * direction):
        try:
            candidate = date(year, month, day_of_month)
        except ValueError:
            continue
        if (direction < 0 and candidate <= reference) or (direction > 0 and candidate >= reference):
            return candidate
    return None


def nearest_month(reference: date, month: int, direction: int) -> int:
    """The year of the most recent (-1) or next (+1) `month`; the current month counts."""
    if direction < 0:
        return reference.year if month <= reference.month else reference.year - 1
    return reference.year if month >= reference.month else reference.year + 1


def nearest_quarter(reference: date, quarter: int, direction: int) -> Interval:
    """The year-less quarter a clause points at: the reference's year, except across the turn of a
    year for the quarters next to the reference's own. The quarter just completed is the one
    meant, whatever the tense ("profits fell in the fourth quarter", "will report fourth-quarter
    results", written in January: last year's); ahead (+1), so is the next quarter ("first-quarter
    sales will rise", written in November: next year's)."""
    current = date(reference.year, 3 * ((reference.month - 1) // 3) + 1, 1)
    completed, following = add_months(current, -3), add_months(current, 3)
    if quarter == (completed.month - 1) // 3 + 1:
        return quarter_of(completed.year, quarter)
    if direction > 0 and quarter == (following.month - 1) // 3 + 1:
        return quarter_of(following.year, quarter)
    return quarter_of(reference.year, quarter)


def nearest_weekday(reference: date, weekday: int, direction: int) -> date:
    """Most recent or next weekday; today counts both ways ("would cause disruption on Friday",
    written on a Friday, is that day: news names the day of writing by its weekday)."""
    if direction < 0:
        return reference - timedelta(days=(reference.weekday() - weekday) % 7)
    return reference + timedelta(days=(weekday - reference.weekday()) % 7)
