"""An editor renames an event: the name holds when linking runs again, even under a new key."""

from datetime import date

import pytest

from claims.models import Claim
from claims.tests.test_api_fixtures import make_article, make_claim, make_event
from factdb.errors import FactdbError
from timeline.models import Event
from timeline.services import event_rename
from timeline.linker import events_relink_all

pytestmark = pytest.mark.django_db


def _linked_event():
    text = "The mayor opened the harbour bridge on 4 March 2009."
    make_claim(make_article(text, outlet="Ledger"), "4 March 2009", date(2009, 3, 4), event=make_event("x", date(2009, 3, 4)))
    events_relink_all()
    return Claim.objects.get().event


def test_a_renamed_event_keeps_its_name_and_claims_across_relinking():
    event = _linked_event()
    event_rename(event=event, label="  Harbour bridge opening ")

    Event.objects.filter(pk=event.pk).update(key="a key linking no longer gives")  # linking now names the group otherwise
    events_relink_all()

    event.refresh_from_db()
    assert (event.label, event.label_locked) == ("Harbour bridge opening", True)
    assert set(Claim.objects.values_list("event_id", flat=True)) == {event.pk}


def test_linking_renames_an_event_nobody_named():
    event = _linked_event()
    Event.objects.filter(pk=event.pk).update(label="stale")
    events_relink_all()
    event.refresh_from_db()
    assert event.label != "stale" and not event.label_locked


def test_a_blank_name_is_refused_and_changes_nothing():
    event = _linked_event()
    before = event.label
    with pytest.raises(FactdbError) as error:
        event_rename(event=event, label="   ")
    assert error.value.message == "label: name the event"
    event.refresh_from_db()
    assert (event.label, event.label_locked) == (before, False)
