"""Date arithmetic and quotations: claims that count from another date."""

from datetime import date, datetime, timedelta, timezone

from claims.extraction import extract
from claims.extraction.types import ArticleText, Offset, Resolution, TimexType

BAKU = timezone(timedelta(hours=4))
PUBLISHED = datetime(2026, 2, 11, 10, 18, tzinfo=BAKU)


def claim(text, phrase, published=PUBLISHED):
    found = [c for c in extract(ArticleText(text, "en", published)).claims if c.text == phrase]
    assert len(found) == 1, [c.text for c in extract(ArticleText(text, "en", published)).claims]
    return found[0]


def test_it_counts_months_later_from_the_previous_dated_claim():
    text = (
        "It is important to go back to August 8, 2025, when the Memorandum was signed in Washington.\n\n"
        "Exactly six months later, the Charter became a historic reality."
    )
    found = claim(text, "Exactly six months later")
    assert found.interval.start == found.interval.end == date(2026, 2, 8)
    assert found.resolution == Resolution.ANCHORED
    assert found.offset == Offset(6, "months", "exactly", "August 8, 2025")


def test_it_leaves_an_offset_from_an_event_for_the_event_stage():
    text = (
        "The working groups met for the first time in Baku on Monday, exactly three weeks after the Charter "
        "on Strategic Partnership was signed in Baku."
    )
    found = claim(text, "exactly three weeks after", datetime(2026, 3, 2, 15, tzinfo=BAKU))
    assert found.interval is None
    assert found.resolution == Resolution.UNRESOLVED
    assert found.offset == Offset(3, "weeks", "exactly", "the Charter on Strategic Partnership was signed in Baku")


def test_it_counts_from_a_date_written_after_the_offset():
    found = claim("The talks resumed a day after February 10, 2026, officials said.", "a day after")
    assert found.interval.start == date(2026, 2, 11)
    assert found.offset.anchor_text == "February 10, 2026"


def test_it_does_not_take_a_duration_for_a_date():
    text = "That memorandum set up a working group and gave it six months to draft the document."
    found = extract(ArticleText(text, "en", PUBLISHED)).claims
    assert [(c.text, c.timex_type, c.timex_value, c.interval) for c in found] == [("six months", TimexType.DURATION, "P6M", None)]
    assert not found[0].dates_a_happening


def test_it_resolves_a_quoted_tomorrow_against_the_dated_utterance():
    text = (
        'WASHINGTON (Potomac Dispatch) - In a post on Thursday, August 7, the president wrote that he looked '
        'forward to hosting the two leaders "at the White House tomorrow for a Historic Peace Summit".'
    )
    found = claim(text, "tomorrow", datetime(2025, 8, 8, 16, tzinfo=timezone(timedelta(hours=-4))))
    assert found.quoted
    assert found.interval.start == date(2025, 8, 8)
    assert found.resolution == Resolution.ANCHORED
    assert claim(text, "Thursday, August 7", datetime(2025, 8, 8, 16, tzinfo=BAKU)).weekday == 3


def test_it_leaves_a_quoted_relative_date_unresolved_when_the_utterance_is_undated():
    text = "“In November last year, the U.S. signed memorandums. Earlier this month, ministers met,” Korybko said."
    for phrase in ("November last year", "Earlier this month"):
        found = claim(text, phrase)
        assert found.quoted
        assert found.interval is None
        assert found.resolution == Resolution.UNRESOLVED


def test_it_keeps_a_quote_open_across_paragraphs_that_reopen_it():
    text = "“For Washington, it is a partner.\n“Yesterday the talks went well,” the analyst said."
    found = claim(text, "Yesterday")
    assert found.quoted and found.interval is None


def test_the_following_year_is_the_whole_year_after_its_anchor_and_a_year_later_the_day():
    following = claim("He was promoted on May 22, 2015, and the following year he moved to Rome.", "the following year")
    assert (following.interval.start, following.interval.end, following.timex_value) == (
        date(2016, 1, 1), date(2016, 12, 31), "2016")
    assert claim("He was promoted on May 22, 2015. A year later he retired.", "A year later").timex_value == "2016-05-22"


def test_the_previous_week_is_the_whole_week_before_its_anchor():
    text = "The vote was held on Friday, March 13, 2026. The previous week the opposition marched."
    assert claim(text, "The previous week").timex_value == "2026-W10"
