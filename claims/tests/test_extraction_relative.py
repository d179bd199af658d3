"""Expressions resolved against the publication time, in the article's own zone."""

from datetime import date, datetime, timedelta, timezone

import pytest

from claims.extraction import extract
from claims.extraction.types import ArticleText, Granularity, PublishedAtSource, Resolution

BAKU = timezone(timedelta(hours=4))


def one(text, phrase, published, language="en"):
    found = [c for c in extract(ArticleText(text, language, published)).claims if c.text == phrase]
    assert len(found) == 1, [c.text for c in extract(ArticleText(text, language, published)).claims]
    return found[0]


def days(claim):
    return (claim.interval.start, claim.interval.end) if claim.interval else None


def test_it_resolves_yesterday_against_publication_time():
    text = "In light of the historic event that took place yesterday in Baku, some might say he saw it coming."
    claim = one(text, "yesterday", datetime(2026, 2, 11, 10, 18, tzinfo=BAKU))
    assert days(claim) == (date(2026, 2, 10), date(2026, 2, 10))
    assert claim.resolution == Resolution.RELATIVE


def test_it_uses_the_articles_own_calendar_day_not_utc():
    # 01:30 in Baku on the 11th is still the 10th in UTC; "yesterday" is the 10th in Baku.
    claim = one("The charter was signed yesterday.", "yesterday", datetime(2026, 2, 11, 1, 30, tzinfo=BAKU))
    assert days(claim) == (date(2026, 2, 10), date(2026, 2, 10))


@pytest.mark.parametrize(
    "text, phrase, expected, granularity",
    [
        ("The peace deal was recognized with an award in the UAE last week.", "last week",
         (date(2026, 2, 2), date(2026, 2, 8)), Granularity.WEEK),
        ("The visit continues the agreements reached last year.", "last year",
         (date(2025, 1, 1), date(2025, 12, 31)), Granularity.YEAR),
        ("Earlier this month, delegations met on critical minerals.", "Earlier this month",
         (date(2026, 2, 1), date(2026, 2, 28)), Granularity.MONTH),
        ("In November last year, the U.S. signed memorandums.", "November last year",
         (date(2025, 11, 1), date(2025, 11, 30)), Granularity.MONTH),
        ("The trip follows the White House summit of August 8 last year.", "August 8 last year",
         (date(2025, 8, 8), date(2025, 8, 8)), Granularity.DAY),
        ("The talks began last summer.", "last summer", (date(2025, 6, 1), date(2025, 8, 31)), Granularity.MONTH),
        ("Azerbaijan is preparing to welcome the vice president tomorrow.", "tomorrow",
         (date(2026, 2, 12), date(2026, 2, 12)), Granularity.DAY),
        ("He said so nearly 30 years ago.", "nearly 30 years ago", (date(1996, 1, 1), date(1996, 12, 31)), Granularity.YEAR),
    ],
)
def test_it_resolves_relative_periods_against_the_publication_day(text, phrase, expected, granularity):
    claim = one(text, phrase, datetime(2026, 2, 11, 10, 18, tzinfo=BAKU))
    assert days(claim) == expected
    assert claim.granularity == granularity


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("Накануне, 10 февраля, стороны подписали Хартию.", "Накануне", date(2026, 2, 10)),
        ("Вчера делегации провели переговоры.", "Вчера", date(2026, 2, 10)),
        ("Завтра вице-президент посетит Тбилиси.", "Завтра", date(2026, 2, 12)),
        ("Соглашение подписали во вторник.", "вторник", date(2026, 2, 10)),
    ],
)
def test_it_resolves_russian_relative_words(text, phrase, expected):
    claim = one(text, phrase, datetime(2026, 2, 11, 12, 0, tzinfo=BAKU), language="ru")
    assert days(claim) == (expected, expected)


def test_it_puts_a_yearless_date_in_the_past_when_the_verb_is_past():
    text = "Ahead of the visit, President Aliyev met with representatives of the Chamber of Commerce on February 9."
    assert days(one(text, "February 9", datetime(2026, 2, 11, tzinfo=BAKU))) == (date(2026, 2, 9), date(2026, 2, 9))


