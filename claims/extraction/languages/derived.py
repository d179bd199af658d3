"""A `Lexicon` for a language without a hand-written table, built from dateparser's locale data.

It covers the common, unambiguous cases: full month names (with a day and/or a
year: "8 août 2025", "8. August 2025", "8 de agosto de 2025", "agosto de 2025"),
full weekday names before such a date, and the single words and fixed phrases the
data gives for today/yesterday/tomorrow and this/last/next week/month/year.

Precision comes first, so everything the data does not give (tense markers,
number words, units, hedges, offsets, decades, seasons, ranges, "the eve of")
is a fragment that never matches, and:
- a month abbreviation (a form that is a prefix of a longer form of the same
  month, or shorter than three letters) counts only when written with its dot
  ("janv.", "Aug."), and only abbreviations of three letters or more;
- a month name counts only next to a day or a year, never alone ("mai" can be
  "never" or "more" in other languages);
- a weekday counts only before a date, never alone;
- a relative-day word right after a determiner of the language's own phrases
  ("esta mañana", "la mañana": the morning, not tomorrow) does not count.
"""

from __future__ import annotations

import functools
import re

from claims.extraction.languages.base import Lexicon

NEVER = r"(?!)"  # a fragment that matches nothing; safe inside alternations and optional groups
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(r"(?P<in>in )?(?P<n>\d+) (?P<unit>day|week|month|year)(?P<ago> ago)?")
_CONSONANTS_ONLY = re.compile(r"[bcdfghjklmnpqrstvwxz]+")


def _phrase(text: str) -> str:
    """A data string as a regex fragment: words apart by any space, either apostrophe."""
    words = text.strip().lower().split()
    return r"\s+".join(re.escape(word).replace("'", "['’]") for word in words)


def _split_forms(forms: list[str]) -> tuple[list[str], list[str]]:
    """(full names, abbreviations) among the data's forms of one month or weekday."""
    cleaned = sorted({form.strip().lower().rstrip(".") for form in forms if form.strip()}, key=len, reverse=True)
    full, short = [], []
    for form in cleaned:
        is_prefix = any(other != form and other.startswith(form) for other in cleaned)
        (short if is_prefix or len(form) < 3 else full).append(form)
    return full, short


def _months(info: dict) -> tuple[dict[int, list[str]], set[str]]:
    months: dict[int, list[str]] = {}
    abbreviations: set[str] = set()
    for number, name in enumerate(_MONTHS, start=1):
        full, short = _split_forms(info.get(name) or [])
        fragments = [_phrase(form) for form in full]
        for form in short:
            if len(form) >= 3 and form.isalpha():
                fragments.append(_phrase(form) + r"\.")  # only with its dot: "janv.", "aug."
                abbreviations.add(form)
        if fragments:
            months[number] = fragments
    return months, abbreviations


def _weekdays(info: dict) -> dict[int, list[str]]:
    weekdays = {}
    for number, name in enumerate(_WEEKDAYS):
        full, _short = _split_forms(info.get(name) or [])
        if full:
            weekdays[number] = [_phrase(form) for form in full]
    return weekdays


def _usable_phrase(text: str) -> bool:
    # abbreviated phrases ("sem ant", "bu hf") are left out
    return all(not _CONSONANTS_ONLY.fullmatch(word) and len(word.rstrip(".")) == len(word) for word in text.lower().split())


def _relative(info: dict) -> tuple[dict[str, int], dict[str, tuple[str, int]]]:
    days_by_offset: dict[int, list[str]] = {}
    periods: dict[str, tuple[str, int]] = {}
    determiners: set[str] = set()
    for key, phrases in (info.get("relative-type") or {}).items():
        match = _RELATIVE.fullmatch(key)
        if match is None or bool(match.group("in")) == bool(match.group("ago")):
            continue
        count = int(match.group("n"))
        step = count if match.group("in") else -count
        unit = match.group("unit")
        usable = [p.strip().lower() for p in phrases if p.strip() and _usable_phrase(p)]
        for phrase in usable:
            if len(phrase.split()) > 1:
                determiners.add(phrase.split()[0])
        if unit == "day" and abs(step) <= 2:
            # a single word when the data has one ("dün", not the looser "geçen gün")
            single = [p for p in usable if len(p.split()) == 1]
            days_by_offset[step] = single or usable
        elif unit != "day" and abs(step) <= 1:
            for phrase in usable:
                periods[_phrase(phrase)] = (unit, step)
    day_words = {word for words in days_by_offset.values() for word in words}
    # "esta mañana" / "la mañana" is the morning, "gestern Morgen" yesterday morning: not tomorrow
    blockers = sorted((determiners | day_words) - {""})
    guard = "".join(rf"(?<!{_phrase(word)}\s)" for word in blockers if " " not in word)
    days = {guard + _phrase(word): offset for offset, words in days_by_offset.items() for word in words}
    return days, periods


def _alternation(words) -> str:
    words = sorted({_phrase(word) for word in words if word and word.strip()}, key=len, reverse=True)
    return "|".join(words) if words else NEVER


@functools.cache
def derived_lexicon(code: str) -> Lexicon | None:
    """The lexicon built from dateparser's data for `code`, or None when dateparser has no such locale."""
    try:
        from dateparser.languages.loader import default_loader

        info = default_loader.get_locale(code).info
    except Exception:  # unknown locale (or dateparser missing): the caller falls back
        return None
    months, month_abbreviations = _months(info)
    if len(months) < 12:
        return None  # not a usable calendar vocabulary
    relative_days, relative_periods = _relative(info)
    pertain = [word for word in info.get("pertain") or [] if word.strip().isalpha()]
    return Lexicon(
        code=code,
        case_sensitive_months=False,
        months=months,
        weekdays=_weekdays(info) or {0: [NEVER]},
        weekday_prefix=NEVER,  # a weekday alone does not count
        relative_days=relative_days or {NEVER: 0},
        relative_periods=relative_periods or {NEVER: ("week", 0)},
        seasons={NEVER: ("summer", 0)},
        year_shift_after_month={NEVER: 0},
        month_context_before=NEVER,  # a month alone does not count
        # a lone year after the data's "in" words ("en 2025", "im 2025")
        year_context_before=_alternation(word for word in info.get("in") or [] if word.strip().isalpha()),
        year_context_after=NEVER,
        year_suffix="",
        numbers={NEVER: 0},
        units={NEVER: "days"},
        hedges=NEVER,
        later_words=NEVER,
        after_words=NEVER,
        before_words=NEVER,
        earlier_words=NEVER,
        next_unit="",
        ago_words=NEVER,
        offset_lead="",
        range_from=NEVER,
        range_to=NEVER,
        future_markers=NEVER,
        past_markers=NEVER,
        decade_suffix=NEVER,
        decade_parts={NEVER: (0, 0)},
        eve=NEVER,
        # day numbers too, so "am 8. August" is not cut into two sentences
        abbreviations=frozenset(month_abbreviations | {str(day) for day in range(1, 32)}),
        day_suffix=r"\.",  # "8. August"
        date_joiner=_alternation(pertain) if pertain else "",  # "8 de agosto de 2025"
    )
