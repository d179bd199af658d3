"""The exports: ClaimReview JSON-LD, TimelineJS JSON, streamed CSV. Values asserted, not shapes alone."""

import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from claims.models import Article, Claim
from timeline.summaries import events_refresh_listing
from timeline.models import Event, Finding

pytestmark = pytest.mark.django_db

SENTENCE_2ND = "Ministers signed the Caspian Transit Agreement on March 2, 2026, officials said."
SENTENCE_5TH = "The Caspian Transit Agreement was signed on March 5, 2026, according to the ministry."
PLUS4 = timezone(timedelta(hours=4))


def _article(url, outlet, text, published):
    return Article.objects.create(
        url=url, outlet=outlet, title=text.split(",")[0], raw=text, text=text, content_hash=url.ljust(64, "x")[:64],
        published_at=published, published_utc_offset=240, status="checked",
    )


def _claim(article, expression, start, end, granularity, event, **review):
    at = article.text.index(expression)
    return Claim.objects.create(
        article=article, text=expression, start=at, end=at + len(expression), sentence_start=0, sentence_end=len(article.text),
        value_start=start, value_end=end, granularity=granularity, resolution="absolute", event=event, **review,
    )


@pytest.fixture
def store():
    editor = get_user_model().objects.create_user("checker")
    signing = Event.objects.create(label="Caspian Transit Agreement signed", value_start=date(2026, 3, 2), value_end=date(2026, 3, 2), granularity="day", status="consistent")
    session = Event.objects.create(label="Joint commission first session", value_start=date(2026, 4, 1), value_end=date(2026, 4, 30), granularity="month", status="unverified")
    wire = _article("https://wire.example/pact", "Wire", SENTENCE_2ND + " The commission meets in April 2026.", datetime(2026, 3, 3, 9, 0, tzinfo=PLUS4))
    ledger = _article("https://ledger.example/pact", "Ledger", SENTENCE_5TH, datetime(2026, 3, 6, 10, 0, tzinfo=PLUS4))
    verified = _claim(wire, "March 2, 2026", date(2026, 3, 2), date(2026, 3, 2), "day", signing,
                      review_status="verified", reviewed_by=editor, reviewed_at=datetime(2026, 3, 7, 12, 0, tzinfo=timezone.utc), review_note="The ministry's release says March 2.")
    rejected = _claim(ledger, "March 5, 2026", date(2026, 3, 5), date(2026, 3, 5), "day", signing,
                      review_status="rejected", reviewed_by=editor, reviewed_at=datetime(2026, 3, 7, 12, 5, tzinfo=timezone.utc))
    month = _claim(wire, "April 2026", date(2026, 4, 1), date(2026, 4, 30), "month", session)
    settled = Finding.objects.create(kind="date_conflict", severity="high", message="Sources disagree on the signing date: March 2 vs March 5.",
                                     event=signing, status="resolved", fingerprint="f1", last_seen_at=datetime(2026, 3, 7, tzinfo=timezone.utc),
                                     resolved_at=datetime(2026, 3, 7, 12, 6, tzinfo=timezone.utc))
    settled.claims.set([verified, rejected])
    still_open = Finding.objects.create(kind="date_conflict", severity="low", message="=cmd|' /C calc'!A0", event=session, fingerprint="f2",
                                        last_seen_at=datetime(2026, 3, 7, tzinfo=timezone.utc))
    still_open.claims.set([month])
    events_refresh_listing(event_ids=[signing.id, session.id])  # the counts the timeline lists by, as the pipeline keeps them
    return {"signing": signing, "session": session, "verified": verified, "rejected": rejected, "month": month, "settled": settled, "open": still_open}


