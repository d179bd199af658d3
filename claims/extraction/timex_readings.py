"""What the TIMEX3 types beyond DATE say: durations, recurrences, vague references, clock times.

    >>> from claims.extraction.candidates import find_candidates
    >>> from claims.extraction.patterns import patterns_for
    >>> p = patterns_for("en")
    >>> [(r.timex_type.value, r.value) for c in find_candidates("a two-day visit, held weekly", p, [])
    ...  if (r := read(c, p))]
    [('DURATION', 'P2D'), ('SET', 'P1W')]

Dates keep their readers (readings.py); `read` is the one entry for every kind.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from claims.extraction import dates
from claims.extraction.candidates import Candidate
from claims.extraction.patterns import Patterns, number_value
from claims.extraction.readings import READERS, Reading, read_date
from claims.extraction.timex import DURATION_UNITS, duration_value, half_duration_value
from claims.extraction.types import Granularity, Interval, TimexType

# calendar units a lead ("the past three years") can anchor; hours and minutes stay a bare amount
_CALENDAR_UNITS = {"days", "weeks", "months", "years", "decades"}


def _number(c: Candidate, p: Patterns) -> int | None | bool:
    """The amount before a unit: an int, None for one the text leaves open ("several"), False for none."""
    if c.group("num"):
        text = c.group("num")
        if text.isdigit():
            return int(text)
        if p.vague_amount is not None and p.vague_amount.fullmatch(text):
            return None  # "a few days": the duration leaves the amount open
        return number_value(p.numbers, c.match.string, c.match.start("num"), c.match.end("num"))
    if c.group("vague"):
        return p.duration_numbers.value(c.group("vague"))
    if c.group("digits"):
        digits = c.group("digits")
        return int(digits) if digits.isdigit() else None
    return False


def _read_duration(c: Candidate, p: Patterns) -> Reading | None:
    unit = p.duration_units.value(c.group("dunit"))
    if c.group("half") and unit is not None:  # "2 1/2 years"
        return Reading(Granularity.DAY, timex_type=TimexType.DURATION, value=half_duration_value(int(c.group("half")), unit))
    if (c.group("andhalf") or c.group("andhalf2")) and unit is not None and isinstance(whole := _number(c, p), int):
        # "two and a half years", "a minute and a half"
        return Reading(Granularity.DAY, timex_type=TimexType.DURATION, value=half_duration_value(whole, unit))
    one = c.group("one") is not None and bool(c.group("dlead"))  # "the past year" (the group is empty)
    amount = 1 if one else (_number(c, p) if c.kind == "duration" else None)
    if c.group("dlong"):  # "day-long": one; "decades-long": an amount left open
        amount = None if c.group("dunit").lower().endswith("s") else 1
    if unit is None or amount is False or amount == 0:
        return None
    if c.group("dago"):
        # "several years ago": a past the text does not count (TimeML PAST_REF); a counted amount
        # ("two years ago") is an offset, read by its own pattern
        return Reading(Granularity.DAY, value="PAST_REF") if amount is None else None
    if unit == "seconds" and c.group("vague"):
        return None  # "a second round": the ordinal, not the unit
    if c.group("digits") and not c.group("digits").isdigit():  # "2.5 years"
        value = f"P{c.group('digits')}{DURATION_UNITS[unit][0]}"
    else:
        value = duration_value(amount, unit)
    mod = (p.hedge_mods.value(c.group("dhedge")) or "") if c.group("dhedge") else ""
    lead = p.duration_leads.value(c.group("dlead")) if c.group("dlead") else 0
    resolver = None
    if lead and amount and unit in _CALENDAR_UNITS:
        step, base = (amount * 10, "years") if unit == "decades" else (amount, unit)

        def resolver(ref: date, _d: int) -> Interval:
            # "the past three years" ends at the moment of writing; "the next two weeks" starts there
            other = dates.add_units(ref, lead * step, base)
            start, end = (other + timedelta(days=1), ref) if lead < 0 else (ref, other - timedelta(days=1))
            return dates.day_range(start, end)

    return Reading(Granularity.DAY, resolver=resolver, strict=resolver is not None,
                   timex_type=TimexType.DURATION, value=value, mod=mod)


def _read_set(c: Candidate, p: Patterns) -> Reading | None:
    if c.group("sword"):
        value = p.sets.value(c.group("sword"))
    elif c.group("mon"):
        month = p.months.value(c.group("mon"))
        value = f"XXXX-{month:02d}" if month else None
    else:
        unit = p.duration_units.value(c.group("dunit"))
        if unit is None:
            return None
        amount = 2 if c.group("other") else (_number(c, p) if c.group("num") else 1)
        value = duration_value(amount if isinstance(amount, int) and amount else 1, unit)
    return None if not value else Reading(Granularity.DAY, timex_type=TimexType.SET, value=value)


def _read_set_weekday(c: Candidate, p: Patterns) -> Reading | None:
    weekday = p.weekdays.value(c.group("wd").rstrip("s") if c.group("wd").endswith("s") else c.group("wd"))
    if weekday is None:
        return None
    part = _part_of_day_in(c.match.group(), p)
    return Reading(Granularity.DAY, timex_type=TimexType.SET, value=f"XXXX-WXX-{weekday + 1}{part}")


def _part_of_day_in(text: str, p: Patterns) -> str:
    for word in text.lower().split():
        code = p.day_parts.value(word.rstrip("s"))
        if code:
            return f"T{code}"
    return ""


def _read_ref(c: Candidate, p: Patterns) -> Reading | None:
    # value_in: entries look past their own text ("current" before a noun)
    value = p.refs.value_in(c.match.string, c.match.start("ref"), c.match.end("ref"))
    return None if value is None else Reading(Granularity.DAY, value=value)


def _clock(c: Candidate) -> str | None:
    """"T16:00" for "4 p.m.", "T12:00" for "noon"; None for no time of day ("13 p.m.")."""
    if c.group("noon"):
        return "T12:00" if c.group("noon").lower() in ("noon", "midday") else "T24:00"
    if c.group("h24"):
        hour, minute = int(c.group("h24")), int(c.group("m24"))
        return f"T{hour:02d}:{minute:02d}" if hour < 24 else None
    hour, minute = int(c.group("h")), int(c.group("m") or 0)
    if not 1 <= hour <= 12:
        return None
    afternoon = c.group("ampm").lower().startswith("p")
    hour = hour % 12 + (12 if afternoon else 0)
    return f"T{hour:02d}:{minute:02d}"


def _read_clock(c: Candidate, p: Patterns) -> Reading | None:
    part = _clock(c)
    if part is None:
        return None
    mod = "APPROX" if c.group("dhedge") else ""
    if c.group("wd") or c.group("mon"):
        day = READERS["weekday" if c.group("wd") else "date"](c, p)
    elif c.group("rel"):
        days = p.relative_days.value(c.group("rel"))
        day = Reading(Granularity.DAY, resolver=lambda ref, _d: dates.day(ref + timedelta(days=days)), strict=True)
    else:
        # "at 15:00 local time" alone: the day is the one the story is talking about, which need
        # not be the day of writing, so it dates nothing by itself (a date before it keeps its time)
        return None
    if day is None:
        return None
    return replace(day, timex_type=TimexType.TIME, part=part, mod=mod)


def _read_quarter_alone(c: Candidate, p: Patterns) -> Reading | None:
    quarter = p.quarter_alone.value(c.group("qn"))
    if quarter is None:
        return None
    if c.group("y"):  # "the 1988 third quarter"
        return Reading(Granularity.MONTH, interval=dates.quarter_of(int(c.group("y")), quarter))
    if c.group("qpos"):  # "next year's first quarter": counts from the moment of writing
        shift = p.year_possessives.value(c.group("qpos"))
        return Reading(Granularity.MONTH, resolver=lambda ref, _d: dates.quarter_of(ref.year + shift, quarter), strict=True)

    # the reference's year, but across the turn of a year the quarter just completed (looking ahead,
    # the next one too: dates.nearest_quarter); like a year-less date, an undated quote may use the publication's
    return Reading(Granularity.MONTH, resolver=lambda ref, way: dates.nearest_quarter(ref, quarter, way),
                   uses_direction=True)


def _read_shifted_name(c: Candidate, p: Patterns) -> Reading | None:
    """"last June" is the most recent June before this month; "next Friday" the one after today;
    "this September" the one of the reference's year, "this Friday" the one of its week."""
    step = p.named_shift.value(c.group("nshift"))
    if c.kind == "shiftmonth":
        month = p.months.value(c.group("mon"))
        if month is None or step is None:
            return None

        def by_month(ref: date, _d: int) -> Interval:
            year = ref.year
            if step < 0:
                year = ref.year if month < ref.month else ref.year - 1
            elif step > 0:
                year = ref.year if month > ref.month else ref.year + 1
            return dates.month_of(year, month)

        return Reading(Granularity.MONTH, resolver=by_month, strict=True)
    weekday = p.weekdays.value(c.group("wd"))
    if weekday is None or step is None:
        return None

    def by_weekday(ref: date, _d: int) -> Interval:
        if step < 0:
            return dates.day(ref - timedelta(days=(ref.weekday() - weekday) % 7 or 7))
        if step > 0:
            return dates.day(ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7))
        return dates.day(ref + timedelta(days=weekday - ref.weekday()))

    return Reading(Granularity.DAY, resolver=by_weekday, strict=True, weekday=weekday)


