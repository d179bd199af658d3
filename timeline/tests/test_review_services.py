"""Merging and splitting events: an editor's placement holds when linking runs again."""

from datetime import date

import pytest

from claims.models import Claim
from claims.tests.test_api_fixtures import make_article, make_claim, make_event
from factdb.errors import FactdbError
from timeline.models import Event
from timeline.services import event_merge, event_split
from timeline.linker import events_relink_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_events():
    """Linking split one opening into two events; a third claim is about something else."""
    opened = make_event("bridge opened", date(2009, 3, 4))
    inaugurated = make_event("bridge inaugurated", date(2009, 3, 4))
    a = make_claim(make_article("The bridge opened on 4 March 2009.", outlet="Ledger"), "4 March 2009", date(2009, 3, 4), event=opened)
    b = make_claim(make_article("The bridge was inaugurated on 4 March 2009.", outlet="Post"), "4 March 2009", date(2009, 3, 4), event=inaugurated)
    c = make_claim(make_article("Tolls began on 1 April 2009.", outlet="Post"), "1 April 2009", date(2009, 4, 1), event=inaugurated)
    return opened, inaugurated, (a, b, c)


def test_merging_moves_every_claim_onto_the_target_pinned_and_deletes_the_sources(two_events, django_capture_on_commit_callbacks):
    opened, inaugurated, (a, b, c) = two_events

    with django_capture_on_commit_callbacks() as callbacks:
        event_merge(target=opened, sources=[inaugurated])

    assert set(opened.claims.values_list("id", "event_pinned")) == {(a.id, False), (b.id, True), (c.id, True)}
    assert not Event.objects.filter(pk=inaugurated.pk).exists()
    assert len(callbacks) == 1  # the re-check
    assert Claim.history.filter(id=b.id).first().event_id == opened.id


def test_merged_claims_stay_on_the_target_when_linking_runs_again(two_events):
    opened, inaugurated, (a, b, c) = two_events
    event_merge(target=opened, sources=[inaugurated])

    events_relink_all()

    assert Claim.objects.get(pk=b.pk).event_id == opened.pk
    assert Claim.objects.get(pk=c.pk).event_id == opened.pk
    assert Event.objects.filter(pk=opened.pk).exists()


@pytest.mark.parametrize(
    ("sources", "message"),
    [("none", "sources: choose at least one event to merge into the target"), ("itself", "sources: an event cannot be merged into itself")],
)
def test_a_merge_without_other_events_is_refused(two_events, sources, message):
    opened, _, _ = two_events

    with pytest.raises(FactdbError) as error:
        event_merge(target=opened, sources=[] if sources == "none" else [opened])

    assert error.value.message == message


def test_splitting_moves_the_chosen_claims_to_a_new_keyless_event(two_events, django_capture_on_commit_callbacks):
    _, inaugurated, (a, b, c) = two_events

    with django_capture_on_commit_callbacks() as callbacks:
        tolls = event_split(event=inaugurated, claim_ids=[c.id], label="  tolls begin ")

    assert (tolls.label, tolls.key) == ("tolls begin", None)
    assert list(tolls.claims.values_list("id", "event_pinned")) == [(c.id, True)]
    assert list(inaugurated.claims.values_list("id", flat=True)) == [b.id]
    assert len(callbacks) == 1


def test_a_split_off_event_and_its_claims_survive_linking(two_events):
    _, inaugurated, (a, b, c) = two_events
    tolls = event_split(event=inaugurated, claim_ids=[c.id], label="tolls begin")

    events_relink_all()

    assert Claim.objects.get(pk=c.pk).event_id == tolls.pk


@pytest.mark.parametrize(
    ("which", "label", "message"),
    [
        ("stranger", "x", "is not on the event 'bridge inaugurated'"),
        ("all", "x", "claim_ids: leave at least one claim on the event"),
        ("none", "x", "claim_ids: choose the claims to split off"),
        ("one", " ", "label: name the new event"),
    ],
)
def test_a_split_that_makes_no_sense_is_refused_and_changes_nothing(two_events, which, label, message):
    _, inaugurated, (a, b, c) = two_events
    ids = {"stranger": [a.id], "all": [b.id, c.id], "none": [], "one": [c.id]}[which]

    with pytest.raises(FactdbError) as error:
        event_split(event=inaugurated, claim_ids=ids, label=label)

    assert message in error.value.message
    assert Event.objects.count() == 2
    assert set(inaugurated.claims.values_list("id", flat=True)) == {b.id, c.id}


def test_the_timeline_previews_split_claims_under_their_new_event(two_events, django_capture_on_commit_callbacks):
    """GIVEN an event previewing two claims WHEN an editor splits one off and the re-check runs
    THEN the timeline shows each claim under the event it is on now, once."""
    from rest_framework.test import APIClient

    from pipeline.stages import events_recheck
    from timeline.summaries import events_refresh_summaries

    _, inaugurated, (a, b, c) = two_events
    events_refresh_summaries(event_ids=[inaugurated.pk])
    assert sorted(Event.objects.get(pk=inaugurated.pk).preview_claims) == [b.id, c.id]

    with django_capture_on_commit_callbacks(execute=True):
        tolls = event_split(event=inaugurated, claim_ids=[c.id], label="tolls begin")
    events_recheck()

    shown = {e["label"]: [claim["id"] for claim in e["claims"]] for e in APIClient().get("/api/timeline/").json()["results"]}
    assert shown["bridge inaugurated"] == [b.id]
    assert shown["tolls begin"] == [c.id]
    assert Event.objects.get(pk=tolls.pk).preview_claims == [c.id]
