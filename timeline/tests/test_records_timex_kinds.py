"""Durations, recurrences and vague references are claims, but they date no happening:
timeline.records.claim_records keeps them out of linking and every check."""

import pytest

from claims.models import Claim
from claims.tests.test_api_fixtures import make_article
from timeline.checker import findings_check_all, views_of
from timeline.linker import events_relink_all
from timeline.models import Event, Finding
from timeline.records import claim_records

pytestmark = pytest.mark.django_db

TEXT = "The ministers met on the eve of the summit. The talks have run for three years and are held weekly, now."


def _claim(article, phrase, timex_type, value):
    start = article.text.index(phrase)
    return Claim.objects.create(
        article=article, text=phrase, start=start, end=start + len(phrase), sentence_start=0, sentence_end=len(article.text),
        value_start=None, value_end=None, granularity="day", resolution="unresolved",
        timex_type=timex_type, timex_value=value,
    )


def test_an_undated_duration_set_or_reference_gets_no_event_and_no_unresolved_date_finding():
    """GIVEN an article with no publication time, an undated DATE and three claims of other kinds
    WHEN linking and the checks run THEN only the DATE claim gets an event and an unresolved_date finding."""
    article = make_article(TEXT)  # no publication time: nothing relative can be resolved
    date_claim = _claim(article, "on the eve of", "DATE", "XXXX-XX-XX")
    others = [_claim(article, "three years", "DURATION", "P3Y"), _claim(article, "weekly", "SET", "P1W"),
              _claim(article, "now", "DATE", "PRESENT_REF")]

    events_relink_all()
    findings_check_all()

    assert [r.id for r in claim_records(Claim.objects.all())] == [date_claim.id]
    assert all(Claim.objects.get(pk=c.pk).event_id is None for c in others)
    assert Claim.objects.get(pk=date_claim.pk).event_id is not None
    flagged = {c.id for f in Finding.objects.all() for c in f.claims.all()}
    assert date_claim.id in flagged
    assert not flagged & {c.id for c in others}


def test_a_duration_an_editor_put_on_an_event_does_not_shift_the_event_views():
    """GIVEN a duration claim placed on an event WHEN the event's view is built THEN it holds only dated claims."""
    article = make_article(TEXT)
    event = Event.objects.create(key="talks", label="talks")
    duration = _claim(article, "three years", "DURATION", "P3Y")
    dated = _claim(article, "on the eve of", "DATE", "XXXX-XX-XX")
    Claim.objects.filter(pk__in=[duration.pk, dated.pk]).update(event=event)

    views = views_of(Event.objects.filter(pk=event.pk))

    assert [r.id for r in views[0].claims] == [dated.id]