def _read_unit_period(c: Candidate, p: Patterns) -> Reading | None:
    # value_in: an entry may look past its own text ("the year" before "ended")
    unit, step, *how = p.unit_periods.value_in(c.match.string, c.start, c.end)
    unit = unit or c.match.group().split()[-1].lower()  # "" in the table: the unit is the last word
    if how == ["same"]:  # "later that year": the year of the date the story last gave (extractor)
        return Reading(Granularity(unit), unit=unit, anchor="same")
    if how == ["length"]:
        return Reading(Granularity(unit), timex_type=TimexType.DURATION, value=duration_value(1, f"{unit}s"))
    if how:  # "the year-ago quarter": like "a year ago", the part of the year the text just named (extractor)
        if c.match.group().lower().endswith("quarter"):
            # with none named, a quarter all the same: the one "the quarter" means, a year back
            return Reading(Granularity.MONTH, resolver=lambda ref, _d: _last_quarter(ref, step), strict=True,
                           amount=step, unit=f"{unit}s", anchor="reference")
        return Reading(Granularity(unit), resolver=lambda ref, _d: dates.period(ref, unit, step), strict=True,
                       amount=step, unit=f"{unit}s", anchor="reference")
    return Reading(Granularity(unit), resolver=lambda ref, _d: dates.period(ref, unit, step), strict=True)


