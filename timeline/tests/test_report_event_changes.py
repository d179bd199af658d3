from datetime import datetime, timedelta, timezone

import pytest

from timeline.models import Event
from timeline.reports import render_markdown, report_create

pytestmark = pytest.mark.django_db

NIGHT = datetime(2026, 3, 1, 2, 0, tzinfo=timezone.utc)


def test_the_report_lists_events_whose_status_changed_since_the_previous_report(client):
    steady = Event.objects.create(label="Ferry line opens", status="consistent")
    turning = Event.objects.create(label="Harbour deal signed", status="consistent")
    first, _ = report_create(now=NIGHT)
    assert first.counts["events_changed"] == []
    assert first.counts["event_statuses"] == {str(steady.id): "consistent", str(turning.id): "consistent"}

    Event.objects.filter(pk=turning.pk).update(status="conflicting")
    later = Event.objects.create(label="Canal reopens", status="unverified")
    second, created = report_create(now=NIGHT + timedelta(days=1))

    assert created
    assert second.counts["events_changed"] == [
        {"id": turning.id, "label": "Harbour deal signed", "before": "consistent", "after": "conflicting"},
        {"id": later.id, "label": "Canal reopens", "before": "new", "after": "unverified"},
    ]
    assert "Harbour deal signed (consistent → conflicting)" in second.text
    assert "- Harbour deal signed (#%d): consistent → conflicting" % turning.id in render_markdown(second)
    page = client.get(f"/reports/{second.id}/").content.decode()
    assert "Events whose status changed (2)" in page and "Harbour deal signed" in page
