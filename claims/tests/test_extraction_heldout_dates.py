"""Date styles and non-dates found missing on held-out news text (fixtures/heldout)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from claims.extraction import extract
from claims.extraction.types import ArticleText, Granularity, Resolution

EAT = timezone(timedelta(hours=3))
PUBLISHED = datetime(2026, 10, 8, 16, 20, tzinfo=EAT)


def claims(text, language="en", published=PUBLISHED):
    return extract(ArticleText(text, language, published)).claims


def one(text, phrase, language="en", published=PUBLISHED):
    found = [c for c in claims(text, language, published) if c.text == phrase]
    assert len(found) == 1, [c.text for c in claims(text, language, published)]
    return found[0]


def span(claim):
    return (claim.interval.start, claim.interval.end, claim.granularity)


@pytest.mark.parametrize(
    "text, language, phrase, expected",
    [
        ("Bond yields could fall in Q4 2026 if the plan holds.", "en", "Q4 2026",
         (date(2026, 10, 1), date(2026, 12, 31), Granularity.MONTH)),
        ("The merger is expected to close in Q3 2027.", "en", "Q3 2027",
         (date(2027, 7, 1), date(2027, 9, 30), Granularity.MONTH)),
        ("He joined in the first half of 2025, the company said.", "en", "the first half of 2025",
         (date(2025, 1, 1), date(2025, 6, 30), Granularity.MONTH)),
        ("Sales fell in the fourth quarter of 2024.", "en", "the fourth quarter of 2024",
         (date(2024, 10, 1), date(2024, 12, 31), Granularity.MONTH)),
        ("Выручка выросла в третьем квартале 2025 года.", "ru", "в третьем квартале 2025 года",
         (date(2025, 7, 1), date(2025, 9, 30), Granularity.MONTH)),
        ("She served as finance minister from 2015 to 2020.", "en", "from 2015 to 2020",
         (date(2015, 1, 1), date(2020, 12, 31), Granularity.YEAR)),
        ("Prices were stable between 1999 and 2003, officials said.", "en", "between 1999 and 2003",
         (date(1999, 1, 1), date(2003, 12, 31), Granularity.YEAR)),
        ("Он руководил фондом с 2015 по 2020 год.", "ru", "с 2015 по 2020 год",
         (date(2015, 1, 1), date(2020, 12, 31), Granularity.YEAR)),
        ("Товарооборот в 1990-е годы не превышал 300 млн долларов.", "ru", "1990-е годы",
         (date(1990, 1, 1), date(1999, 12, 31), Granularity.YEAR)),
        ("Меморандум стороны подписали 12.03.2025.", "ru", "12.03.2025",
         (date(2025, 3, 12), date(2025, 3, 12), Granularity.DAY)),
    ],
)
def test_it_reads_quarters_year_ranges_decades_and_sentence_final_dotted_dates(text, language, phrase, expected):
    assert span(one(text, language=language, phrase=phrase)) == expected


def test_it_reads_a_bare_ordinal_as_a_day_of_the_month_just_dated():
    text = "The judges heard the petition from 21 to 23 September. The ruling, first expected on the 30th, was postponed."
    claim = one(text, "the 30th")
    assert span(claim) == (date(2026, 9, 30), date(2026, 9, 30), Granularity.DAY)
    assert claim.resolution == Resolution.ANCHORED
    assert claim.offset is None


def test_it_leaves_a_bare_ordinal_unresolved_without_a_month_before_it():
    claim = one("The ruling, first expected on the 30th, was postponed.", "the 30th")
    assert claim.interval is None


@pytest.mark.parametrize(
    "text",
    [
        "They were on the 3rd floor of the building.",
        "It was the 47th meeting of the council.",
        "Fans gathered on the 21st anniversary of the club.",
    ],
)
def test_it_does_not_read_ordinals_before_a_noun_as_days(text):
    assert [c.text for c in claims(text)] == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("It endorses a plan modelled on Resolution 1816, the text on piracy.", "en"),
        ("Passengers of Flight 1907, which landed late, were stranded.", "en"),
        ("Under Article 1999, the court may intervene.", "en"),
        ("Согласно резолюции 1816, флот может войти в воды.", "ru"),
    ],
)
def test_it_does_not_read_a_labels_number_as_a_year(text, language):
    assert [c.text for c in claims(text, language)] == []


def test_it_still_reads_a_year_after_a_label_word_with_a_preposition():
    assert span(one("The rules were changed in 2019, the court said.", "2019")) == (
        date(2019, 1, 1), date(2019, 12, 31), Granularity.YEAR)


def test_it_reads_set_for_as_the_future():
    claim = one("A hearing on a separate petition is set for Nov 3.", "Nov 3")
    assert span(claim) == (date(2026, 11, 3), date(2026, 11, 3), Granularity.DAY)


MARCH_5 = datetime(2026, 3, 5, 10, 0, tzinfo=EAT)


@pytest.mark.parametrize(
    "text, language, phrase, expected",
    [
        ("The bridge opened a decade ago.", "en", "a decade ago",
         (date(2016, 1, 1), date(2016, 12, 31), Granularity.YEAR)),
        ("It opened in 2001. Two decades later, it closed.", "en", "Two decades later",
         (date(2021, 1, 1), date(2021, 12, 31), Granularity.YEAR)),
        ("They met on March 3. The previous day, he had arrived.", "en", "The previous day",
         (date(2026, 3, 2), date(2026, 3, 2), Granularity.DAY)),
        ("Он приехал 3 марта. Неделю спустя он уехал.", "ru", "Неделю спустя",
         (date(2026, 3, 10), date(2026, 3, 10), Granularity.DAY)),
        ("Встреча прошла 3-го марта.", "ru", "3-го марта", (date(2026, 3, 3), date(2026, 3, 3), Granularity.DAY)),
        ("The plant opened in spring 2025.", "en", "spring 2025", (date(2025, 3, 1), date(2025, 5, 31), Granularity.MONTH)),
        ("Output fell in the summer of 2025, it said.", "en", "the summer of 2025",
         (date(2025, 6, 1), date(2025, 8, 31), Granularity.MONTH)),
        ("Sales picked up in fall 2025.", "en", "fall 2025", (date(2025, 9, 1), date(2025, 11, 30), Granularity.MONTH)),
        ("Весной 2025 года завод открылся.", "ru", "Весной 2025 года",
         (date(2025, 3, 1), date(2025, 5, 31), Granularity.MONTH)),
    ],
)
def test_it_reads_decades_previous_units_russian_ordinals_and_seasons_of_a_year(text, language, phrase, expected):
    assert span(one(text, phrase, language, MARCH_5)) == expected


def test_it_does_not_read_the_verb_fall_as_a_season():
    assert all("fall" not in c.text for c in claims("Prices may fall 2025 points short.", published=MARCH_5))


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("2 апреля стороны обсудят квоты на чай.", "2 апреля", date(2026, 4, 2)),
        ("Они встретятся в понедельник.", "понедельник", date(2026, 3, 9)),
    ],
)
def test_it_reads_russian_perfective_future_verbs_as_the_future(text, phrase, expected):
    assert one(text, phrase, "ru", MARCH_5).interval.start == expected


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        # no tense at all: the nearer occurrence, ahead here
        ("Talks resume on Mar. 10 in Geneva.", "Mar. 10", date(2026, 3, 10)),
        ("The World Cup begins June 11.", "June 11", date(2026, 6, 11)),
        # and behind here
        ("Turnout on Feb. 27 in the capital: 61 percent.", "Feb. 27", date(2026, 2, 27)),
        # a past verb still wins over nearness
        ("The talks resumed on Mar. 10 in Geneva.", "Mar. 10", date(2025, 3, 10)),
    ],
)
def test_it_takes_the_nearer_occurrence_of_a_date_with_no_tense_around_it(text, phrase, expected):
    assert one(text, phrase, published=MARCH_5).interval.start == expected


def test_a_sentence_ends_after_a_day_number_before_a_capital():
    text = "He addressed a session on March 1. A minister last travelled there in August 2015."
    claim = one(text, "March 1", published=MARCH_5)
    assert text[claim.sentence_start : claim.sentence_end] == "He addressed a session on March 1."


@pytest.mark.parametrize("text", ["Police arrested Tomas and Jan Novak on Monday.", "The report by Jan Egeland was published."])
def test_an_abbreviated_month_before_a_capitalised_word_is_a_first_name(text):
    assert [c.text for c in claims(text, published=MARCH_5) if c.text.startswith("Jan")] == []


def test_a_full_month_name_before_a_capitalised_word_is_still_a_month():
    assert span(one("In March President Lee said so.", "March", published=MARCH_5))[2] == Granularity.MONTH


@pytest.mark.parametrize("text, phrase", [("She was born on June 11 in Ohio.", "June 11"), ("Shares fell on June 11.", "June 11")])
def test_an_irregular_past_verb_points_back(text, phrase):
    assert one(text, phrase, published=MARCH_5).interval.start == date(2025, 6, 11)


def test_a_published_line_with_a_numeric_date_is_a_dateline_not_a_counter():
    from claims.extraction import extract
    from claims.extraction.types import ArticleText, PublishedAtSource, Resolution

    extraction = extract(ArticleText("Two strikes\n\nPublished: 18.09.2026\n\nYesterday's strike cancelled my flight.", "en", None))
    assert (extraction.published_at.date().isoformat(), extraction.published_at_source) == ("2026-09-18", PublishedAtSource.DATELINE)
    yesterday = extraction.claims[-1]
    assert (yesterday.interval.start.isoformat(), yesterday.resolution) == ("2026-09-17", Resolution.INFERRED)


def test_an_inline_russian_dateline_gives_the_publication_day():
    from claims.extraction import extract
    from claims.extraction.types import ArticleText, PublishedAtSource

    text = "Заголовок\n\nОСЛО, 13 февраля 2026 года. Министр во вторник подписал соглашение."
    extraction = extract(ArticleText(text, "ru", None))
    assert (extraction.published_at.date().isoformat(), extraction.published_at_source) == ("2026-02-13", PublishedAtSource.DATELINE)
    assert extraction.claims[-1].interval.start.isoformat() == "2026-02-10"


def test_with_a_stated_publication_time_relative_dates_stay_relative():
    from datetime import datetime, timezone

    from claims.extraction import extract
    from claims.extraction.types import ArticleText, Resolution

    extraction = extract(ArticleText("The minister arrived yesterday.", "en", datetime(2026, 2, 13, tzinfo=timezone.utc)))
    assert extraction.claims[0].resolution == Resolution.RELATIVE


def test_a_reprinted_wire_story_counts_its_today_from_its_dateline():
    from datetime import datetime, timedelta, timezone

    from claims.extraction import extract
    from claims.extraction.types import ArticleText

    text = "Metro opens\n\nLIMA, June 2 (Andes Wire) - The president opened the metro today.\n\nThe paper adds: she opened a hospital yesterday."
    extraction = extract(ArticleText(text, "en", datetime(2026, 6, 5, 9, tzinfo=timezone(timedelta(hours=-5)))))
    values = {c.text: c.interval.start.isoformat() for c in extraction.claims}
    assert values == {"June 2": "2026-06-02", "today": "2026-06-02", "yesterday": "2026-06-04"}


def test_a_hyphenated_name_ending_like_a_past_verb_is_no_past_marker():
    from datetime import datetime, timezone

    from claims.extraction import extract
    from claims.extraction.types import ArticleText

    text = "She arrived on Tuesday and will hold talks with President Han Jae-won on Wednesday."
    extraction = extract(ArticleText(text, "en", datetime(2026, 7, 7, 12, tzinfo=timezone.utc)))
    assert [c.interval.start.isoformat() for c in extraction.claims] == ["2026-07-07", "2026-07-08"]


def test_a_weekday_named_on_its_own_day_is_that_day_in_the_future_too():
    from datetime import datetime, timezone

    from claims.extraction import extract
    from claims.extraction.types import ArticleText

    text = "Talks on Wednesday are expected to cover ships and batteries."
    extraction = extract(ArticleText(text, "en", datetime(2026, 7, 8, 10, tzinfo=timezone.utc)))  # a Wednesday
    assert extraction.claims[0].interval.start.isoformat() == "2026-07-08"
