"""A stated length ("a three-day visit") against the days the happening is dated (issue 11: the
duration check uses the duration claims)."""

from datetime import date, datetime, timezone

import pytest

from claims.extraction.types import Granularity, Interval, Resolution, TemporalClaim, TimexType
from claims.services import ArticleIn, article_ingest
from timeline.analysis.checks.length import length_mismatch, stated_days
from timeline.analysis.types import ClaimRecord, EventView
from timeline.models import Finding

PUBLISHED = datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc)


def _record(id_, text, *, interval=None, timex="", mod="", article=1, sentence=0, outlet="Wire"):
    kind = TimexType.DURATION if timex.startswith("P") else TimexType.DATE
    claim = TemporalClaim(5, 5 + len(text), text, sentence, sentence + 60, interval, interval.granularity if interval else Granularity.DAY,
                          Resolution.ABSOLUTE if interval else Resolution.UNRESOLVED, timex_type=kind, timex_value=timex, timex_mod=mod)
    return ClaimRecord(id=id_, article_id=article, outlet=outlet, published_at=PUBLISHED, article_text="", claim=claim)


FEB_10_11 = Interval(date(2026, 2, 10), date(2026, 2, 11), Granularity.DAY)


@pytest.mark.parametrize(
    ("timex", "mod", "days"), [("P3D", "", 3), ("P2W", "", 14), ("P3D", "APPROX", None), ("PT5H", "", None), ("P2M", "", None)]
)
def test_a_length_in_whole_days_or_weeks_is_read_and_a_vague_one_is_not(timex, mod, days):
    assert stated_days(_record(1, "three days", timex=timex, mod=mod)) == days


def test_a_length_is_held_against_the_range_its_own_sentence_gives():
    dated = _record(1, "February 10–11", interval=FEB_10_11)
    event = EventView(id=7, label="Visit to Oslo", claims=[dated], consensus=FEB_10_11, lengths=[_record(2, "three-day visit", timex="P3D")])

    [finding] = length_mismatch(event)

    assert (finding.draft.kind, finding.draft.severity, finding.faulty) == ("duration_mismatch", "low", frozenset({2}))
    assert "3 day(s)" in finding.draft.message and "in the same sentence" in finding.draft.message


def test_a_length_that_fits_or_a_single_day_is_no_finding():
    dated = _record(1, "February 10–11", interval=FEB_10_11)
    fits = EventView(id=7, label="Visit", claims=[dated], consensus=FEB_10_11, lengths=[_record(2, "two-day visit", timex="P2D")])
    day = Interval(date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)
    arrives = EventView(id=8, label="Visit", claims=[_record(3, "February 10", interval=day)], consensus=day, lengths=[_record(4, "three-day visit", timex="P3D")])

    assert length_mismatch(fits) == [] and length_mismatch(arrives) == []


def test_without_a_range_in_its_sentence_a_length_is_held_against_the_other_sources():
    other = _record(1, "February 10–11", interval=FEB_10_11, article=2, outlet="Post")
    day = Interval(date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)
    own = _record(3, "February 10", interval=day)
    event = EventView(id=7, label="Visit", claims=[other, own], consensus=FEB_10_11, lengths=[_record(2, "four-day visit", timex="P4D")])

    [finding] = length_mismatch(event)

    assert "according to Post" in finding.draft.message and set(finding.draft.claim_ids) == {1, 2}


@pytest.mark.django_db
def test_the_pipeline_finds_a_length_that_does_not_fit_its_dates(django_capture_on_commit_callbacks):
    texts = {
        "Harbour Ledger": "Minister Rowan Hale will be in Oslo on February 10-11, 2026, the ministry said.",
        "Fjord Post": "Minister Rowan Hale begins a three-day visit to Oslo on February 10-11, 2026.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        results = [article_ingest(data=ArticleIn(body=body, outlet=outlet, published_at=PUBLISHED)) for outlet, body in texts.items()]
    assert all(r.wait(60) for r in results)

    findings = Finding.objects.filter(kind="duration_mismatch", status="open")

    assert [(f.subject.text, f.subject.article.outlet, f.severity) for f in findings] == [("three-day", "Fjord Post", "low")]


def test_the_docstring_example_holds():
    import doctest

    from timeline.analysis.checks import length

    assert doctest.testmod(length).failed == 0