def _read_century(c: Candidate, p: Patterns) -> Reading | None:
    """"the 20th century": 1900-1999, TIMEX3 value "19"."""
    number = int(c.group("cent"))
    if not 1 <= number <= 21:
        return None
    first = (number - 1) * 100
    return None if first < 1 else Reading(Granularity.YEAR, interval=dates.year_of(first, first + 99))


def _read_spoken_year(c: Candidate, p: Patterns) -> Reading | None:
    """"nineteen ninety-six": 1996; "January nineteen ninety-seven": 1997-01; "the year two thousand": 2000;
    "the summer of nineteen eighty": 1980-SU."""
    if c.group("thousand"):
        year = p.spoken_thousands.value(c.group("thousand"))
    else:
        century, rest = p.spoken_centuries.value(c.group("cent")), p.spoken_two_digits.value(c.group("rest"))
        year = None if century is None or rest is None else century * 100 + rest
    if year is None:
        return None
    month = p.months.value(c.group("mon")) if c.group("mon") else None
    if month is not None:
        return Reading(Granularity.MONTH, interval=dates.month_of(year, month))
    if c.group("sn"):  # "the summer of nineteen eighty": that year's season
        # value_in: the "fall" entry looks behind itself ("in fall", not "prices fall")
        name = p.season_names.value_in(c.match.string, c.match.start("sn"), c.match.end("sn"))
        if name is not None:
            return Reading(Granularity.MONTH, interval=dates.season_of(year, name))
    return Reading(Granularity.YEAR, interval=dates.year_of(year))


