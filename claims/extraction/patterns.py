"""Compiled candidate patterns, built once per language from its lexicon.

Every pattern is a template over shared fragments (MON, DAY, YEAR, ...) that the
lexicon fills in, so a new language needs a table, not new regexes. Values are
looked up through `Lookup`s: one named group per table entry, read back with
`lastgroup`, which is faster than trying every entry.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claims.extraction.first_chars import first_char_guard
from claims.extraction.languages import lexicon_for
from claims.extraction.languages.base import Lexicon

NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
NOT_LETTER_AFTER = r"(?![^\W\d_])"
DAY_NUMBER = r"(?<![\d.,:])[0-3]?\d(?:st|nd|rd|th|-?го)?(?!\d|:\d)"  # 3rd / 3-го ("April 25:" ends a date, "10:30" is a time)
DAY = DAY_NUMBER
YEAR = r"(?<![\d.,$€£#№/])(?:1[6-9]|20)\d\d(?![\d%]|['’]?s\b|-х|\.\d)"  # "2082.1" is a decimal
DASH = r"\s*[-–—]\s*"
TIME = r"(?<!\d)[0-2]?\d:[0-5]\d(?!\d)"


# Which trigger word each kind of pattern needs, and how far around it a match may reach.
TRIGGER_OF = {
    "date": "mon", "month": "mon", "iso": "y4", "year": "y4", "decade": "y4", "relday": "rel",
    "period": "period", "season": "season", "offset": "unit", "lead": "unit", "next": "unit",
    "weekday": "wd", "eve": "eve", "quarter": "y4", "years": "y4", "ordinal": "ord",
    "prev": "unit", "seasonyear": "y4", "andday": "mon",
    "duration": "unit", "durfor": "unit", "setmoney": "unit", "set": "set", "setwd": "wd", "ref": "ref",
    "clock": "clock", "quarterref": "unit", "shiftmonth": "mon", "shiftwd": "wd",
    "spokenyear": "spoken", "weekend": "named", "quarterctx": "unit", "holiday": "named", "unitperiod": "unit", "century": "unit",
}
REACH = {  # (characters before the trigger, after it): the longest reach of the group's patterns
    # "17:34, Thursday, 10–11 of February" / "February 10–11, 2026 at 10:18"
    # "the fourth quarter of 2025" / "четвёртом квартале 2025 года"
    "mon": (32, 36), "y4": (26, 22), "rel": (25, 5), "period": (5, 5), "season": (12, 5),
    # "more than a couple of months later"
    # "at least the past 18 months", "the fourth quarter" (durations share the unit words)
    "unit": (32, 20), "wd": (10, 40), "eve": (10, 20), "ord": (8, 40),
    # "twice a week" / "10:30 a.m. EST, Nov. 6"
    "set": (5, 30), "ref": (12, 20), "clock": (12, 30), "named": (10, 20),
    # "September nineteen ninety-seven" / "the year two thousand"
    "spoken": (16, 30),
}


class Lookup:
    """Which entry of a table a piece of text is: `Lookup({"yesterday": -1}).value("Yesterday")`."""

    def __init__(self, table: dict[str, object], case_sensitive: bool = False):
        keys = sorted(table, key=len, reverse=True)  # longest first: "last year" before "year"
        self._values = {f"k{i}": table[key] for i, key in enumerate(keys)}
        self.pattern = "|".join(f"(?P<k{i}>{key})" for i, key in enumerate(keys))
        # `bare` has no named groups, for embedding in bigger patterns.
        self.bare = "(?:" + "|".join(f"(?:{key})" for key in keys) + ")"
        self._regex = re.compile(self.pattern, 0 if case_sensitive else re.IGNORECASE)

    def value(self, text: str):
        match = self._regex.fullmatch(text.strip().rstrip("."))
        if match is None:
            match = self._regex.fullmatch(text.strip())
        return None if match is None else self._values[match.lastgroup]

    def value_in(self, string: str, start: int, end: int):
        """Like `value`, for entries with a lookahead past their own text ("a" before "day")."""
        match = self._regex.match(string, start)
        return None if match is None or match.end() != end else self._values[match.lastgroup]


def number_value(numbers: Lookup, string: str, start: int, end: int) -> int | None:
    """The amount a number said as words gives; a tens word and a ones word after it add up
    ("twenty-four": one table entry for "twenty" with its optional ones, fewer to try)."""
    value = numbers.value_in(string, start, end)
    tail = _TENS_TAIL.search(string, start, end)
    if value is not None and tail is not None and value % 10 == 0:
        ones = numbers.value(tail.group(1))  # "hundred" in "a hundred" is none
        value += ones if ones is not None and 0 < ones < 10 else 0
    return value


_TENS_TAIL = re.compile(r"\w[\s-]+(\w+)$")


def _multi(table: dict[int, list[str]]) -> dict[str, int]:
    return {fragment: key for key, fragments in table.items() for fragment in fragments}


@dataclass(frozen=True)
class Patterns:
    lexicon: Lexicon
    months: Lookup
    weekdays: Lookup
    relative_days: Lookup
    decade_parts: Lookup
    decade_words: Lookup
    relative_periods: Lookup
    seasons: Lookup
    season_names: Lookup
    year_shift: Lookup
    numbers: Lookup
    units: Lookup
    quarters: Lookup
    later: re.Pattern
    earlier: re.Pattern
    after: re.Pattern
    before: re.Pattern
    ago: re.Pattern
    # (kind, priority, regex, trigger group) in no particular order; overlaps are settled by `candidates`
    finders: tuple[tuple[str, int, re.Pattern, str], ...]
    # One cheap scan for the words every pattern needs (a month, a year, "yesterday", a unit...);
    # the full patterns then run only in windows around these, which is most of the speed.
    trigger: re.Pattern
    trigger_any_case: re.Pattern  # for the rare text whose lower-casing changes its length
    year_before: re.Pattern  # the word before a lone year that makes it a year
    number_label: re.Pattern | None  # the word before a number that makes it a label ("Article 1999")
    year_after: re.Pattern  # what may follow a lone year
    future: re.Pattern
    past: re.Pattern
    # every TIMEX3 type (lookups over the lexicon's tables; empty ones never match)
    day_parts: Lookup
    duration_units: Lookup
    duration_numbers: Lookup
    duration_leads: Lookup
    hedge_mods: Lookup
    sets: Lookup
    refs: Lookup
    quarter_alone: Lookup
    spoken_centuries: Lookup
    spoken_two_digits: Lookup
    spoken_thousands: Lookup
    named_shift: Lookup
    weekends: Lookup
    unit_periods: Lookup
    quarter_refs: Lookup
    year_possessives: Lookup
    years_after_quarter: Lookup
    week_of: re.Pattern | None  # "the week of" right before a day
    comparison_lead: re.Pattern | None  # "compared with $3 million" before "last year", in its clause
    holidays: Lookup
    edge: re.Pattern | None  # a narrowing word right before a date ("early", "the end of")
    edge_mods: Lookup
    vague_amount: re.Pattern | None  # the amounts a duration leaves open ("several", "a few")
    edge_at_start: re.Pattern | None  # the same word at the start of a claim's own text ("early 1990s")
    present: re.Pattern | None
    reporting: re.Pattern | None
    participle_lead: re.Pattern | None
    participle_tail: re.Pattern | None
    adjective_pasts: re.Pattern | None  # "-ed" forms before a noun, which a modal before them makes adjectives
    modals: re.Pattern | None
    modal_scope_break: re.Pattern | None
    deadline_lead: re.Pattern | None
    past_plan_lead: re.Pattern | None
    infinitive: re.Pattern | None  # "to" and a verb ("to buy"), not a place ("to Paris", "to the city")
    clause_opener: re.Pattern | None  # "that", "which": a new clause after a date
    year_article: re.Pattern | None  # "a " right before a year
    year_noun_after: re.Pattern | None  # a lower-case noun after it that is no classifier ("a 2010 raid")


def _word(alternation: str) -> str:
    return f"{NOT_LETTER_BEFORE}(?:{alternation}){NOT_LETTER_AFTER}"


@functools.cache
def patterns_for(language: str) -> Patterns:
    lex = lexicon_for(language)
    DAY = rf"{DAY_NUMBER}(?:{lex.day_suffix})?" if lex.day_suffix else DAY_NUMBER  # noqa: N806
    # "of" (8 of August, August of 2025), or the language's own joiner (8 de agosto de 2025)
    OF = f"(?:of|{lex.date_joiner})" if lex.date_joiner else "of"
    YJOIN = rf"(?:(?:{lex.date_joiner})\s+)?" if lex.date_joiner else ""
    months = Lookup(_multi(lex.months), lex.case_sensitive_months)
    weekdays = Lookup(_multi(lex.weekdays), lex.case_sensitive_months)
    case = "(?-i:{})" if lex.case_sensitive_months else "(?:{})"
    MON = NOT_LETTER_BEFORE + case.format(months.bare) + NOT_LETTER_AFTER
    WD = NOT_LETTER_BEFORE + case.format(weekdays.bare) + NOT_LETTER_AFTER
    YSUF = rf"(?:\s+{lex.year_suffix}{NOT_LETTER_AFTER})?" if lex.year_suffix else ""
    year_shift = Lookup(lex.year_shift_after_month)
    SHIFT = rf"(?:\s+(?P<shift>{year_shift.bare}){NOT_LETTER_AFTER})?"
    numbers = Lookup(lex.numbers)
    quarters = Lookup(lex.quarters)
    units = Lookup(lex.units)
    NUM = rf"(?P<num>{_word(numbers.bare)}|\d{{1,3}}(?!\d))"
    UNIT = rf"(?P<unit>{_word(units.bare)})"
    NUM_BEFORE_UNIT = rf"(?:{NUM}\s+)?" if lex.bare_unit_offsets else rf"{NUM}\s+"
    HEDGE = rf"(?:(?P<hedge>{_word(lex.hedges)})\s+)?"
    WDPRE = rf"(?:(?P<wd>{WD}),?\s+)?"
    T_AFTER = rf"(?:,?\s+(?:at\s+)?(?P<t1>{TIME}))?"
    T_BEFORE = rf"(?:(?P<t0>{TIME}),?\s+)?"
    relative_days = Lookup(lex.relative_days)
    decade_parts = Lookup(lex.decade_parts)
    relative_periods = Lookup(lex.relative_periods)
    seasons = Lookup(lex.seasons)
    season_names = Lookup(lex.season_names)
    direction = "|".join(
        f"(?:{w})" for w in (lex.later_words, lex.earlier_words, lex.after_words, lex.before_words, lex.ago_words)
    )

    templates: list[tuple[str, int, str]] = [
        # 07 February 2026 19:01 / Thursday, 8 August 2025 / 10–11 февраля 2026 года / 17:34, 10 февраля 2026
        ("date", 5, rf"{T_BEFORE}{WDPRE}(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?(?:\s+{OF})?\s+(?P<mon>{MON}),?\s+{YJOIN}(?P<y>{YEAR}){YSUF}{T_AFTER}"),
        # Thursday, August 8, 2025 / February 10–11, 2026
        ("date", 5, rf"{WDPRE}(?P<mon>{MON})\s+(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?,?\s+(?P<y>{YEAR}){YSUF}{T_AFTER}"),
        # 2026-02-11 / 2026-02-11T10:18
        ("iso", 5, rf"(?<![\d-])(?P<y>(?:1[6-9]|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d1>[0-3]\d)(?![\d-])(?:[T ](?P<t1>{TIME}))?"),
        # 11.02.2026 (a full stop after it ends the sentence; "11.02.2026.5" is a version number)
        ("iso", 4, r"(?<![\d.])(?P<d1>[0-3]?\d)\.(?P<mo>0?[1-9]|1[0-2])\.(?P<y>(?:1[6-9]|20)\d\d)(?!\d|\.\d)"),
        # с 9 по 11 февраля / from 9 to 11 February 2026
        ("date", 6, rf"{_word(lex.range_from)}\s+(?P<d1>{DAY})(?:\s+(?P<mon1>{MON}))?\s+{_word(lex.range_to)}\s+(?P<d2>{DAY})\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}){YSUF})?"),
        # from February 9 to 11 / between February 9 and 11, 2026
        ("date", 6, rf"{_word(lex.range_from)}\s+(?P<mon>{MON})\s+(?P<d1>{DAY})\s+{_word(lex.range_to)}\s+(?:(?P<mon2>{MON})\s+)?(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"),
        # year-less: 10 February / 10–11 февраля / 8 августа прошлого года
        ("date", 3, rf"{WDPRE}(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?(?:\s+{OF})?\s+(?P<mon>{MON}){SHIFT}"),
        # year-less: August 8 / February 10-11 / August 8 last year
        ("date", 3, rf"{WDPRE}(?P<mon>{MON})\s+(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?{SHIFT}"),
        # August 2025 / сентябре 2008 года / August–September 2025
        ("month", 4, rf"(?P<mon>{MON})(?:{DASH}(?P<mon2>{MON}))?,?\s+(?:{OF}\s+)?(?P<y>{YEAR}){YSUF}"),
        # November last year / ноябре прошлого года
        ("month", 4, rf"(?P<mon>{MON})\s+(?P<shift>{year_shift.bare}){NOT_LETTER_AFTER}"),
        # in August / the August meeting / в сентябре (the span is the month name alone)
        ("month", 1, rf"{_word(lex.month_context_before)}[\s-]+(?P<span>(?P<mon>{MON}))(?!\s*[-–—]?\s*\d){lex.month_alone_guard}"),
        # 2008 / 2008 года / 2008–2012
        ("year", 1, rf"(?P<y>{YEAR})(?:{DASH}(?P<y2>{YEAR}))?{YSUF}"),
        # from 2015 to 2020 / between 2015 and 2020 / с 2015 по 2020 год
        ("years", 2, rf"{_word(lex.range_from)}\s+(?P<y>{YEAR})\s+{_word(lex.range_to)}\s+(?P<y2>{YEAR}){YSUF}"),
        # the early 1990s / в начале 1990-х годов
        ("decade", 2, rf"(?:the\s+)?(?:(?P<part>{_word(decade_parts.bare)})[-\s]+)?(?P<dec>(?<!\d)(?:1[6-9]|20)\d0){lex.decade_suffix}{NOT_LETTER_AFTER}"),
        # yesterday / накануне
        ("relday", 2, _word(relative_days.bare)),
        # last week / earlier this month / в прошлом году
        ("period", 2, _word(relative_periods.bare)),
        ("season", 2, _word(seasons.bare)),
        # exactly six months later / a day after / nearly 30 years ago / шесть месяцев спустя
        ("offset", 3, rf"{HEDGE}{NUM_BEFORE_UNIT}{UNIT}\s+(?P<dir>{_word(direction)})"),
    ]
    decade_words = Lookup(lex.decade_words)
    if lex.decade_words:
        # "the nineties", "the late sixties", "the nineteen-twenties"
        CENTURY = rf"(?:(?P<dcent>{_word(Lookup(lex.spoken_centuries).bare)})[-\s]+)?" if lex.spoken_centuries else ""  # noqa: N806
        templates.append(("decade", 2, rf"(?<![\w-])the\s+(?:(?P<part>{_word(decade_parts.bare)})[-\s]+)?{CENTURY}"
                                       rf"(?P<decw>{_word(decade_words.bare)})(?!\s*(?:%|percent|degrees))"))
    if lex.short_decade_mark:
        # "the '80s": the latest such decade that has begun by the moment of writing
        templates.append(("decade", 2, rf"(?:the\s+)?{lex.short_decade_mark}(?P<dec2>\d0){lex.decade_suffix}{NOT_LETTER_AFTER}"))
    if lex.quarters:
        # Q3 2025 / the first half of 2025 / в третьем квартале 2025 года
        templates.append(("quarter", 5, rf"(?P<q>{_word(quarters.bare)})[\s-]*(?P<y>{YEAR}){YSUF}"))
    if lex.ordinal_day_lead:
        # "postponed until the 14th," : a day of the month the story is talking about
        templates.append((
            "ordinal", 2,
            rf"{_word(lex.ordinal_day_lead)}\s+(?P<span>the\s+(?P<d1>(?<!\d)[0-3]?\d(?:st|nd|rd|th)))"
            r"(?=\s*[,.;:)]|\s+(?:and|or|at|when|as|but|in|to)\b)",
        ))
        if lex.day_coordination:
            # "the summit on April 24 and 25": the second day, of the same month
            templates.append((
                "andday", 2,
                rf"{MON}\s+{DAY}\s+{_word(lex.day_coordination)}\s+(?P<span>(?P<d1>(?<!\d)[0-3]?\d(?:st|nd|rd|th)?))(?!\d)"
                r"(?=\s*[,.;:)]|\s+(?:and|or|at|when|as|but|in|to)\b)",
            ))
    if lex.weekday_prefix:
        templates.append(("weekday", 2, rf"{_word(lex.weekday_prefix)}\s+(?P<span>(?P<wd>{WD}))"))
    else:
        # "Friday afternoon" / "Friday's talks" (the span stops before "'s", as TimeML's does)
        parts = rf"(?:\s+(?P<part>{_word(Lookup(lex.day_parts).bare)}))?" if lex.day_parts else ""
        templates.append(("weekday", 2, rf"(?P<span>(?P<wd>{WD}){parts})(?:['’]s{NOT_LETTER_AFTER})?"))
    if lex.offset_lead:
        # спустя шесть месяцев / через три недели после
        templates.append(("lead", 3, rf"{HEDGE}(?P<lead>{_word(lex.offset_lead)})\s+{HEDGE.replace('hedge', 'hedge2')}(?:{NUM}\s+)?{UNIT}(?:\s+(?P<dir>{_word(lex.after_words)}))?"))
    # the eve of the summit / накануне визита: followed by a lower-case word, not a comma or a date
    templates.append(("eve", 4, rf"{_word(lex.eve)}(?=\s+(?-i:[a-zа-яё]))"))
    if lex.next_unit:
        templates.append(("next", 3, rf"{_word(lex.next_unit)}\s+{UNIT}"))
    if lex.previous_unit:
        templates.append(("prev", 3, rf"{_word(lex.previous_unit)}\s+{UNIT}"))
    if lex.season_names:
        # spring 2025 / the summer of 2025 / летом 2025 года
        templates.append(("seasonyear", 4, rf"(?:the\s+)?(?P<sn>{_word(season_names.bare)})\s+(?:of\s+)?(?P<y>{YEAR}){YSUF}"))
    day_parts = Lookup(lex.day_parts)
    duration_units = Lookup(lex.duration_units)
    duration_numbers = Lookup(lex.duration_numbers)
    duration_leads = Lookup(lex.duration_leads)
    hedge_mods = Lookup(lex.mods_of_hedges)
    sets = Lookup(lex.sets)
    refs = Lookup(lex.refs)
    quarter_alone = Lookup(lex.quarter_alone)
    edge_mods = Lookup(lex.edge_mods)
    PART = rf"(?:\s+(?P<part>{_word(day_parts.bare)}))?" if lex.day_parts else ""
    templates.extend(_every_type_templates(lex, WD, MON, DAY, NUM, relative_days, day_parts, duration_units,
                                           duration_numbers, duration_leads, hedge_mods, sets, refs, quarter_alone))
    if PART:
        # "yesterday afternoon", and the part written first: "mid-afternoon yesterday"
        BPART = rf"(?:(?P<bpart>{_word(day_parts.bare)})\s+)?"  # noqa: N806
        templates = [
            (kind, priority, BPART + template + PART if kind == "relday" else template) for kind, priority, template in templates
        ]
    finders = tuple(
        (kind, priority, re.compile(first_char_guard(template, re.IGNORECASE) + template, re.IGNORECASE), TRIGGER_OF[kind])
        for kind, priority, template in templates
    )
    trigger_parts = {
        "mon": months.bare,
        "wd": weekdays.bare,
        "y4": r"(?:1[6-9]|20)\d\d" + (r"|\d0s\b" if lex.short_decade_mark else "")
        + (f"|{decade_words.bare}" if lex.decade_words else ""),
        "rel": relative_days.bare,
        "period": relative_periods.bare,
        # the season word alone when the lexicon names it: a short scan for a long list of phrases
        "season": lex.season_triggers or seasons.bare,
        "unit": units.bare,
        "eve": f"(?:{lex.eve})",
    }
    if lex.duration_units:  # durations and quarters are found around the same unit words as offsets
        trigger_parts["unit"] = f"(?:{units.bare}|{duration_units.bare})"
    if lex.unit_triggers:
        trigger_parts["unit"] = f"(?:{trigger_parts['unit']}|{lex.unit_triggers})"
    # whole words: "weekend" must not be taken for the unit "week" (its own trigger comes later)
    trigger_parts["unit"] = rf"{trigger_parts['unit']}\b"
    if lex.weekends or lex.holidays:
        trigger_parts["named"] = "|".join(p for p in (r"weekend", Lookup(lex.holidays).bare) if p)
    if lex.sets or lex.set_every:
        # plain words only: the trigger scan runs over every character, the full patterns do the rest
        # whole words: "per" must not take the start of "period"
        trigger_parts["set"] = "(?:" + "|".join(p for p in (sets.bare, lex.set_every, r"once|twice|times") if p) + r")\b"
    if lex.refs:
        trigger_parts["ref"] = lex.ref_triggers or refs.bare
    if lex.spoken_centuries or lex.spoken_thousands:
        trigger_parts["spoken"] = "|".join(p for p in (Lookup(lex.spoken_centuries).bare if lex.spoken_centuries else "",
                                                        r"two\s+thousand" if lex.spoken_thousands else "") if p)
    if lex.clock:
        trigger_parts["clock"] = r"(?:[ap]\.\s?m\.|[ap]m\b|:[0-5]\d|noon|midnight|midday)"
    if lex.ordinal_day_lead:
        trigger_parts["ord"] = r"the\s+[0-3]?\d(?:st|nd|rd|th)"
    if any(escape in "".join(trigger_parts.values()) for escape in (r"\W", r"\D", r"\S", r"\B")):
        raise ValueError("trigger fragments must survive lower-casing")
    if "set" in trigger_parts:  # "weekly" starts like the unit "week": the recurrence must be tried first
        trigger_parts = {"set": trigger_parts.pop("set"), **trigger_parts}
    # Run on lower-cased text: without IGNORECASE the regex engine can skip ahead fast.
    # The lookahead lets the engine reject most positions with one character test before it
    # tries the alternatives (about twice as fast a scan).
    trigger = re.compile(r"\b(?=[\w:])(?:" + "|".join(f"(?P<{n}>{part.lower()})" for n, part in trigger_parts.items()) + ")")
    trigger_any_case = re.compile(
        r"\b(?=[\w:])(?:" + "|".join(f"(?P<{n}>{part})" for n, part in trigger_parts.items()) + ")", re.IGNORECASE
    )

    def full(words: str) -> re.Pattern:
        return re.compile(rf"(?:{words})", re.IGNORECASE)

    return Patterns(
        lexicon=lex,
        months=months,
        weekdays=weekdays,
        relative_days=relative_days,
        decade_parts=decade_parts,
        decade_words=decade_words,
        relative_periods=relative_periods,
        seasons=seasons,
        season_names=season_names,
        year_shift=year_shift,
        numbers=numbers,
        units=units,
        quarters=quarters,
        later=full(lex.later_words),
        earlier=full(lex.earlier_words),
        after=full(lex.after_words),
        before=full(lex.before_words),
        ago=full(lex.ago_words),
        finders=finders,
        trigger=trigger,
        trigger_any_case=trigger_any_case,
        year_before=re.compile(rf"{_word(lex.year_context_before)}[\s-]*$", re.IGNORECASE),
        number_label=re.compile(rf"{_word(lex.number_labels)}\s*$", re.IGNORECASE) if lex.number_labels else None,
        year_after=re.compile(rf"(?:{lex.year_context_after})", re.IGNORECASE | re.MULTILINE),
        future=re.compile(_word(lex.future_markers), re.IGNORECASE),
        # never the tail of a hyphenated name ("Han Jae-won", "so-called")
        past=re.compile("(?<!-)" + _word(lex.past_markers)),
        day_parts=day_parts,
        duration_units=duration_units,
        duration_numbers=duration_numbers,
        duration_leads=duration_leads,
        hedge_mods=hedge_mods,
        sets=sets,
        refs=refs,
        quarter_alone=quarter_alone,
        spoken_centuries=Lookup(lex.spoken_centuries),
        spoken_two_digits=Lookup(lex.spoken_two_digits),
        spoken_thousands=Lookup(lex.spoken_thousands),
        named_shift=Lookup(lex.named_shift),
        weekends=Lookup(lex.weekends),
        unit_periods=Lookup(lex.unit_periods),
        quarter_refs=Lookup(lex.quarter_refs),
        year_possessives=Lookup(lex.year_possessives),
        years_after_quarter=Lookup(lex.years_after_quarter),
        week_of=re.compile(rf"{_word(lex.week_of)}\s+$", re.IGNORECASE) if lex.week_of else None,
        comparison_lead=re.compile(rf"{_word(lex.comparison_lead)}[^.;!?]*$", re.IGNORECASE) if lex.comparison_lead else None,
        holidays=Lookup(lex.holidays, case_sensitive=True),
        edge=re.compile(rf"{_word(edge_mods.bare)}[\s-]*$", re.IGNORECASE) if lex.edge_mods else None,
        edge_mods=edge_mods,
        vague_amount=re.compile("|".join(k for k, v in lex.duration_numbers.items() if v is None), re.IGNORECASE)
        if any(v is None for v in lex.duration_numbers.values()) else None,
        edge_at_start=re.compile(rf"({_word(edge_mods.bare)})[\s-]+\S", re.IGNORECASE) if lex.edge_mods else None,
        present=re.compile(_word(lex.present_markers)) if lex.present_markers else None,
        reporting=re.compile(lex.reporting_verbs, re.IGNORECASE) if lex.reporting_verbs else None,
        participle_lead=re.compile(lex.participle_lead, re.IGNORECASE) if lex.participle_lead else None,
        participle_tail=re.compile(lex.participle_tail, re.IGNORECASE) if lex.participle_tail else None,
        adjective_pasts=re.compile(lex.adjective_pasts, re.IGNORECASE) if lex.adjective_pasts else None,
        modals=re.compile(_word(lex.modals), re.IGNORECASE) if lex.modals else None,
        modal_scope_break=re.compile(lex.modal_scope_break) if lex.modal_scope_break else None,
        deadline_lead=re.compile(lex.deadline_lead, re.IGNORECASE) if lex.deadline_lead else None,
        past_plan_lead=re.compile(lex.past_plan_lead, re.IGNORECASE) if lex.past_plan_lead else None,
        infinitive=re.compile(lex.infinitive) if lex.infinitive else None,
        clause_opener=re.compile(_word(lex.clause_openers), re.IGNORECASE) if lex.clause_openers else None,
        year_article=re.compile(rf"{_word(lex.year_article)}\s+$", re.IGNORECASE) if lex.year_article else None,
        year_noun_after=re.compile(rf"\s+(?!(?:{lex.year_classifiers})s?\b)[a-z]+\b(?!['’])")
        if lex.year_article else None,
    )


def _every_type_templates(lex, WD, MON, DAY, NUM, relative_days, day_parts, duration_units, duration_numbers,  # noqa: N803
                          duration_leads, hedge_mods, sets, refs, quarter_alone) -> list[tuple[str, int, str]]:
    """Durations, recurrences, vague references, clock times: the TIMEX3 types beyond DATE."""
    templates: list[tuple[str, int, str]] = []
    if lex.duration_units:
        UNITS = _word(duration_units.bare)  # noqa: N806
        AMOUNT = rf"(?<![\d.,$/])(?!the\b)(?:{NUM}|(?P<vague>{_word(duration_numbers.bare)})|(?P<digits>(?<![\d.,$])\d{{1,3}}\.\d+(?![\d.,]\d))|(?P<half>\d{{1,3}})\s+1/2)"  # noqa: N806
        HEDGE = rf"(?:(?P<dhedge>{_word(hedge_mods.bare)})\s+)?" if lex.mods_of_hedges else ""  # noqa: N806
        LEAD = rf"(?:(?P<dlead>{_word(duration_leads.bare)})\s+)?" if lex.duration_leads else ""  # noqa: N806
        # three years / a two-day visit / the past 18 months / more than four hours / an additional year
        # (not "a 10-year-old", nor the fraction "more than a quarter of the market")
        # ... or, right after "the past", one calendar unit: "over the past year" (a lookbehind: the
        # cheapest way to try it where every other amount failed)
        ONE = (rf"|(?P<one>{lex.one_unit_after})(?=(?:{lex.one_unit_units})\b)"  # noqa: N806
               if lex.one_unit_after else "")
        HALF, HALF2 = (rf"(?P<andhalf>\s+{_word(lex.and_a_half)})?", rf"(?P<andhalf2>\s+{_word(lex.and_a_half)})?") \
            if lex.and_a_half else ("", "")  # noqa: N806
        NOT_AFTER = r"(?![-\s]+old\b)(?!(?<=quarter)\s+of\b|(?<=quarters)\s+of\b)"  # noqa: N806
        templates.append(("duration", 2, rf"{HEDGE}{LEAD}(?:{AMOUNT}{HALF}(?:\s+(?:more|additional|further|extra))?"
                                          rf"(?:\s+|-(?=\w+(?<!s)\b)){ONE})(?P<dunit>{UNITS}){HALF2}{NOT_AFTER}"
                                          rf"(?:\s+(?P<dago>{_word(lex.ago_words)}))?"))
        if lex.unit_long:
            # "a day-long meeting" (one day), "a decades-long battle" (an amount left open)
            templates.append(("duration", 2, rf"(?P<dlong>(?P<dunit>{UNITS}){lex.unit_long}){NOT_LETTER_AFTER}"))
        # "for years", "for decades": an amount the text leaves open
        OPEN = rf"(?:{_word(lex.open_duration_leads)}\s+)?" if lex.open_duration_leads else ""  # noqa: N806
        templates.append(("durfor", 1, rf"{_word('for|in|over|within')}\s+(?P<span>{OPEN}(?P<dunit>{UNITS}))(?<=s)(?!\s+(?:ago|later|earlier|before|after))"))
        # "$40 a month", "5 percent a year", "$33 million a year": a rate is a recurrence
        templates.append(("setmoney", 3, rf"(?:\d%?|dollars?|cents?|percent|(?:m|b|tr)illion|thousand)\s+(?P<span>(?:a|an|per)\s+(?P<dunit>{UNITS}))"))
        if lex.set_every:
            EVERY = _word(lex.set_every)  # noqa: N806
            templates.append(("set", 3, rf"(?P<every>{EVERY})\s+(?:(?P<other>other)\s+|{NUM}\s+)?(?P<dunit>{UNITS})"))
            templates.append(("set", 3, rf"(?P<every>{EVERY})\s+(?P<mon>{MON})"))
            templates.append(("setwd", 3, rf"(?P<every>{EVERY})\s+(?P<wd>{WD})"))
        if lex.set_times:
            templates.append(("set", 3, rf"(?P<times>{_word(lex.set_times)})\s+(?:a|an|per|each)\s+(?P<dunit>{UNITS})"))
    if lex.sets:
        templates.append(("set", 2, rf"(?P<sword>{_word(sets.bare)})"))
    if lex.weekdays and lex.day_parts:
        # "on Mondays", "Tuesday nights": every such day
        WDS = WD.replace(NOT_LETTER_AFTER, "") + "s" + NOT_LETTER_AFTER  # noqa: N806
        templates.append(("setwd", 2, rf"(?P<wd>{WDS})"))
        templates.append(("setwd", 2, rf"(?P<wd>{WD})\s+{NOT_LETTER_BEFORE}{day_parts.bare}s{NOT_LETTER_AFTER}"))
    if lex.refs:
        templates.append(("ref", 1, rf"(?P<ref>{_word(refs.bare)})"))
    if lex.clock:
        DAY_AFTER = (  # noqa: N806
            rf",?\s+(?:on\s+)?(?:(?P<wd>{WD})|(?P<rel>{_word(relative_days.bare)})|(?P<mon>{MON})\s+(?P<d1>{DAY}))"
        )
        DAYPART = rf"(?:{DAY_AFTER})?"  # noqa: N806
        zone = f"(?:{lex.clock_zone})?" if lex.clock_zone else ""
        CLOCK = rf"(?:(?P<dhedge>about|around|approximately)\s+)?(?<![\d.:])(?:{lex.clock}){zone}"  # noqa: N806
        templates.append(("clock", 2, rf"{CLOCK}{DAYPART}"))
        # "10:35 a.m. (0735 GMT) Friday": the day after the time in another zone is the time's, though
        # the time's own span ends before the brackets (the day is an expression of its own)
        templates.append(("clock", 3, rf"(?P<span>{CLOCK})\s+\([^()]{{1,16}}\){DAY_AFTER}"))
    if lex.century:
        templates.append(("century", 3, _word(lex.century)))
    if lex.spoken_centuries or lex.spoken_thousands:
        CENT = _word(Lookup(lex.spoken_centuries).bare) if lex.spoken_centuries else r"(?!)"  # noqa: N806
        THOUSANDS = _word(Lookup(lex.spoken_thousands).bare) if lex.spoken_thousands else r"(?!)"  # noqa: N806
        # "nineteen ninety-six" / "January nineteen ninety-seven" / "the year two thousand"
        # ... and "the summer of nineteen eighty"
        SEASON = rf"(?:(?:the\s+)?(?P<sn>{_word(Lookup(lex.season_names).bare)})\s+(?:of\s+)?)?" if lex.season_names else ""  # noqa: N806
        templates.append(("spokenyear", 4, rf"(?:(?P<mon>{MON})\s+|{SEASON})(?:(?P<cent>{CENT})[\s-]+"
                                           rf"(?P<rest>{_word(Lookup(lex.spoken_two_digits).bare)})(?![\s-]+(?:{duration_units.bare}|percent|dollars?|cents?|people|times)\b)"
                                           rf"|(?P<thousand>{THOUSANDS}))"))
    if lex.unit_periods:
        templates.append(("unitperiod", 2, _word(Lookup(lex.unit_periods).bare)))
    if lex.weekends:
        templates.append(("weekend", 3, rf"(?P<we>{_word(Lookup(lex.weekends).bare)})"))
    # "next year's first quarter", "the 1988 quarter": the year the quarter is in, before it
    QYEAR = (rf"(?P<y>{YEAR})|(?P<qpos>{_word(Lookup(lex.year_possessives).bare)})"  # noqa: N806
             if lex.year_possessives else rf"(?P<y>{YEAR})")
    if lex.quarter_refs:
        # "the quarter" ... or, one pattern for fewer passes over the text: "the 1988 quarter",
        # "last year's quarter", "the 1989 period" (the quarter the text last named, in that year);
        # "the quarter a year ago" (that quarter of the year before)
        YEARS = (rf"|(?:(?<![\w-])the\s+(?P<y>{YEAR})|(?P<qpos>{_word(Lookup(lex.year_possessives).bare)}))"  # noqa: N806
                 rf"\s+(?:quarter|period)(?![\w-])" if lex.year_possessives else "")
        AFTER = (rf"(?:\s+(?P<qafter>{_word(Lookup(lex.years_after_quarter).bare)}))?"  # noqa: N806
                 if lex.years_after_quarter else "")
        templates.append(("quarterctx", 1, rf"(?:(?P<qref>{_word(Lookup(lex.quarter_refs).bare)}){AFTER}{YEARS})"))
    if lex.holidays:
        templates.append(("holiday", 3, rf"(?P<hol>{NOT_LETTER_BEFORE}(?-i:{Lookup(lex.holidays).bare}){NOT_LETTER_AFTER})"))
    if lex.named_shift:
        SHIFT_WORD = rf"(?P<nshift>{_word(Lookup(lex.named_shift).bare)})\s+"  # noqa: N806
        # (not "last Oct. 23": a day follows, the abbreviation's dot or not)
        templates.append(("shiftmonth", 4, rf"{SHIFT_WORD}(?P<mon>{MON})(?!\.?\s*[-–—]?\s*\d)"))
        templates.append(("shiftwd", 4, rf"{SHIFT_WORD}(?P<wd>{WD})"))
    if lex.quarter_alone:
        # "the third quarter", "third-quarter profit": the quarter of the reference year
        templates.append(("quarterref", 1, rf"(?:the\s+)?(?:(?:{QYEAR})\s+)?(?:fiscal\s+)?(?P<qn>{_word(quarter_alone.bare)})[\s-]+quarter(?!\s+of\s+(?:last|next|this|that|the\s+(?:previous|prior|preceding|following))\b)(?!s|ly)"))
    return templates
