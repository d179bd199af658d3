"""Absolute dates, ranges, weekdays and things that are not dates."""

from datetime import date, datetime, timedelta, timezone

import pytest

from claims.extraction import extract
from claims.extraction.types import ArticleText, Granularity, Resolution

BAKU = timezone(timedelta(hours=4))
PUBLISHED = datetime(2026, 2, 11, 10, 18, tzinfo=BAKU)


def claims(text, language="en", published=PUBLISHED):
    return extract(ArticleText(text, language, published)).claims


def one(text, phrase, language="en", published=PUBLISHED):
    found = [c for c in claims(text, language, published) if c.text == phrase]
    assert len(found) == 1, [c.text for c in claims(text, language, published)]
    return found[0]


def span(claim):
    return (claim.interval.start, claim.interval.end, claim.granularity)


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("It was signed on August 8, 2025.", "August 8, 2025", (date(2025, 8, 8), date(2025, 8, 8), Granularity.DAY)),
        ("It was signed on 8 August 2025.", "8 August 2025", (date(2025, 8, 8), date(2025, 8, 8), Granularity.DAY)),
        ("07 February 2026 19:01", "07 February 2026 19:01", (date(2026, 2, 7), date(2026, 2, 7), Granularity.DAY)),
        ("Posted 2026-02-11 by staff.", "2026-02-11", (date(2026, 2, 11), date(2026, 2, 11), Granularity.DAY)),
        ("July 1999. At an official reception", "July 1999", (date(1999, 7, 1), date(1999, 7, 31), Granularity.MONTH)),
        ("the first such visit since 2008.", "2008", (date(2008, 1, 1), date(2008, 12, 31), Granularity.YEAR)),
        ("Construction could begin as early as 2027, according to one adviser.", "2027",
         (date(2027, 1, 1), date(2027, 12, 31), Granularity.YEAR)),
        ("introduced in the early 1990s and long affecting", "the early 1990s",
         (date(1990, 1, 1), date(1993, 12, 31), Granularity.YEAR)),
    ],
)
def test_it_reads_absolute_dates_at_the_precision_they_are_written(text, phrase, expected):
    claim = one(text, phrase)
    assert span(claim) == expected
    assert claim.resolution == Resolution.ABSOLUTE


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("Предыдущий визит состоялся в сентябре 2008 года, когда Баку посетил Дик Чейни.", "сентябре 2008 года",
         (date(2008, 9, 1), date(2008, 9, 30), Granularity.MONTH)),
        ("Стороны подписали хартию 10 февраля 2026 года.", "10 февраля 2026 года",
         (date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)),
        ("17:34, 10 февраля 2026", "17:34, 10 февраля 2026", (date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)),
    ],
)
def test_it_reads_russian_dates_in_their_case_forms(text, phrase, expected):
    assert span(one(text, phrase, language="ru")) == expected


@pytest.mark.parametrize(
    "text, phrase, language",
    [
        ("J.D. Vance will visit Azerbaijan on February 10–11, 2026.", "February 10–11, 2026", "en"),
        ("Vance will be in Azerbaijan on February 10-11, and the delegation is large.", "February 10-11", "en"),
        ("Вэнс находился в Баку с официальным визитом 10–11 февраля.", "10–11 февраля", "ru"),
        ("Делегация находилась в Баку с 10 по 11 февраля.", "с 10 по 11 февраля", "ru"),
    ],
)
def test_it_reads_a_range_as_one_claim_spanning_its_days(text, phrase, language):
    assert span(one(text, phrase, language=language)) == (date(2026, 2, 10), date(2026, 2, 11), Granularity.DAY)


def test_it_keeps_a_weekday_that_does_not_match_the_date_instead_of_correcting_it():
    claim = one("The memorandum was signed in Washington on Thursday, August 8, 2025.", "Thursday, August 8, 2025")
    assert claim.weekday == 3  # August 8, 2025 was a Friday: a check must be able to see this
    assert claim.interval.start == date(2025, 8, 8)


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump returned to the White House as the 47th U.S. president.",
        "The peace agenda was initiated following the 44-day war.",
        "The fund is worth $5 billion and the font is 16 px.",
        "It capped a two-day visit. We will see. Now is the time. A second round is planned.",
        "Talks may resume soon, officials said.",
        "The amendment was enforced for decades and has lost its relevance in recent years.",
        "The group was given six months to draft the document, and worked over six months.",
        "The nearly twenty-year gap between visits adds significance.",
        "More than 2000 people attended and 1500 signed.",
    ],
)
def test_it_does_not_take_ordinals_quantities_or_durations_for_dates(text):
    # durations, recurrences and "now" are claims of their own TIMEX3 types, never dates of a happening
    assert [c.text for c in claims(text) if c.dates_a_happening] == []


def test_it_ignores_dates_on_copyright_counter_and_menu_lines():
    text = "twitter\nyoutube\n12 February 2026\nsearch\n\nCaliber.az © 2026. .\nViews: 2026\n\nThe charter was signed in 2026.\n"
    assert [c.text for c in claims(text)] == ["2026"]
    assert claims(text)[0].start == text.rindex("2026")


def test_it_keeps_offsets_and_sentence_spans_into_the_raw_text():
    text = "Headline\n\nU.S. officials met in Baku. The charter was signed on February 10, 2026 in Baku."
    claim = one(text, "February 10, 2026")
    assert text[claim.start : claim.end] == "February 10, 2026"
    assert text[claim.sentence_start : claim.sentence_end] == "The charter was signed on February 10, 2026 in Baku."
