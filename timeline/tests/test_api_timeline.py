"""GET /api/timeline/ and /api/events/: events in date order with their claims."""

from datetime import date, datetime, timezone

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
from timeline.summaries import events_refresh_conflict_flags, events_refresh_listing

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
    events_refresh_listing(event_ids=Event.objects.values_list("id", flat=True))  # what the pipeline keeps on each event
    return {"summit": summit, "signing": signing, "ceasefire": ceasefire, "referendum": referendum}


def _labels(response):
    assert response.status_code == 200, response.content
    return [e["label"] for e in response.json()["results"]]


def test_the_timeline_runs_in_date_order_with_undated_events_last(anon_client, events):
    response = anon_client.get("/api/timeline/")

    assert _labels(response) == ["ceasefire began", "charter signed", "summit opens", "referendum held"]
    assert set(response.json()) == {"next", "results"}  # a keyset page: nothing is counted


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


def test_the_timeline_pages_by_keyset_across_the_undated_events(anon_client, events):
    labels, url, pages = [], "/api/timeline/?page_size=1", 0
    while url:
        body = anon_client.get(url).json()
        labels += [e["label"] for e in body["results"]]
        url, pages = body["next"], pages + 1

    assert labels == ["ceasefire began", "charter signed", "summit opens", "referendum held"]
    assert pages == 4


def test_a_page_of_two_ends_where_the_next_begins(anon_client, events):
    first = anon_client.get("/api/timeline/", {"page_size": 2}).json()
    second = anon_client.get(first["next"]).json()

    assert [e["label"] for e in first["results"]] == ["ceasefire began", "charter signed"]
    assert [e["label"] for e in second["results"]] == ["summit opens", "referendum held"]
    assert second["next"] is None


def test_a_made_up_cursor_is_a_404(anon_client, events):
    response = anon_client.get("/api/timeline/", {"cursor": "not-a-cursor"})

    assert response.status_code == 404


