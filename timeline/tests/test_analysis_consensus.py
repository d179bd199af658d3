from datetime import date

from claims.extraction.types import Offset
from timeline.analysis.consensus import consensus
from timeline.analysis.types import EventStatus, ReviewStatus
from timeline.tests.test_analysis_support import _tasks_in_process, day, days, month, record  # noqa: F401

TEXT = "The charter was signed on February 10 in Baku."


def test_independent_sources_outvote_a_single_dissenting_one():
    claims = [
        record(TEXT, "February 10", day(2026, 2, 10), article_id=1),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=2),
        record(TEXT, "February 10", day(2026, 2, 12), article_id=3),
    ]
    assert consensus(claims, {}) == (day(2026, 2, 10), EventStatus.CONFLICTING)


def test_syndicated_copies_of_one_text_count_once():
    claims = [
        record(TEXT, "February 10", day(2026, 2, 12), article_id=1, content_hash="same"),
        record(TEXT, "February 10", day(2026, 2, 12), article_id=2, content_hash="same"),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=3),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=4),
    ]
    assert consensus(claims, {})[0] == day(2026, 2, 10)


def test_a_verified_claim_wins_over_any_number_of_others():
    claims = [
        record(TEXT, "February 10", day(2026, 2, 12), article_id=1, review=ReviewStatus.VERIFIED),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=2),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=3),
    ]
    assert consensus(claims, {}) == (day(2026, 2, 12), EventStatus.CONSISTENT)


def test_rejected_claims_are_ignored():
    claims = [
        record(TEXT, "February 10", day(2026, 2, 12), article_id=1, review=ReviewStatus.REJECTED),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=2),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=3),
    ]
    assert consensus(claims, {}) == (day(2026, 2, 10), EventStatus.CONSISTENT)


def test_a_coarse_claim_supports_the_precise_date_inside_it():
    claims = [
        record(TEXT, "February 10", month(2026, 2), article_id=1),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=2),
    ]
    assert consensus(claims, {}) == (day(2026, 2, 10), EventStatus.CONSISTENT)


def test_start_and_end_claims_vote_for_the_first_and_last_day_of_a_visit():
    visit = days(date(2026, 2, 10), date(2026, 2, 11))
    claims = [
        record(TEXT, "February 10", visit, article_id=1),
        record(TEXT, "February 10", day(2026, 2, 10), article_id=2),
        record(TEXT, "February 10", day(2026, 2, 11), article_id=3),
    ]
    phases = {claims[1].id: "start", claims[2].id: "end"}
    assert consensus(claims, phases) == (visit, EventStatus.CONSISTENT)


def test_a_date_computed_from_an_offset_does_not_vote_against_reported_dates():
    claims = [
        record(TEXT, "February 10", day(2026, 2, 10), article_id=1),
        record(TEXT, "February 10", day(2026, 2, 8), article_id=2, offset=Offset(6, "months", "exactly", "")),
    ]
    assert consensus(claims, {}) == (day(2026, 2, 10), EventStatus.UNVERIFIED)


def test_an_event_without_dated_claims_has_no_consensus():
    assert consensus([record(TEXT, "February 10", None)], {}) == (None, EventStatus.UNVERIFIED)


def test_one_source_against_one_gives_the_earlier_date_whichever_claim_came_first():
    ten = record(TEXT, "February 10", day(2026, 2, 10), article_id=1)
    twelve = record(TEXT, "February 10", day(2026, 2, 12), article_id=2)
    assert consensus([ten, twelve], {}) == consensus([twelve, ten], {}) == (day(2026, 2, 10), EventStatus.CONFLICTING)