def _read_weekend(c: Candidate, p: Patterns) -> Reading | None:
    """"the weekend": the Saturday-Sunday the tense points at, as its ISO week with "-WE"."""
    step = p.weekends.value(c.group("we"))

    def resolver(ref: date, direction: int) -> Interval:
        way = step or direction or -1
        saturday = dates.nearest_weekday(ref, 5, way)
        if step and saturday == ref:  # "last weekend" written on a Saturday is the one before
            saturday += timedelta(weeks=step)
        return dates.week_of(saturday)

    return Reading(Granularity.WEEK, resolver=resolver, strict=True, uses_direction=not step, part="-WE")


def _read_quarter_context(c: Candidate, p: Patterns) -> Reading | None:
    """"the latest quarter": the last complete quarter before the reference; "the quarter": the one
    the text last named (see extractor), else the same; "the 1988 period": the quarter the text last
    named, in 1988, else the year 1988."""
    how = p.quarter_refs.value(c.group("qref")) if c.group("qref") else "context"
    # "the 1988 quarter" (amount: that year), "last year's quarter", "the quarter a year ago" (unit
    # "years": that many from the quarter's)
    year, shift = (int(c.group("y")), 0) if c.group("y") else (0, p.year_possessives.value(c.group("qpos") or "") or 0)
    if c.group("qafter"):  # "the quarter a year ago"
        shift = p.years_after_quarter.value(c.group("qafter"))
    if year:  # with no quarter named, it says no more than its year
        return Reading(Granularity.YEAR, interval=dates.year_of(year), anchor="quarter", amount=year, unit="year")

    def resolver(ref: date, _d: int) -> Interval:
        if how == "current":  # "the current quarter": the one the moment of writing is in
            return dates.quarter_of(ref.year, (ref.month - 1) // 3 + 1)
        return _last_quarter(ref, shift)

    return Reading(Granularity.MONTH, resolver=resolver, strict=True, anchor="quarter" if how == "context" else "",
                   amount=shift, unit="years" if shift else "")


def _last_quarter(ref: date, years: int) -> Interval:
    """The last complete quarter before `ref`, `years` from its own year."""
    first = dates.add_months(date(ref.year, 3 * ((ref.month - 1) // 3) + 1, 1), -3)
    return dates.quarter_of(first.year + years, (first.month - 1) // 3 + 1)


def _read_holiday(c: Candidate, p: Patterns) -> Reading | None:
    month, day = p.holidays.value(c.group("hol"))

    def on(year: int) -> date:
        if day > 0:
            return date(year, month, day)
        first = date(year, month, 1)  # day -4: the fourth Thursday ("Thanksgiving")
        return first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (-day - 1))

    def resolver(ref: date, direction: int) -> Interval:
        this_year = on(ref.year)
        if direction < 0 and this_year > ref:
            return dates.day(on(ref.year - 1))
        if direction > 0 and this_year < ref:
            return dates.day(on(ref.year + 1))
        return dates.day(this_year)

    return Reading(Granularity.DAY, resolver=resolver, uses_direction=True)


def _with_time(reading: Reading | None, c: Candidate) -> Reading | None:
    """"February 10, 2026 at 10:18": a date with a clock time is a TIME."""
    t = c.group("t1") or c.group("t0")
    if reading is None or not t:
        return reading
    hour, minute = (int(x) for x in t.split(":"))
    return replace(reading, timex_type=TimexType.TIME, part=f"T{hour:02d}:{minute:02d}")


MORE_READERS = {
    "duration": _read_duration, "durfor": _read_duration, "setmoney": _read_set, "set": _read_set,
    "setwd": _read_set_weekday, "ref": _read_ref, "clock": _read_clock, "quarterref": _read_quarter_alone,
    "shiftmonth": _read_shifted_name, "shiftwd": _read_shifted_name,
    "weekend": _read_weekend, "unitperiod": _read_unit_period, "century": _read_century,
    "quarterctx": _read_quarter_context, "holiday": _read_holiday, "spokenyear": _read_spoken_year,
}


def read(candidate: Candidate, patterns: Patterns) -> Reading | None:
    reader = MORE_READERS.get(candidate.kind)
    if reader is not None:
        return reader(candidate, patterns)
    reading = read_date(candidate, patterns)
    return _with_time(reading, candidate) if candidate.kind in ("date", "iso") else reading
