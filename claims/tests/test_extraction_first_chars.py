"""The scan guard of the extractor's finders: it may only ever let more positions through."""

import re

import pytest

from claims.extraction.first_chars import first_char_guard
from claims.extraction.patterns import patterns_for


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (r"(?:on\s+)?(?P<d>[0-3]?\d)", "(?=[0123456789o])"),
        (r"(?<![^\W\d_])(?:from|between)\s+\d", "(?=[bf])"),
        (r"(?:(?P<wd>(?-i:Monday|Friday)),?\s+)?(?P<mon>May|June)", "(?=[FJM])"),
        (r"\w+", ""),  # any letter: no guard
        (r"(?:x)?", ""),  # may match nothing: no guard
        (r"[^a]b", ""),  # a negated set: no guard
        (r"(?=q)\d", "(?=[0123456789])"),  # a lookahead is passed over, never trusted
        (r"(?:(?<=past\s)|\d\s)days?", "(?=[0123456789d])"),  # a branch that consumes nothing: what follows it
    ],
)
def test_the_guard_lists_the_characters_a_match_can_start_with(pattern, guard):
    assert first_char_guard(pattern) == guard


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_finder_is_guarded_and_the_guard_never_changes_a_match(language):
    patterns = patterns_for(language)
    samples = {
        "en": "On Friday, March 3, 2026, from 10 to 12 June; about three years ago, mid-2008, the 1990s, 10:30 a.m., Q4 2025.",
        "ru": "В пятницу, 3 марта 2026 года, с 10 по 12 июня; около трёх лет назад, в середине 2008 года, в 1990-х.",
    }[language]
    for _kind, _priority, regex, _group in patterns.finders:
        assert regex.pattern.startswith("(?=[")
        unguarded = re.compile(regex.pattern[regex.pattern.index("])") + 2 :], regex.flags)
        assert [m.span() for m in regex.finditer(samples)] == [m.span() for m in unguarded.finditer(samples)]


def test_the_docstring_examples_hold():
    import doctest

    from claims.extraction import first_chars

    result = doctest.testmod(first_chars)
    assert result.attempted > 0 and result.failed == 0
