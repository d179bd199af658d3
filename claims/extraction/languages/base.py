"""The shape of a language table.

Words are regex fragments (alternations may use `(?:...)`), so inflected
languages can list stems with endings instead of every form.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    code: str
    case_sensitive_months: bool
    # month number -> regex fragments for its names (full and abbreviated)
    months: dict[int, list[str]]
    # 0=Monday -> regex fragments for weekday names as they appear alone
    weekdays: dict[int, list[str]]
    # words that must precede a lone weekday for it to count (None: any context)
    weekday_prefix: str | None
    # word -> day offset from the reference day ("yesterday" -> -1)
    relative_days: dict[str, int]
    # phrase -> (unit, step): "last week" -> ("week", -1); unit in week/month/year
    relative_periods: dict[str, tuple[str, int]]
    # phrase -> (season, step): "last summer" -> ("summer", -1)
    seasons: dict[str, tuple[str, int]]
    # words after a month (or day-month) that fix its year: "last year" -> -1
    year_shift_after_month: dict[str, int]
    # words that, before a bare month name, make it a month and not a name/verb
    month_context_before: str
    # a year alone counts after these words, or before these ones
    year_context_before: str
    year_context_after: str
    year_suffix: str  # written after a year and kept in the span ("года")
    # numbers written as words (regex fragments) -> value
    numbers: dict[str, int]
    # unit regex fragment -> unit name (days/weeks/months/years)
    units: dict[str, str]
    hedges: str  # exactly|about|nearly...
    later_words: str  # "later" (offset from the previous dated claim)
    after_words: str  # "after" (offset from a following anchor phrase)
    before_words: str  # "before" (offset back from a following anchor phrase)
    earlier_words: str  # "earlier" (offset back from the previous dated claim)
    next_unit: str  # "the next" in "the next day" (one unit after the previous dated claim); "" when none
    ago_words: str  # "ago" (offset from publication)
    offset_lead: str  # words written before the amount ("спустя шесть месяцев"); "" when none
    range_from: str  # "from"/"с" before "9 to 11"
    range_to: str  # "to"/"по"
    future_markers: str  # regex: words that put a clause in the future
    past_markers: str  # regex: words that put a clause in the past
    decade_suffix: str  # "1990s" / "1990-х"
    decade_parts: dict[str, tuple[int, int]]  # "early" -> years 0..3 of the decade
    eve: str  # "on the eve of" / "накануне" before an event phrase: the day before it
    abbreviations: frozenset[str] = field(default_factory=frozenset)  # no sentence end after these
    # quarter/half phrase before a year -> (first month, last month): "Q3" -> (7, 9)
    quarters: dict[str, tuple[int, int]] = field(default_factory=dict)
    # words after which a number is a label, not a year: "Resolution 1701", "Flight 1907"
    number_labels: str = ""
    # words before "the 30th" that make a bare ordinal a day of the month in context; "" when none
    ordinal_day_lead: str = ""
    # "the previous" in "the previous day" (one unit before the previous dated claim); "" when none
    previous_unit: str = ""
    # season name before a year -> season ("spring 2025", "летом 2025 года"); winter spans two years: left out
    season_names: dict[str, str] = field(default_factory=dict)
    # a unit alone is one of it ("неделю спустя"): languages without an article before the unit
    bare_unit_offsets: bool = False
    # regex after a month standing alone that makes it no month ("and Jan Novak": a first name); "" when none
    month_alone_guard: str = ""
    # written after a day number and kept in the span ("8. August"); "" when none
    day_suffix: str = ""
    # words between day, month and year ("8 de agosto de 2025"); "" when none ("of" is always allowed)
    date_joiner: str = ""
    # --- every TIMEX3 type (empty: the language finds dates only) ---
    # part-of-day word -> TIMEX3 code ("afternoon" -> "AF"), after a day ("Friday afternoon")
    day_parts: dict[str, str] = field(default_factory=dict)
    # duration unit regex -> unit name of claims.extraction.timex.DURATION_UNITS ("hours?" -> "hours")
    duration_units: dict[str, str] = field(default_factory=dict)
    # amounts the text leaves open ("several years") -> None; numbers a duration may start with ("an hour") -> 1
    duration_numbers: dict[str, int | None] = field(default_factory=dict)
    # words before an amount that anchor it: "the past three years" ends at the reference day (-1), "the next" starts there (+1)
    duration_leads: dict[str, int] = field(default_factory=dict)
    # hedge before an amount -> TIMEX3 mod ("about" -> "APPROX", "more than" -> "MORE_THAN")
    mods_of_hedges: dict[str, str] = field(default_factory=dict)
    # a recurrence written as one word or phrase -> its TIMEX3 value ("daily" -> "P1D")
    sets: dict[str, str] = field(default_factory=dict)
    set_every: str = ""  # "every|each|per" before a unit, weekday or month
    set_times: str = ""  # "once|twice|three times" before "a week"
    # vague references -> PRESENT_REF / PAST_REF / FUTURE_REF ("now", "recently", "the future")
    refs: dict[str, str] = field(default_factory=dict)
    # a clock time ("10:30 a.m.", "noon") as a regex with groups h, m, ampm; "" when none
    clock: str = ""
    # what may follow a clock time before its day ("EST", "local time")
    clock_zone: str = ""
    # words before a date that narrow it, kept in the span -> TIMEX3 mod ("early" -> "START")
    edge_mods: dict[str, str] = field(default_factory=dict)
    # "third" in "the third quarter" (without a year: the reference year's) -> quarter number
    quarter_alone: dict[str, int] = field(default_factory=dict)
    # written after a unit to make a length of one ("a day-long meeting", "decades-long"); "" when none
    unit_long: str = ""
    # written before a decade's last two digits ("the '80s"); "" when none
    short_decade_mark: str = ""
    # decades said as words after "the" ("the nineties", "the nineteen-sixties") -> their tens (90, 60); {} when none
    decade_words: dict[str, int] = field(default_factory=dict)
    # between a day of a month and a second day of it ("April 24 and 25"); "" when none
    day_coordination: str = ""
    # "and a half" after an amount or its unit ("two and a half years", "a minute and a half"); "" when none
    and_a_half: str = ""
    # words before "last year" that make it the term of a comparison ("compared with $3 million last
    # year"), like "a year ago": the part of last year the text just named; "" when none
    comparison_lead: str = ""
    # words before a day that make the expression its week ("the week of March 6"); "" when none
    week_of: str = ""
    # a year named before a quarter ("next year's first quarter", "last year's quarter") -> years from the reference's
    year_possessives: dict[str, int] = field(default_factory=dict)
    # ... or after it ("the quarter a year earlier") -> years from the quarter's
    years_after_quarter: dict[str, int] = field(default_factory=dict)
    # present-tense verbs: nearest to a year-less date, they say neither past nor future; "" when none
    present_markers: str = ""
    # what, right before a past marker, makes it a participle that says nothing of tense ("be "); "" when none
    participle_lead: str = ""
    # what, right after a past form, makes it a passive participle ("untouched by"); "" when none
    participle_tail: str = ""
    # past forms that may as well be adjectives, with what must follow them ("preferred" before a noun):
    # after a modal in their own clause ("will redeem preferred shares on Oct. 31") they are no past
    # verb; "" when none
    adjective_pasts: str = ""
    modals: str = ""  # the modals that take a bare verb ("will", "would"); "" when none
    # what ends a modal's reach between it and such a form: punctuation, a conjunction, a subject
    # right before the form ("will face charges over the attack he carried out"); "" when none
    modal_scope_break: str = ""
    # what, right before a year-less date, makes it a limit the story looks ahead to ("until", "by",
    # "effective"): a past verb nearby then dates the decision, not the limit; "" when none
    deadline_lead: str = ""
    # what, right before a future marker, makes it a plan already past ("had been due to"); "" when none
    past_plan_lead: str = ""
    # an infinitive between a past verb and a year-less date ("voted to buy it in February"): the
    # date is the infinitive's, planned in the past for either side of the writing; "" when none
    infinitive: str = ""
    # words that open another clause after a date ("warnings on Thursday that strikes could..."):
    # a marker past one is that clause's tense, not the date's; "" when none
    clause_openers: str = ""
    # "last June", "next Friday", "this September": word before a month or weekday -> which one (-1, 0, +1)
    named_shift: dict[str, int] = field(default_factory=dict)
    # reporting verbs: after a date ("... on Nov. 16, the company said") they date the report, not the event
    reporting_verbs: str = ""
    # "the weekend", "last weekend" -> which weekend (0: the one the tense points at; -1, +1)
    weekends: dict[str, int] = field(default_factory=dict)
    # "the latest quarter", "the quarter" -> how it is found: "last" (the last complete quarter
    # before the reference), "context" (the quarter the text last named, else the last complete one)
    # or "current" (the one the reference is in)
    quarter_refs: dict[str, str] = field(default_factory=dict)
    # holidays with a fixed day -> (month, day); "thanksgiving" -> (11, -4): the fourth Thursday
    holidays: dict[str, tuple[int, int]] = field(default_factory=dict)
    # the plain words the vague references are found around (the scan for them must stay cheap); "" = the refs
    ref_triggers: str = ""
    # relative periods found around their unit word ("the end of the year" -> ("year", 0))
    # a year after an article and before a noun dates a happening ("a 2010 commando raid", "a 1996 law")
    # unless the noun classifies a thing ("a 2024 model"): the article, the classifying nouns; "" when none
    year_article: str = ""
    year_classifiers: str = ""
    # one calendar unit after "the past" ("over the past year"): a duration of one, back from the moment
    # of writing. A fixed-width lookbehind for the word before the unit, and the units (singular); "" when none
    one_unit_after: str = ""
    one_unit_units: str = ""
    # words before a plural unit that leave its amount open ("in coming months", "in the coming years"); "" when none
    open_duration_leads: str = ""
    # the season words every phrase of `seasons` is built around, scanned for instead of the phrases; "" = the phrases
    season_triggers: str = ""
    # words besides the units that the unit patterns are tried around ("period" in "the latest period"); "" when none
    unit_triggers: str = ""
    # (a unit "": the last word of the text names it) ("year", -1, "comparison"): a comparison with the same part of the year before ("year-ago quarter");
    # ("year", 0, "length"): a year's length, a DURATION ("the year ended Sept. 30")
    unit_periods: dict[str, tuple] = field(default_factory=dict)
    # "the 20th century" as a regex with the group cent; "" when none
    century: str = ""
    # years said as words ("nineteen ninety-six", as transcripts of broadcasts write them): the
    # first half -> its hundreds ("nineteen" -> 19), the second half -> its number ("ninety-six" -> 96)
    spoken_centuries: dict[str, int] = field(default_factory=dict)
    spoken_two_digits: dict[str, int] = field(default_factory=dict)
    spoken_thousands: dict[str, int] = field(default_factory=dict)  # "the year two thousand" -> 2000
