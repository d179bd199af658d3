"""What lists show of an event, derived from its claims (no database)."""

from timeline.analysis.consensus import consensus
from timeline.analysis.summary import SEARCH_TEXT_MAX, event_summary, search_document
from timeline.analysis.types import EventStatus, EventView
from timeline.tests.test_analysis_support import _tasks_in_process, day, month, record  # noqa: F401

SIGNED = "The charter was signed on February 10 in Baku. Crowds gathered."
LATER = "Officials said the charter was signed on February 12."


def _view(claims) -> EventView:
    interval, status = consensus(claims, {})
    return EventView(id=7, label="charter signed", claims=claims, consensus=interval, status=status)


def test_a_summary_carries_the_consensus_and_counts_claims_and_outlets():
    claims = [
        record(SIGNED, "February 10", day(2026, 2, 10), article_id=1, outlet="Wire"),
        record(SIGNED, "February 10", day(2026, 2, 10), article_id=2, outlet="Ledger"),
        record(LATER, "February 12", day(2026, 2, 12), article_id=3, outlet="Wire"),
    ]

    summary = event_summary(_view(claims), {1: "Charter signed in Baku", 2: "Charter signed in Baku", 3: "A charter, two dates"})

    assert (summary.value_start, summary.value_end, summary.granularity) == (day(2026, 2, 10).start, day(2026, 2, 10).end, "day")
    assert summary.status == EventStatus.CONFLICTING
    assert (summary.claim_count, summary.outlet_count) == (3, 2)
    assert summary.search_text == (
        "Charter signed in Baku\nA charter, two dates\nThe charter was signed on February 10 in Baku.\nOfficials said the charter was signed on February 12."
    )


def test_an_event_without_a_date_has_no_interval_and_an_unnamed_outlet_counts_none():
    claims = [record("It will happen at some point.", "at some point", None, outlet="")]

    summary = event_summary(_view(claims))

    assert (summary.value_start, summary.value_end, summary.granularity, summary.status) == (None, None, "", EventStatus.UNVERIFIED)
    assert (summary.claim_count, summary.outlet_count) == (1, 0)
    assert summary.search_text == "It will happen at some point."


def test_a_month_consensus_keeps_its_precision():
    summary = event_summary(_view([record("The talks opened in March 2026.", "March 2026", month(2026, 3))]))

    assert (summary.value_start.isoformat(), summary.value_end.isoformat(), summary.granularity) == ("2026-03-01", "2026-03-31", "month")


def test_the_search_text_is_cut_at_a_whole_line_under_the_cap():
    sentences = [f"Sentence number {i} of a very long event." for i in range(2000)]

    text = search_document(["Title"], sentences)

    assert len(text) <= SEARCH_TEXT_MAX
    assert text.startswith("Title\nSentence number 0 ")
    assert text.endswith(" of a very long event.")
