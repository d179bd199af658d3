"""TIMEX3 values (TimeML, ISO 8601 with extensions) for intervals and amounts.

    >>> from datetime import date
    >>> interval_value(Interval(date(2013, 3, 1), date(2013, 3, 31), Granularity.MONTH))
    '2013-03'
    >>> interval_value(Interval(date(1990, 1, 1), date(1999, 12, 31), Granularity.YEAR))
    '199'
    >>> duration_value(3, "years"), duration_value(90, "minutes"), duration_value(None, "days"), duration_value(2, "quarters")
    ('P3Y', 'PT90M', 'PXD', 'P2Q')

An interval's value says what the text stated: a whole month is `2013-03`, a
meteorological season `2013-SU`, a quarter `2013-Q1`, a decade `199`.
Intervals no TIMEX3 value names exactly (a span of days, several years) take
the value of where they start, which TempEval-3 annotates the same way.
"""

from __future__ import annotations

from datetime import date

from claims.extraction.types import Granularity, Interval

# unit name -> (ISO 8601 letter, is a time unit written after "T")
DURATION_UNITS = {
    "years": ("Y", False), "months": ("M", False), "weeks": ("W", False), "days": ("D", False),
    "hours": ("H", True), "minutes": ("M", True), "seconds": ("S", True), "quarters": ("Q", False),
    "decades": ("DE", False), "centuries": ("C", False),
}
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def interval_value(interval: Interval) -> str:
    start, end = interval.start, interval.end
    if interval.granularity == Granularity.DAY:
        return start.isoformat()
    if interval.granularity == Granularity.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if interval.granularity == Granularity.MONTH:
        months = _months_between(start, end)
        if months == 3 and start.month in _SEASON_CODES:  # seasons start in the last month of a quarter
            return f"{start.year}-{_SEASON_CODES[start.month]}"
        if months == 3 and (start.month - 1) % 3 == 0:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if months == 6 and start.month in (1, 7):
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        return f"{start.year}-{start.month:02d}"
    years = end.year - start.year + 1
    if years == 100 and start.year % 100 == 0:
        return f"{start.year // 100:02d}"
    if years == 10 and start.year % 10 == 0:
        return f"{start.year // 10:03d}"
    return f"{start.year:04d}"


def unknown_value(granularity: Granularity) -> str:
    """The value of a date whose calendar position the text does not give."""
    return {Granularity.DAY: "XXXX-XX-XX", Granularity.WEEK: "XXXX-WXX", Granularity.MONTH: "XXXX-XX"}.get(
        granularity, "XXXX"
    )


def duration_value(amount: int | None, unit: str) -> str:
    """`P3Y`, `PT5H`; an amount the text leaves open ("several years") is `X`."""
    letter, is_time = DURATION_UNITS[unit]
    number = "X" if amount is None else str(amount)
    if unit == "decades" and amount is not None:
        number, letter = str(amount * 10), "Y"
    if unit == "centuries" and amount is not None:
        number, letter = str(amount * 100), "Y"
    return f"PT{number}{letter}" if is_time else f"P{number}{letter}"


# half a unit in the next smaller one: "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
_HALF_OF = {"years": "6M", "days": "T12H", "hours": "30M", "minutes": "30S"}


def half_duration_value(whole: int, unit: str) -> str:
    """`P2Y6M` for two and a half years; a unit with no half in a smaller one keeps a decimal (`P2.5W`).

    >>> half_duration_value(2, "years"), half_duration_value(5, "hours"), half_duration_value(2, "weeks")
    ('P2Y6M', 'PT5H30M', 'P2.5W')
    """
    letter, is_time = DURATION_UNITS[unit]
    if unit not in _HALF_OF or unit in ("decades", "centuries"):
        return f"{'PT' if is_time else 'P'}{whole}.5{letter}"
    return f"{'PT' if is_time else 'P'}{whole}{letter}{_HALF_OF[unit]}"


def unanchored_offset_value(amount: int, unit: str) -> str | None:
    """"twenty years after the war" with no date for the war: TimeML annotates the amount alone,
    a DURATION ("P20Y"); None for a unit no duration has ("day_of_month")."""
    return duration_value(abs(amount), unit) if unit in DURATION_UNITS else None
