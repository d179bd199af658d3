"""The publication day inferred from the latest full date the lead reports as past (latest_date.py)."""

from datetime import date, datetime, timezone
from pathlib import Path

from claims.corpus import read_corpus
from claims.extraction import extract
from claims.extraction.latest_date import lead_span
from claims.extraction.timeml import parse_timeml
from claims.extraction.types import ArticleText, PublishedAtSource, Resolution


def _extract(text: str, language: str = "en"):
    return extract(ArticleText(text, language, None))


def _claim(extraction, text: str):
    return next(c for c in extraction.claims if c.text == text)


def test_it_infers_the_publication_day_from_the_latest_past_date_in_the_lead():
    text = (
        "Harbour council approves budget\n\n"
        "The harbour council approved its budget on 3 March 2026 after talks that began on 1 March 2026.\n\n"
        "The mayor said yesterday that work on the quay will start on Monday."
    )
    extraction = _extract(text)
    assert extraction.published_at == datetime(2026, 3, 3, tzinfo=timezone.utc)
    assert extraction.published_at_source == PublishedAtSource.LATEST_DATE
    start, end = extraction.published_at_evidence
    assert text[start:end] == "The harbour council approved its budget on 3 March 2026 after talks that began on 1 March 2026."
    yesterday, monday = _claim(extraction, "yesterday"), _claim(extraction, "Monday")
    assert (yesterday.interval.start, yesterday.resolution) == (date(2026, 3, 2), Resolution.INFERRED)
    assert (monday.interval.start, monday.resolution) == (date(2026, 3, 9), Resolution.INFERRED)


def test_it_gives_a_year_less_date_its_year_from_the_inferred_day():
    text = "Strike ends\n\nDock workers ended their strike on 12 February 2026.\n\nThe strike had begun on 2 February."
    extraction = _extract(text)
    assert extraction.published_at.date() == date(2026, 2, 12)
    assert _claim(extraction, "2 February").interval.start == date(2026, 2, 2)


def test_it_does_not_infer_from_a_future_date():
    text = "Visit expected\n\nThe minister will visit the port on 10 March 2026.\n\nTalks were held yesterday."
    extraction = _extract(text)
    assert (extraction.published_at, extraction.published_at_source) == (None, PublishedAtSource.NONE)
    assert _claim(extraction, "yesterday").resolution == Resolution.UNRESOLVED


def test_it_does_not_infer_when_a_future_date_comes_before_the_latest_past_one():
    # "will open on 1 March" was written before 1 March, so not on 5 March.
    text = "Bridge\n\nThe contract was signed on 5 March 2026 and the bridge will open on 1 March 2026.\n\nWork began yesterday."
    assert _extract(text).published_at is None


def test_it_does_not_infer_when_the_story_names_a_later_date_it_does_not_report_as_past():
    text = "Talks\n\nThe two sides met on 5 March 2026.\n\nThe agreement is valid from 1 June 2026. They spoke again yesterday."
    assert _extract(text).published_at is None


def test_it_does_not_take_a_background_date_from_the_body():
    text = (
        "Trade deal signed\n\nThe two countries signed a trade deal on Tuesday, the ministry said.\n\n"
        "Talks began in 2024 and a memorandum was signed on 12 March 2025."
    )
    extraction = _extract(text)
    assert extraction.published_at is None
    assert _claim(extraction, "Tuesday").resolution == Resolution.UNRESOLVED


def test_it_does_not_take_a_quoted_date():
    text = 'Union statement\n\n"We signed the deal on 4 May 2026," the union leader told reporters yesterday.'
    assert _extract(text).published_at is None


def test_it_infers_nothing_when_no_claim_needs_a_publication_day():
    text = "Council vote\n\nThe council voted on 3 March 2026 to close the market."
    assert _extract(text).published_at is None


def test_a_dateline_wins_over_the_latest_date():
    text = "Published 9 March 2026\n\nThe council voted on 3 March 2026. The mayor spoke yesterday."
    extraction = _extract(text)
    assert (extraction.published_at.date(), extraction.published_at_source) == (date(2026, 3, 9), PublishedAtSource.DATELINE)
    assert text[slice(*extraction.published_at_evidence)] == "Published 9 March 2026"


def test_metadata_wins_and_gives_no_evidence():
    text = "Council vote\n\nThe council voted on 3 March 2026. The mayor spoke yesterday."
    extraction = extract(ArticleText(text, "en", datetime(2026, 3, 5, 9, 0, tzinfo=timezone.utc)))
    assert (extraction.published_at_source, extraction.published_at_evidence) == (PublishedAtSource.METADATA, None)
    assert _claim(extraction, "yesterday").resolution == Resolution.RELATIVE


def test_the_lead_is_the_first_paragraph_of_prose_after_the_headline():
    text = "Headline without a stop\nBy a staff writer\n\nFirst paragraph. Still first.\n\nSecond paragraph."
    assert text[slice(*lead_span(text))] == "First paragraph. Still first."


def test_on_the_shipped_news_texts_without_their_metadata_it_never_guesses():
    """The rule is a lower bound and must stay conservative. With their stated times removed, the
    held-out, development and TimeML texts give it nothing to go on: their leads date the news
    relatively ("on Tuesday", "yesterday"), and a looser rule (any past-tense full date in the
    text) took background dates for the publication day on three of them, months to a year off.
    If a change makes it infer here, each inferred day must be checked against the stated one."""
    root = Path(__file__).resolve().parents[2] / "fixtures"
    texts = [(item.file, item.text, item.language) for folder in ("heldout", "corpus") for item in read_corpus(str(root / folder))]
    texts += [(p.name, parse_timeml(p.read_text(encoding="utf-8")).text, "en") for p in sorted((root / "heldout_timeml").glob("*.tml"))]
    inferred = {name: e.published_at for name, text, language in texts if (e := _extract(text, language)).published_at_source == PublishedAtSource.LATEST_DATE}

    assert len(texts) == 66 and inferred == {}