def test_claimreview_has_the_fields_googles_fact_check_markup_requires(store, settings):
    settings.FACTDB_REVIEWER_NAME, settings.FACTDB_REVIEWER_URL = "The Fact Desk", "https://desk.example/"
    response = APIClient().get("/api/exports/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    reviews = response.json()
    assert len(reviews) == 2  # the settled finding's two verdicts; the open finding has none to publish
    by_rating = {r["reviewRating"]["alternateName"]: r for r in reviews}
    accurate, inaccurate = by_rating["Accurate"], by_rating["Inaccurate"]
    for review in reviews:
        # Required by Google: claimReviewed, reviewRating (alternateName), url; author recommended.
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and review["url"].startswith("http")
        assert review["url"].endswith(f"/timeline/events/{store['signing'].id}/#finding-{store['settled'].id}")
        assert review["author"] == {"@type": "Organization", "name": "The Fact Desk", "url": "https://desk.example/"}
        assert review["reviewRating"]["bestRating"] == 3 and review["reviewRating"]["worstRating"] == 1
        assert review["itemReviewed"]["@type"] == "Claim"
    assert accurate["claimReviewed"].startswith(SENTENCE_2ND)
    assert accurate["reviewRating"]["ratingValue"] == 3
    assert accurate["reviewBody"] == "The ministry's release says March 2."
    assert accurate["datePublished"] == "2026-03-07"
    appearance = accurate["itemReviewed"]["appearance"]
    assert (appearance["url"], appearance["publisher"]["name"], appearance["datePublished"]) == ("https://wire.example/pact", "Wire", "2026-03-03T09:00:00+04:00")
    assert accurate["itemReviewed"]["author"] == {"@type": "Organization", "name": "Wire"}
    assert (inaccurate["claimReviewed"], inaccurate["reviewRating"]["ratingValue"]) == (SENTENCE_5TH, 1)
    assert inaccurate["reviewBody"] == store["settled"].message  # no note: the finding says why


def test_claimreview_filters_by_finding_and_refuses_bad_ids(store):
    assert APIClient().get(f"/api/exports/claimreview/?finding={store['open'].id}").json() == []
    assert len(APIClient().get(f"/api/exports/claimreview/?finding={store['settled'].id}").json()) == 2
    response = APIClient().get("/api/exports/claimreview/?finding=abc")
    assert response.status_code == 400 and response.json()["fields"] == {"finding": ["A valid integer is required."]}


def _check_timelinejs(document):
    """TimelineJS 3's data rules: every slide has a start_date with a numeric year; month 1-12; a day needs a month; end not before start."""
    assert isinstance(document["events"], list)
    ids = [e["unique_id"] for e in document["events"]]
    assert len(ids) == len(set(ids))
    for event in document["events"]:
        for key in ("start_date", "end_date"):
            if key not in event:
                continue
            parts = event[key]
            assert set(parts) <= {"year", "month", "day"} and isinstance(parts["year"], int)
            assert "day" not in parts or "month" in parts
            assert 1 <= parts.get("month", 1) <= 12
            date(parts["year"], parts.get("month", 1), parts.get("day", 1))
        if "end_date" in event:
            def key(p):
                return (p["year"], p.get("month", 0), p.get("day", 0))
            assert key(event["end_date"]) >= key(event["start_date"])
        assert isinstance(event["text"]["headline"], str) and isinstance(event["text"]["text"], str)


def test_timelinejs_gives_a_month_as_a_month_and_sources_as_links(store):
    document = APIClient().get("/api/exports/timelinejs/").json()
    _check_timelinejs(document)
    slides = {e["unique_id"]: e for e in document["events"]}
    signing, session = slides[f"event-{store['signing'].id}"], slides[f"event-{store['session'].id}"]
    assert signing["start_date"] == {"year": 2026, "month": 3, "day": 2} and "end_date" not in signing
    assert session["start_date"] == {"year": 2026, "month": 4} and "end_date" not in session
    assert signing["media"] == {"url": "https://wire.example/pact", "link": "https://wire.example/pact", "caption": "Ministers signed the Caspian Transit Agreement on March 2", "credit": "Wire"}
    assert '<a href="https://ledger.example/pact">' in signing["text"]["text"]
    assert signing["group"] == "consistent"


def test_timelinejs_takes_the_timeline_filters(store):
    document = APIClient().get("/api/exports/timelinejs/?from=2026-04-10&to=2026-04-12").json()
    assert [e["unique_id"] for e in document["events"]] == [f"event-{store['session'].id}"]
    assert APIClient().get("/api/exports/timelinejs/?from=April").status_code == 400


def _rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_claims_csv_streams_rows_with_the_api_filters(store):
    response = APIClient().get("/api/exports/claims.csv?granularity=day&review_status=verified")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    rows = _rows(response)
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["text"], row["value_start"], row["value_end"], row["granularity"], row["review_status"]) == (
        str(store["verified"].id), "March 2, 2026", "2026-03-02", "2026-03-02", "day", "verified")
    assert (row["outlet"], row["article_url"], row["quoted"], row["event"]) == ("Wire", "https://wire.example/pact", "false", str(store["signing"].id))
    assert row["sentence"].startswith(SENTENCE_2ND)
    assert len(_rows(APIClient().get("/api/exports/claims.csv"))) == 3
    assert APIClient().get("/api/exports/claims.csv?from=not-a-date").status_code == 400


def test_events_and_findings_csv(store):
    events = _rows(APIClient().get("/api/exports/events.csv"))
    assert [(r["label"], r["granularity"], r["value_start"], r["value_end"], r["claim_count"]) for r in events] == [
        ("Caspian Transit Agreement signed", "day", "2026-03-02", "2026-03-02", "2"),
        ("Joint commission first session", "month", "2026-04-01", "2026-04-30", "1"),
    ]
    findings = _rows(APIClient().get("/api/exports/findings.csv?status=open"))
    assert len(findings) == 1
    # A cell a spreadsheet would run as a formula is written as text.
    assert findings[0]["message"] == "'=cmd|' /C calc'!A0"
    assert findings[0]["claims"] == str(store["month"].id)
    settled = _rows(APIClient().get("/api/exports/findings.csv?status=resolved"))[0]
    assert settled["claims"] == f"{store['verified'].id} {store['rejected'].id}"
    assert settled["resolved_at"] == "2026-03-07T12:06:00+00:00"


def test_the_exports_are_in_the_openapi_schema_and_linked_from_the_timeline_page(store):
    schema = APIClient().get("/api/schema/?format=json").json()
    for path in ("/api/exports/claimreview/", "/api/exports/timelinejs/", "/api/exports/claims.csv", "/api/exports/events.csv", "/api/exports/findings.csv", "/api/fetches/{id}/"):
        assert path in schema["paths"], path
    claim_params = {p["name"] for p in schema["paths"]["/api/exports/claims.csv"]["get"]["parameters"]}
    assert {"from", "to", "review_status", "granularity", "outlet", "event"} <= claim_params
    assert "text/csv" in schema["paths"]["/api/exports/claims.csv"]["get"]["responses"]["200"]["content"]
    page = APIClient().get("/timeline/?from=2026-03-01&to=2026-03-31").content.decode()
    assert 'href="/api/exports/timelinejs/?from=2026-03-01&amp;to=2026-03-31' in page
    for path in ("/api/exports/claims.csv", "/api/exports/events.csv", "/api/exports/findings.csv", "/api/exports/claimreview/"):
        assert f'href="{path}' in page, path
