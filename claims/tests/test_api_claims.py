"""GET /api/claims/ and POST /api/claims/{id}/review/."""

from datetime import date

import pytest

from claims.models import Claim
from claims.tests.test_api_fixtures import (  # noqa: F401  (fixtures)
    _fresh_throttles,
    anon_client,
    editor,
    editor_client,
    make_article,
    make_claim,
    make_event,
    viewer,
    viewer_client,
)

pytestmark = pytest.mark.django_db

TEXT_A = "The charter was signed on August 8, 2008. Talks resumed in 2008. The summit is on March 2, 2026."
TEXT_B = "Officials said the charter was signed in August 2008. Nothing else happened."


@pytest.fixture
def claims():
    a = make_article(TEXT_A, outlet="Caspian Wire", url="https://a.test/1")
    b = make_article(TEXT_B, outlet="Baku Daily", url="https://b.test/1")
    signing = make_event("charter signing", date(2008, 8, 8))
    return {
        "day": make_claim(a, "August 8, 2008", date(2008, 8, 8), event=signing),
        "year": make_claim(a, "2008", date(2008, 1, 1), date(2008, 12, 31), granularity="year", after="resumed in "),
        "summit": make_claim(a, "March 2, 2026", date(2026, 3, 2)),
        "month": make_claim(b, "August 2008", date(2008, 8, 1), date(2008, 8, 31), granularity="month", event=signing),
        "event": signing,
    }


def _texts(response):
    assert response.status_code == 200, response.content
    return [c["text"] for c in response.json()["results"]]


def test_claims_list_with_their_sentence_outlet_and_interval(anon_client, claims):
    response = anon_client.get("/api/claims/")

    year = next(c for c in response.json()["results"] if c["text"] == "2008")
    assert year["sentence"] == "Talks resumed in 2008."

    first = response.json()["results"][0]
    assert first["text"] == "August 8, 2008"
    assert first["sentence"] == "The charter was signed on August 8, 2008."
    assert first["outlet"] == "Caspian Wire"
    assert first["article"]["url"] == "https://a.test/1"
    assert (first["value_start"], first["value_end"], first["granularity"]) == ("2008-08-08", "2008-08-08", "day")
    assert first["event"] == claims["event"].pk
    assert first["review_status"] == "unreviewed"


def test_a_date_range_keeps_claims_whose_interval_overlaps_it(anon_client, claims):
    june_2008 = anon_client.get("/api/claims/", {"from": "2008-06-01", "to": "2008-06-30"})
    august_8 = anon_client.get("/api/claims/", {"from": "2008-08-08", "to": "2008-08-08"})
    from_2009 = anon_client.get("/api/claims/", {"from": "2009-01-01"})

    assert _texts(june_2008) == ["2008"]  # the year holds June; the day and the month do not
    assert sorted(_texts(august_8)) == ["2008", "August 2008", "August 8, 2008"]
    assert _texts(from_2009) == ["March 2, 2026"]


def test_claims_filter_by_outlet_granularity_event_and_review_status(anon_client, claims):
    Claim.objects.filter(pk=claims["summit"].pk).update(review_status="verified")

    assert _texts(anon_client.get("/api/claims/", {"outlet": "baku daily"})) == ["August 2008"]
    assert _texts(anon_client.get("/api/claims/", {"granularity": "year"})) == ["2008"]
    assert sorted(_texts(anon_client.get("/api/claims/", {"event": claims["event"].pk}))) == ["August 2008", "August 8, 2008"]
    assert _texts(anon_client.get("/api/claims/", {"review_status": "verified"})) == ["March 2, 2026"]
    assert _texts(anon_client.get("/api/claims/", {"article": claims["month"].article_id})) == ["August 2008"]


def test_a_malformed_filter_is_a_400(anon_client, claims):
    response = anon_client.get("/api/claims/", {"from": "last week", "granularity": "decade"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"from", "granularity"}


def test_claims_come_a_page_at_a_time_by_cursor(anon_client, claims):
    first = anon_client.get("/api/claims/", {"page_size": 3})
    second = anon_client.get(first.json()["next"])

    assert len(first.json()["results"]) == 3
    assert len(second.json()["results"]) == 1
    assert second.json()["next"] is None
    ids = [c["id"] for c in first.json()["results"] + second.json()["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 4


def test_an_editor_verifies_a_claim_and_history_records_who(editor_client, editor, claims):
    claim = claims["day"]

    response = editor_client.post(f"/api/claims/{claim.pk}/review/", {"status": "verified", "note": "matches the treaty text"}, format="json")

    assert response.status_code == 200
    assert response.json()["review_status"] == "verified"
    assert response.json()["reviewed_by"] == "edna"
    claim.refresh_from_db()
    assert (claim.review_status, claim.reviewed_by, claim.review_note) == ("verified", editor, "matches the treaty text")
    assert claim.reviewed_at is not None
    latest = claim.history.first()
    assert (latest.review_status, latest.history_user) == ("verified", editor)
    assert claim.history.count() == 2  # created, then reviewed


def test_a_review_queues_the_checks_again(editor_client, claims, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = editor_client.post(f"/api/claims/{claims['day'].pk}/review/", {"status": "disputed"}, format="json")

    assert response.status_code == 200
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "true"}, "status"),
        ({}, "status"),
        ({"status": "verified", "verdict": "yes"}, "verdict"),
    ],
)
def test_a_bad_review_is_refused_and_the_claim_is_unchanged(editor_client, claims, payload, field):
    claim = claims["day"]

    response = editor_client.post(f"/api/claims/{claim.pk}/review/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    claim.refresh_from_db()
    assert claim.review_status == "unreviewed" and claim.history.count() == 1


def test_anonymous_users_may_not_review(anon_client, claims):
    response = anon_client.post(f"/api/claims/{claims['day'].pk}/review/", {"status": "verified"}, format="json")

    assert response.status_code in (401, 403)
    assert Claim.objects.get(pk=claims["day"].pk).review_status == "unreviewed"


def test_viewers_may_not_review(viewer_client, claims):
    response = viewer_client.post(f"/api/claims/{claims['day'].pk}/review/", {"status": "verified"}, format="json")

    assert response.status_code == 403
    assert response.json()["error"] == "You do not have permission to perform this action."
    assert Claim.objects.get(pk=claims["day"].pk).review_status == "unreviewed"