def test_a_range_that_ends_before_it_starts_holds_no_events(anon_client, events):
    response = anon_client.get("/api/timeline/", {"from": "2009-01-01", "to": "2008-01-01"})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_junk_page_size_is_refused(anon_client, events):
    response = anon_client.get("/api/timeline/", {"page_size": "AAA"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"page_size": ["must be a whole number from 1 to 200"]}


def test_the_timeline_filters_by_status_and_open_findings(anon_client, events):
    make_finding(events["signing"], list(events["signing"].claims.all()))
    events_refresh_conflict_flags(event_ids=[e.id for e in events.values()])

    assert _labels(anon_client.get("/api/timeline/", {"status": "unverified"})) == ["ceasefire began", "referendum held"]
    assert _labels(anon_client.get("/api/timeline/", {"conflict": "true"})) == ["charter signed"]
    assert _labels(anon_client.get("/api/timeline/", {"conflict": "false"})) == ["ceasefire began", "summit opens", "referendum held"]
    signing = anon_client.get("/api/timeline/", {"conflict": "true"}).json()["results"][0]
    assert (signing["claim_count"], signing["outlet_count"], signing["has_open_conflict"]) == (1, 1, True)


def test_text_search_matches_sentences_and_article_titles(anon_client, events):
    assert _labels(anon_client.get("/api/timeline/", {"q": "ceasefire"})) == ["ceasefire began"]
    # The article's title is every one of its events' text.
    assert _labels(anon_client.get("/api/timeline/", {"q": "anniversary"})) == ["ceasefire began", "charter signed", "summit opens", "referendum held"]
    assert _labels(anon_client.get("/api/timeline/", {"q": "armistice"})) == []


def test_the_timeline_reads_a_constant_number_of_queries(anon_client, events, django_assert_max_num_queries):
    # One for the dated events, one for the undated ones, one for all their claims with their articles' summaries.
    with django_assert_max_num_queries(3):
        response = anon_client.get("/api/timeline/")
    assert len(response.json()["results"]) == 4
    # With words, PostgreSQL first probes whether they match before it would fall back to similar labels;
    # with a start date, the events begun before it are one query and the rest another (keyset_page).
    with django_assert_max_num_queries(5):
        anon_client.get("/api/timeline/", {"q": "summit", "from": "2000-01-01"})


def test_events_list_reads_a_constant_number_of_queries(anon_client, events, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        anon_client.get("/api/events/")
    # On PostgreSQL the ranked matches are one query (its rank pool a subquery); a word that
    # matches nothing is a second, for similar labels.
    with django_assert_max_num_queries(1):
        assert _labels(anon_client.get("/api/events/", {"q": "summit"})) == ["summit opens"]
    with django_assert_max_num_queries(2):
        anon_client.get("/api/events/", {"q": "sumit"})


def test_events_search_finds_the_best_matches(anon_client, events):
    response = anon_client.get("/api/events/", {"q": "charter signed"})

    assert response.json()["next"] is None
    assert _labels(response)[0] == "charter signed"


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


def test_the_timeline_renders_claims_as_the_claim_serializer_does(anon_client, events, editor):
    from claims.services import claim_review
    from timeline.api import TimelineClaimSerializer, claim_out
    from timeline.selectors import claim_rows_by_event, claims_by_event

    [claim] = events["signing"].claims.all()
    claim.article.published_at, claim.article.published_utc_offset = datetime(2008, 8, 9, 5, 30, tzinfo=timezone.utc), 240
    claim.article.save()
    claim_review(claim=claim, editor=editor, status="verified", note="checked against the treaty text")
    ids = [e.id for e in events.values()]

    fast = {e: [claim_out(row) for row in rows] for e, rows in claim_rows_by_event(ids).items()}
    signed_in = type("Request", (), {"user": editor})()
    slow = {e: TimelineClaimSerializer(claims, many=True, context={"request": signed_in}).data for e, claims in claims_by_event(ids).items()}

    assert fast == slow
    assert fast[events["signing"].id][0]["article"]["published_at"] == "2008-08-09T09:30:00+04:00"
    assert fast[events["signing"].id][0]["reviewed_by"] == "edna"
    assert claim_out(claim_rows_by_event(ids)[events["signing"].id][0], show_editors=False)["reviewed_by"] is None


def test_a_big_event_shows_a_preview_of_its_claims_with_every_date_its_sources_give(anon_client):
    """Eight sources, seven say March 2 and the last one March 3: a page lists five claims,
    the disagreeing one among them, in reading order; the event's own page lists all eight."""
    summit = make_event("summit opens", date(2026, 3, 2), status="conflicting")
    for n in range(8):
        day = date(2026, 3, 3) if n == 7 else date(2026, 3, 2)
        published = datetime(2026, 3, 1, 8 + n, tzinfo=timezone.utc)
        phrase = "March 3, 2026" if n == 7 else "March 2, 2026"
        article = make_article(f"The summit opens on {phrase}, source {n} says.", outlet=f"Outlet {n}", url=f"https://o{n}.test/a", published_at=published)
        make_claim(article, phrase, day, event=summit)
    events_refresh_listing(event_ids=[summit.id])

    [event] = anon_client.get("/api/timeline/").json()["results"]

    assert event["claim_count"] == 8
    assert [(c["value_start"], c["outlet"]) for c in event["claims"]] == [
        ("2026-03-02", "Outlet 0"),
        ("2026-03-02", "Outlet 1"),
        ("2026-03-02", "Outlet 2"),
        ("2026-03-02", "Outlet 3"),
        ("2026-03-03", "Outlet 7"),
    ]
    assert len(anon_client.get(f"/api/events/{summit.id}/").json()["claims"]) == 8


def test_a_timeline_page_holds_25_events_unless_asked_for_more(anon_client):
    for n in range(30):
        article = make_article(f"Meeting number {n} was held.", url=f"https://m.test/{n}")
        event = make_event(f"meeting {n:02d}", date(2020, 1, 1 + n))
        make_claim(article, "Meeting", date(2020, 1, 1 + n), event=event)
    events_refresh_listing(event_ids=Event.objects.values_list("id", flat=True))

    first = anon_client.get("/api/timeline/").json()
    rest = anon_client.get(first["next"]).json()

    assert [e["label"] for e in first["results"]] == [f"meeting {n:02d}" for n in range(25)]
    assert [e["label"] for e in rest["results"]] == [f"meeting {n:02d}" for n in range(25, 30)] and rest["next"] is None
    assert len(anon_client.get("/api/timeline/", {"page_size": 30}).json()["results"]) == 30


def test_a_date_range_keeps_events_begun_before_it_first_and_pages_through_the_rest(anon_client):
    """A year-long event begun before the range, a month begun before it, days inside it: in timeline order."""
    specs = [
        ("year 2019", date(2019, 1, 1), date(2019, 12, 31), "year"),  # ends before the range: out
        ("year 2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
        ("december into january", date(2019, 12, 20), date(2020, 1, 5), "day"),
        *[(f"day {n}", date(2020, 1, n), date(2020, 1, n), "day") for n in (2, 3, 4)],
        ("february", date(2020, 2, 1), date(2020, 2, 29), "month"),  # starts after the range: out
    ]
    for n, (label, start, end, granularity) in enumerate(specs):
        article = make_article(f"Report {n}: the {label} happened.", url=f"https://r.test/{n}")
        event = make_event(label, start, end, granularity=granularity)
        make_claim(article, label, start, end, granularity=granularity, event=event)
    events_refresh_listing(event_ids=Event.objects.values_list("id", flat=True))

    first = anon_client.get("/api/timeline/", {"from": "2020-01-02", "to": "2020-01-31", "page_size": 2}).json()
    rest = anon_client.get(first["next"]).json()

    assert [e["label"] for e in first["results"]] == ["december into january", "year 2020"]
    assert [e["label"] for e in rest["results"]] == ["day 2", "day 3"]
    assert [e["label"] for e in anon_client.get(rest["next"]).json()["results"]] == ["day 4"]


def test_lists_render_events_as_their_documented_serializers_do(anon_client, editor_client, events):
    """The lists build their rows by hand (event_out, claim_out) for speed: the same JSON as the serializers the schema documents."""
    from timeline.api import EventApi, TimelineApi
    from timeline.selectors import event_list, preview_rows_by_event

    assert anon_client.get("/api/events/").json()["results"] == EventApi.OutputSerializer(event_list(), many=True).data
    for client in (anon_client, editor_client):
        response = client.get("/api/timeline/")
        shown = Event.objects.filter(id__in=[e["id"] for e in response.json()["results"]])
        page = sorted(shown, key=lambda e: (e.value_start is None, e.value_start or date.min, e.id))
        rows = preview_rows_by_event(page)
        for event in page:
            event.timeline_claims = rows.get(event.id, [])
        request = response.wsgi_request
        assert response.json()["results"] == TimelineApi.OutputSerializer(page, many=True, context={"request": request}).data
