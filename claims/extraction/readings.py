"""What each kind of candidate says, before any reference date is known.

A `Reading` is either a finished interval (the text alone fixes it), a
function of a reference day and a direction (year-less dates, "yesterday"),
or an offset to anchor later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from claims.extraction import dates
from claims.extraction.candidates import Candidate
from claims.extraction.patterns import Patterns, number_value
from claims.extraction.types import Granularity, Interval, TimexType

# reference day, direction (-1 back / +1 ahead) -> interval, or None when the date cannot exist
Resolver = Callable[[date, int], Interval | None]


@dataclass(frozen=True)
class Reading:
    granularity: Granularity
    interval: Interval | None = None  # fixed by the text alone
    resolver: Resolver | None = None  # needs a reference day
    # "strict": depends on the moment of writing ("yesterday", "last week"); inside an
    # undated quote it cannot be resolved. Year-less dates only need a rough year.
    strict: bool = False
    uses_direction: bool = False
    weekday: int | None = None
    # offsets: amount (signed), unit, hedge, and how the anchor is found:
    # "previous" (the nearest earlier dated claim), "following" (the phrase after it), "reference";
    # "month": `amount` is a day of the month of the nearest earlier dated claim ("on the 30th")
    amount: int = 0
    unit: str = ""
    hedge: str = ""
    anchor: str = ""
    # "the following year" names the whole calendar unit after its anchor; "a year later" an amount
    whole_unit: bool = False
    # the TIMEX3 side: its type, a value the text fixes without a calendar ("P3Y", "PRESENT_REF"),
    # its mod, and a part of the day or clock time written after the date's value ("TAF", "T16:00")
    timex_type: TimexType = TimexType.DATE
    value: str = ""
    mod: str = ""
    part: str = ""


def _int_day(text: str | None) -> int | None:
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_date(c: Candidate, p: Patterns) -> Reading | None:
    month = p.months.value(c.group("mon")) if c.group("mon") else None
    if month is None:
        return None
    first_month = p.months.value(c.group("mon1") or c.group("mon") or "") or month
    last_month = p.months.value(c.group("mon2") or "") or month
    d1, d2 = _int_day(c.group("d1")), _int_day(c.group("d2"))
    if d1 is None or not 1 <= d1 <= 31 or (d2 is not None and not 1 <= d2 <= 31):
        return None
    weekday = p.weekdays.value(c.group("wd")) if c.group("wd") else None
    year = int(c.group("y")) if c.group("y") else None
    shift = p.year_shift.value(c.group("shift")) if c.group("shift") else None

    def build(y: int) -> Interval | None:
        start = _safe_date(y, first_month, d1)
        end = _safe_date(y, last_month, d2) if d2 is not None else start
        if start is None or end is None or end < start:
            return None
        return dates.day_range(start, end)

    if year is not None:
        interval = build(year)
        return None if interval is None else Reading(Granularity.DAY, interval=interval, weekday=weekday)
    if shift is not None:
        return Reading(Granularity.DAY, resolver=lambda ref, _d: build(ref.year + shift), strict=True, weekday=weekday)

    def toward(ref: date, direction: int) -> Interval | None:
        # A range still under way is not in the past nor wholly ahead: "will be there
        # February 10-11" written on the 11th is this year's, so the future counts from its end.
        if direction > 0 and d2 is not None:
            end = dates.nearest_day(ref, last_month, d2, direction)
            return None if end is None else build(end.year)
        start = dates.nearest_day(ref, first_month, d1, direction)
        return None if start is None else build(start.year)

    def resolve(ref: date, direction: int) -> Interval | None:
        interval = toward(ref, direction)
        if weekday is None and interval is not None and direction:
            # "would repatriate the child by Jan. 14" in a copy sent on Jan. 15: the tense is the
            # story's, written a day or two before its time stamp, not a date a year away
            other = toward(ref, -direction)
            if other is not None and abs((other.start - ref).days) <= _LAG_DAYS:
                return other
        if weekday is None or interval is None or interval.start.weekday() == weekday or not direction:
            return interval
        # "Monday, Oct. 26": the weekday names the year; the tense may be off by the day or two
        # a story's time stamp lags behind the date it announces
        other = toward(ref, -direction)
        return other if other is not None and other.start.weekday() == weekday else interval

    return Reading(Granularity.DAY, resolver=resolve, uses_direction=True, weekday=weekday)


# days a story's time stamp may lag behind the writing of its tense ("would ... by Jan. 14" sent on the 15th)
_LAG_DAYS = 2


def _read_iso(c: Candidate, p: Patterns) -> Reading | None:
    start = _safe_date(int(c.group("y")), int(c.group("mo")), int(c.group("d1")))
    return None if start is None else Reading(Granularity.DAY, interval=dates.day(start))


def _read_month(c: Candidate, p: Patterns) -> Reading | None:
    month = p.months.value(c.group("mon"))
    if month is None:
        return None
    last = p.months.value(c.group("mon2") or "") or month
    if c.group("y"):
        year = int(c.group("y"))
        if last < month:
            return None
        return Reading(Granularity.MONTH, interval=_months(year, month, last))
    if c.group("shift"):
        shift = p.year_shift.value(c.group("shift"))
        return Reading(Granularity.MONTH, resolver=lambda ref, _d: dates.month_of(ref.year + shift, month), strict=True)
    return Reading(
        Granularity.MONTH,
        resolver=lambda ref, direction: dates.month_of(dates.nearest_month(ref, month, direction), month),
        uses_direction=True,
    )


def _months(year: int, first: int, last: int) -> Interval:
    return Interval(dates.month_of(year, first).start, dates.month_of(year, last).end, Granularity.MONTH)


def _read_year(c: Candidate, p: Patterns) -> Reading | None:
    first, last = int(c.group("y")), int(c.group("y2") or c.group("y"))
    return None if last < first else Reading(Granularity.YEAR, interval=dates.year_of(first, last))


def _read_quarter(c: Candidate, p: Patterns) -> Reading | None:
    first, last = p.quarters.value(c.group("q"))
    return Reading(Granularity.MONTH, interval=_months(int(c.group("y")), first, last))


def _read_season_year(c: Candidate, p: Patterns) -> Reading | None:
    # value_in: the "fall" entry looks behind itself ("in fall 2025", not "prices fall 2025")
    name = p.season_names.value_in(c.match.string, c.match.start("sn"), c.match.end("sn"))
    return None if name is None else Reading(Granularity.MONTH, interval=dates.season_of(int(c.group("y")), name))


def _read_ordinal(c: Candidate, p: Patterns) -> Reading | None:
    """"on the 30th": that day of the month of the nearest earlier dated claim (see extractor)."""
    day_of_month = _int_day(c.group("d1"))
    if day_of_month is None or not 1 <= day_of_month <= 31:
        return None
    return Reading(Granularity.DAY, amount=day_of_month, unit="day_of_month", anchor="month")


def _read_decade(c: Candidate, p: Patterns) -> Reading | None:
    if c.group("decw") and c.group("dcent"):  # "the nineteen-sixties"
        decade = p.spoken_centuries.value(c.group("dcent")) * 100 + p.decade_words.value(c.group("decw"))
        mod = (p.edge_mods.value(c.group("part")) or "") if c.group("part") else ""
        return Reading(Granularity.YEAR, interval=dates.year_of(decade, decade + 9), mod=mod)
    if c.group("dec2") or c.group("decw"):  # "the '80s", "the nineties"
        tens = int(c.group("dec2")) if c.group("dec2") else p.decade_words.value(c.group("decw"))
        # "the late sixties": the whole decade, the part said as the mod (TimeML's value names the decade)
        mod = (p.edge_mods.value(c.group("part")) or "") if c.group("part") else ""

        def latest(ref: date, _d: int) -> Interval:
            first = ref.year // 100 * 100 + tens
            first = first - 100 if first > ref.year else first
            return dates.year_of(first, first + 9)

        return Reading(Granularity.YEAR, resolver=latest, mod=mod)
    decade = int(c.group("dec"))
    first, last = p.decade_parts.value(c.group("part")) if c.group("part") else (0, 9)
    # TimeML names the decade and says which part of it: "the early 1980s" is 198 with mod START
    mod = (p.edge_mods.value(c.group("part")) or "") if c.group("part") else ""
    return Reading(Granularity.YEAR, interval=dates.year_of(decade + first, decade + last), value=str(decade // 10), mod=mod)


def _part_of_day(c: Candidate, p: Patterns) -> str:
    """"TAF" for "Friday afternoon", "TNI" for "last night" or "tonight"; "" when the text names no part."""
    if c.group("part"):
        code = p.day_parts.value(c.group("part"))
        return f"T{code}" if code else ""
    for word in c.match.group().lower().split():
        code = p.day_parts.value(word)
        if code:
            return f"T{code}"
    return "TNI" if c.match.group().lower().strip() == "tonight" else ""


def _read_relday(c: Candidate, p: Patterns) -> Reading | None:
    start = c.match.end("bpart") if c.group("bpart") else c.match.start()
    words = c.match.string[start : c.match.start("part") if c.group("part") else c.match.end()]
    days = p.relative_days.value(words)
    if days is None:
        return None
    part = _part_of_day(c, p)
    return Reading(
        Granularity.DAY, resolver=lambda ref, _d: dates.day(ref + timedelta(days=days)), strict=True,
        timex_type=TimexType.TIME if part else TimexType.DATE, part=part,
    )


def _read_period(c: Candidate, p: Patterns) -> Reading | None:
    unit, step = p.relative_periods.value(c.match.group())
    if unit == "year" and step == -1 and _compares(c, p):
        # "a loss of $3 million compared with $5 million last year": like "a year ago", the part of
        # last year the text just named, when it named one (see extractor)
        return Reading(Granularity.YEAR, resolver=lambda ref, _d: dates.period(ref, unit, step), strict=True,
                       amount=-1, unit="years", anchor="reference")
    return Reading(Granularity(unit), resolver=lambda ref, _d: dates.period(ref, unit, step), strict=True)


_COMPARISON_REACH = 60  # characters before "last year" the comparison word may stand


def _compares(c: Candidate, p: Patterns) -> bool:
    lead = p.comparison_lead
    return lead is not None and lead.search(c.match.string, max(0, c.start - _COMPARISON_REACH), c.start) is not None


def _read_season(c: Candidate, p: Patterns) -> Reading | None:
    name, step = p.seasons.value(c.match.group())
    words = c.match.group().split()  # "the early summer": the narrowing word inside, as the mod
    mod = (p.edge_mods.value(words[1]) or "") if len(words) == 3 else ""
    return Reading(Granularity.MONTH, resolver=lambda ref, _d: dates.season(ref, name, step), strict=True, mod=mod)


def _read_weekday(c: Candidate, p: Patterns) -> Reading | None:
    weekday = p.weekdays.value(c.group("wd"))
    return Reading(
        Granularity.DAY,
        resolver=lambda ref, direction: dates.day(dates.nearest_weekday(ref, weekday, direction)),
        strict=True,
        uses_direction=True,
        weekday=weekday,
        timex_type=TimexType.TIME if (part := _part_of_day(c, p)) else TimexType.DATE,
        part=part,
    )


def _amount(c: Candidate, p: Patterns) -> int | None:
    text = c.group("num")
    if not text:
        return 1
    if text.isdigit():
        return int(text)
    return number_value(p.numbers, c.match.string, c.match.start("num"), c.match.end("num"))


def _read_offset(c: Candidate, p: Patterns) -> Reading | None:
    amount, unit = _amount(c, p), p.units.value(c.group("unit"))
    if not amount or unit is None:
        return None
    whole_unit = c.kind in ("next", "prev") and unit != "decades"
    if unit == "decades":
        amount, unit = amount * 10, "years"
    hedge = " ".join((c.group("hedge") or "").lower().split())
    word = (c.group("dir") or "").strip()
    if c.kind == "next":
        sign, anchor = 1, "previous"
    elif c.kind == "prev":
        sign, anchor = -1, "previous"
    elif c.kind == "lead" and not word:
        # "спустя шесть месяцев" counts from the story's last date; "через неделю" alone may
        # count from the moment of writing instead: too ambiguous to resolve.
        if not p.later.fullmatch(c.group("lead")):
            return None
        sign, anchor = 1, "previous"
    elif p.ago.fullmatch(word):
        sign, anchor = -1, "reference"
    elif p.after.fullmatch(word):
        sign, anchor = 1, "following"
    elif p.before.fullmatch(word):
        sign, anchor = -1, "following"
    elif p.earlier.fullmatch(word):
        sign, anchor = -1, "previous"
    elif p.later.fullmatch(word):
        sign, anchor = 1, "previous"
    else:
        return None
    granularity = {"years": Granularity.YEAR, "months": Granularity.MONTH}.get(unit, Granularity.DAY)
    reading = Reading(granularity, amount=sign * amount, unit=unit, hedge=hedge, anchor=anchor,
                      whole_unit=whole_unit)
    if anchor == "reference":
        return Reading(
            granularity if unit != "weeks" else Granularity.WEEK,
            resolver=lambda ref, _d: _ago(ref, sign * amount, unit),
            strict=True,
            amount=sign * amount, unit=unit, hedge=hedge, anchor=anchor,
        )
    return reading


def _ago(ref: date, amount: int, unit: str) -> Interval:
    moved = dates.add_units(ref, amount, unit)
    if unit == "years":
        return dates.year_of(moved.year)
    if unit == "months":
        return dates.month_of(moved.year, moved.month)
    if unit == "weeks":
        return dates.week_of(moved)
    return dates.day(moved)


def _read_eve(c: Candidate, p: Patterns) -> Reading | None:
    return Reading(Granularity.DAY, amount=-1, unit="days", anchor="following")


READERS = {
    "date": _read_date, "iso": _read_iso, "month": _read_month, "year": _read_year, "years": _read_year,
    "decade": _read_decade, "quarter": _read_quarter, "ordinal": _read_ordinal, "andday": _read_ordinal,
    "relday": _read_relday, "period": _read_period, "season": _read_season, "weekday": _read_weekday,
    "offset": _read_offset, "lead": _read_offset, "next": _read_offset, "prev": _read_offset, "eve": _read_eve,
    "seasonyear": _read_season_year,
}


def read_date(candidate: Candidate, patterns: Patterns) -> Reading | None:
    """The readers of dates; `timex_readings.read` adds the other TIMEX3 types."""
    return READERS[candidate.kind](candidate, patterns)