def test_it_puts_a_yearless_month_in_the_future_when_it_is_planned():
    text = "A second round is planned for April in Washington."
    claim = one(text, "April", datetime(2026, 3, 2, 15, tzinfo=BAKU))
    assert days(claim) == (date(2026, 4, 1), date(2026, 4, 30))


def test_it_counts_today_as_the_most_recent_weekday_for_past_events():
    text = "The working groups met for the first time in Baku on Monday."
    claim = one(text, "Monday", datetime(2026, 3, 2, 15, tzinfo=BAKU))  # a Monday
    assert days(claim) == (date(2026, 3, 2), date(2026, 3, 2))
    assert claim.weekday == 0


def test_it_takes_the_next_weekday_for_future_events():
    text = "The delegation will travel to Tbilisi on Friday."
    claim = one(text, "Friday", datetime(2026, 2, 11, 10, tzinfo=BAKU))  # a Wednesday
    assert days(claim) == (date(2026, 2, 13), date(2026, 2, 13))


def test_it_resolves_a_possessive_weekday():
    text = "Never before has a vice president travelled to Azerbaijan, which makes Tuesday's arrival a milestone."
    claim = one(text, "Tuesday", datetime(2026, 2, 10, 18, 30, tzinfo=BAKU))  # TimeML's span: without the "'s"
    assert days(claim) == (date(2026, 2, 10), date(2026, 2, 10))


def test_it_leaves_relative_expressions_unresolved_without_a_publication_time():
    text = "Helberg met energy executives in Baku yesterday and is due in Tbilisi tomorrow."
    extraction = extract(ArticleText(text, "en", None))
    assert [(c.text, c.interval, c.resolution) for c in extraction.claims] == [
        ("yesterday", None, Resolution.UNRESOLVED),
        ("tomorrow", None, Resolution.UNRESOLVED),
    ]
    assert extraction.published_at_source == PublishedAtSource.NONE


@pytest.mark.parametrize(
    "head, published",
    [
        ("Title of the piece\n\n11 February 2026 10:18\n\n", datetime(2026, 2, 11, 10, 18, tzinfo=timezone.utc)),
        (" date 2026-02-11 + ↺ − 16 px\n\n", datetime(2026, 2, 11, tzinfo=timezone.utc)),
    ],
)
def test_it_takes_the_publication_time_from_a_dateline_when_metadata_lacks_it(head, published):
    extraction = extract(ArticleText(head + "The charter was signed yesterday in Baku.", "en", None))
    assert extraction.published_at == published
    assert extraction.published_at_source == PublishedAtSource.DATELINE
    yesterday = [c for c in extraction.claims if c.text == "yesterday"][0]
    assert yesterday.interval.start == date(2026, 2, 10)


def test_it_reads_a_russian_dateline_with_the_time_first():
    extraction = extract(ArticleText("17:34, 10 февраля 2026\n\nВчера стороны подписали Хартию.", "ru", None))
    assert extraction.published_at == datetime(2026, 2, 10, 17, 34, tzinfo=timezone.utc)
    assert [c.interval.start for c in extraction.claims if c.text == "Вчера"] == [date(2026, 2, 9)]


def test_it_dates_a_wire_dateline_after_the_latest_full_date_in_the_story():
    text = (
        "Charter signed\n\nBAKU, Feb 12 (Example Wire) - The two countries signed a charter yesterday. "
        "It builds on a memorandum signed on August 8, 2025."
    )
    extraction = extract(ArticleText(text, "en", None))
    assert extraction.published_at.date() == date(2026, 2, 12)
    assert extraction.published_at_source == PublishedAtSource.DATELINE


def test_it_does_not_take_a_date_in_a_sentence_for_a_dateline():
    text = "Vance visit expected\nJ.D. Vance will visit Azerbaijan on February 10–11, 2026. It follows talks held last week."
    extraction = extract(ArticleText(text, "en", None))
    assert extraction.published_at is None
    assert [c.resolution for c in extraction.claims if c.text == "last week"] == [Resolution.UNRESOLVED]
