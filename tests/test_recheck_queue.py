"""The re-check queue: a settled round removes its rows, except those asked for again meanwhile."""

import pytest
from django.db import transaction

from timeline.models import Event
from work.models import EventRecheck
from work.queue import events_mark_dirty, rechecks_done, rechecks_take


@pytest.mark.django_db
def test_done_rows_go_and_a_row_asked_for_again_after_it_was_taken_stays():
    events = [Event.objects.create(label=f"event {i}") for i in range(250)]  # more than one DELETE's worth
    events_mark_dirty(e.id for e in events)
    with transaction.atomic():
        taken = rechecks_take(limit=1000)
        assert len(taken) == 250
        events_mark_dirty([events[7].id])  # a verdict on it while the round was being checked
        rechecks_done(taken)
    assert list(EventRecheck.objects.values_list("event_id", flat=True)) == [events[7].id]
