"""Which stated precedents a changed event could bear on is found by the index on facts, not by
reading every stating event: the candidates are a superset of what _may_match accepts."""

import pytest
from django.db import connection

from timeline.analysis.checks.precedent import facts_from_json
from timeline.checker import _may_match, _stating_candidates
from timeline.models import Event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reads every stating event (no JSON containment index)"),
]


def _statement(family, roles=(), actors=(), places=()):
    return {"family": family, "roles": sorted(roles), "actors": sorted(actors), "places": sorted(places), "guessed_places": []}


def _stating(label, *statements):
    return Event.objects.create(label=label, states_precedent=True, facts={"family": statements[0]["family"], "statements": list(statements)})


def test_the_index_finds_every_statement_a_changed_event_may_match_and_leaves_the_rest():
    by_role = _stating("role", _statement("visit", roles={"president"}, places={"Oslo"}))
    by_actor = _stating("actor", _statement("strike", actors={"Dock Union"}), _statement("visit", actors={"Ana Velo"}))
    other_family = _stating("family", _statement("election", roles={"president"}))
    other_people = _stating("people", _statement("visit", roles={"minister"}, actors={"Tomas Ferreira"}))
    Event.objects.create(label="states nothing", facts={"family": "visit", "statements": [_statement("visit", roles={"president"})]})
    dated = [
        facts_from_json({"family": "visit", "roles": ["president"], "actors": ["Ana Velo"], "places": ["Oslo", "Norway"]}),
        facts_from_json({"family": "strike", "roles": [], "actors": ["Port Guild"], "places": []}),
    ]

    found = set(_stating_candidates(Event.objects.filter(states_precedent=True), dated).values_list("id", flat=True))

    assert found == {by_role.id, by_actor.id}
    accepted = {
        e.id
        for e in Event.objects.filter(states_precedent=True)
        if any(_may_match(facts_from_json(st), d) for st in e.facts["statements"] for d in dated)
    }
    assert accepted <= found and {other_family.id, other_people.id}.isdisjoint(found)


def test_a_changed_event_with_no_role_or_actor_finds_none():
    _stating("role", _statement("visit", roles={"president"}))
    dated = [facts_from_json({"family": "visit", "roles": [], "actors": [], "places": ["Oslo"]})]
    assert not _stating_candidates(Event.objects.filter(states_precedent=True), dated).exists()
