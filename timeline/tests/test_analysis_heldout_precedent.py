"""Precedent claims about places the alias table does not know yet."""

from timeline.analysis.checks.precedent import precedent_conflict
from timeline.analysis.consensus import consensus
from timeline.analysis.entities import EntityFinder
from timeline.analysis.types import EventView, Severity
from timeline.tests.test_analysis_support import ALIASES, day, month, record  # noqa: F401

STATEMENT = "The minister arrived on Monday, March 9, on what her office called the first-ever visit by a Ruritanian president to Freedonia."


def event(event_id, label, claims):
    interval, status = consensus(claims, {})
    return EventView(event_id, label, claims, interval, status, {})


def _events(earlier_text, earlier_expression, earlier_interval):
    arrival = record(STATEMENT, "Monday, March 9", day(2026, 3, 9), article_id=1, outlet="Bulletin")
    earlier = record(earlier_text, earlier_expression, earlier_interval, article_id=2, outlet="Press")
    return [event(1, "Visit (2026-03-09)", [arrival]), event(2, "Visit", [earlier])]


def test_an_earlier_visit_to_the_same_unknown_place_contradicts_first_ever():
    events = _events("A Ruritanian president last travelled to Freedonia in August 2015.", "August 2015", month(2015, 8))
    [finding] = precedent_conflict(events, EntityFinder(ALIASES))
    assert (finding.draft.event_id, finding.draft.severity) == (2, Severity.HIGH)


def test_an_earlier_visit_by_a_president_to_another_unknown_place_does_not():
    events = _events("The Freedonian president flew to Sylvania on March 1.", "March 1", day(2026, 3, 1))
    assert precedent_conflict(events, EntityFinder(ALIASES)) == []
