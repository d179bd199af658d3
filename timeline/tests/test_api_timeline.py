"""GET /api/timeline/ and /api/events/: events in date order with their claims."""

from datetime import date

import pytest

from claims.tests.test_api_fixtures import (  # noqa: F401  (fixtures)
    _fresh_throttles,
    anon_client,
    editor,
    editor_client,
    make_article,
    make_claim,
    make_event,
    make_finding,
)
from timeline.models import Event

pytestmark = pytest.mark.django_db

TEXT = (
    "The charter was signed on August 8, 2008. "
    "The ceasefire began in 2008. "
    "The summit opens on March 2, 2026. "
    "A referendum will be held at some point."
)


@pytest.fixture
def events():
    article = make_article(TEXT, outlet="Caspian Wire", url="https://a.test/1", title="Charter anniversary")
    summit = make_event("summit opens", date(2026, 3, 2))
    signing = make_event("charter signed", date(2008, 8, 8))
    ceasefire = make_event("ceasefire began", date(2008, 1, 1), date(2008, 12, 31), granularity="year", status="unverified")
    referendum = make_event("referendum held", None, status="unverified")
    make_claim(article, "March 2, 2026", date(2026, 3, 2), event=summit)
    make_claim(article, "August 8, 2008", date(2008, 8, 8), event=signing)
    make_claim(article, "2008", date(2008, 1, 1), date(2008, 12, 31), granularity="year", event=ceasefire, after="began in ")
    make_claim(article, "at some point", None, resolution="unresolved", granularity="day", event=referendum)
    make_event("nobody's event", date(2010, 1, 1))  # no claims: not on the timeline
    return {"summit": summit, "signing": signing, "ceasefire": ceasefire, "referendum": referendum}


def _labels(response):
    assert response.status_code == 200, response.content
    return [e["label"] for e in response.json()["results"]]


def test_the_timeline_runs_in_date_order_with_undated_events_last(anon_client, events):
    response = anon_client.get("/api/timeline/")

    assert _labels(response) == ["ceasefire began", "charter signed", "summit opens", "referendum held"]
    assert response.json()["count"] == 4


def test_each_timeline_event_carries_its_claims_and_their_sources(anon_client, events):
    response = anon_client.get("/api/timeline/")

    signing = response.json()["results"][1]
    assert (signing["value_start"], signing["value_end"], signing["granularity"], signing["status"]) == ("2008-08-08", "2008-08-08", "day", "consistent")
    [claim] = signing["claims"]
    assert claim["text"] == "August 8, 2008"
    assert claim["sentence"] == "The charter was signed on August 8, 2008."
    assert claim["outlet"] == "Caspian Wire"
    assert (claim["article"]["url"], claim["article"]["title"]) == ("https://a.test/1", "Charter anniversary")
    assert (claim["value_start"], claim["value_end"], claim["granularity"], claim["resolution"], claim["review_status"]) == (
        "2008-08-08",
        "2008-08-08",
        "day",
        "absolute",
        "unreviewed",
    )


def test_a_date_range_keeps_events_that_overlap_it(anon_client, events):
    june_2008 = anon_client.get("/api/timeline/", {"from": "2008-06-01", "to": "2008-06-30"})
    august_2008 = anon_client.get("/api/timeline/", {"from": "2008-08-01", "to": "2008-08-31"})
    since_2009 = anon_client.get("/api/timeline/", {"from": "2009-01-01"})
    until_2008 = anon_client.get("/api/timeline/", {"to": "2008-12-31"})

    assert _labels(june_2008) == ["ceasefire began"]  # the year-long event holds June; the signing day does not
    assert _labels(august_2008) == ["ceasefire began", "charter signed"]
    assert _labels(since_2009) == ["summit opens"]
    assert _labels(until_2008) == ["ceasefire began", "charter signed"]


def test_text_search_matches_labels_and_claims(anon_client, events):
    assert _labels(anon_client.get("/api/timeline/", {"q": "SUMMIT"})) == ["summit opens"]
    assert _labels(anon_client.get("/api/timeline/", {"q": "some point"})) == ["referendum held"]


def test_a_malformed_date_is_a_400(anon_client, events):
    response = anon_client.get("/api/timeline/", {"from": "08/08/2008"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"from": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}


def test_the_timeline_is_paginated(anon_client, events, settings):
    response = anon_client.get("/api/timeline/", {"page": 2})

    assert response.status_code == 404  # one page of 50 holds all four
    first = anon_client.get("/api/timeline/")
    assert set(first.json()) == {"count", "next", "previous", "results"}
    assert first.json()["next"] is None


def test_events_list_in_date_order_with_their_claim_counts(anon_client, events):
    response = anon_client.get("/api/events/")

    rows = [(e["label"], e["claim_count"]) for e in response.json()["results"]]
    assert rows == [("ceasefire began", 1), ("charter signed", 1), ("nobody's event", 0), ("summit opens", 1), ("referendum held", 1)]


def test_events_filter_by_status_label_and_dates(anon_client, events):
    assert _labels(anon_client.get("/api/events/", {"status": "unverified"})) == ["ceasefire began", "referendum held"]
    assert _labels(anon_client.get("/api/events/", {"label": "CHARTER"})) == ["charter signed"]
    assert _labels(anon_client.get("/api/events/", {"from": "2008-08-08", "to": "2009-12-31"})) == ["ceasefire began", "charter signed"]


def test_an_event_reads_with_its_claims_and_findings(anon_client, events):
    signing = events["signing"]
    finding = make_finding(signing, list(signing.claims.all()), kind="weekday_mismatch", severity="low")

    response = anon_client.get(f"/api/events/{signing.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "charter signed"
    assert [c["text"] for c in body["claims"]] == ["August 8, 2008"]
    assert body["findings"] == [{"id": finding.pk, "kind": "weekday_mismatch", "severity": "low", "status": "open", "message": finding.message}]


def test_events_are_read_only(editor_client, events):
    response = editor_client.post("/api/events/", {"label": "made up"}, format="json")

    assert response.status_code == 405
    assert Event.objects.filter(label="made up").count() == 0
