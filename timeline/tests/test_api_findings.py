"""/api/findings/: where sources disagree, and editors dismissing false alarms."""

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
    viewer,
    viewer_client,
)
from timeline.models import Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflict():
    a = make_article("The charter was signed on August 8, 2008, the ministry said.", outlet="Caspian Wire")
    b = make_article("The charter, signed on August 9, 2008, took effect later.", outlet="Baku Daily")
    signing = make_event("charter signed", date(2008, 8, 8), date(2008, 8, 9), status="conflicting")
    claims = [make_claim(a, "August 8, 2008", date(2008, 8, 8), event=signing), make_claim(b, "August 9, 2008", date(2008, 8, 9), event=signing)]
    return make_finding(signing, claims, kind="date_conflict", severity="high", message="Caspian Wire says 2008-08-08, Baku Daily 2008-08-09")


@pytest.fixture
def minor(conflict):
    return make_finding(conflict.event, list(conflict.claims.all())[:1], kind="weekday_mismatch", severity="low", message="August 8, 2008 was a Friday")


def _ids(response):
    assert response.status_code == 200, response.content
    return [f["id"] for f in response.json()["results"]]


def test_findings_list_newest_first_by_cursor(anon_client, conflict, minor):
    first = anon_client.get("/api/findings/", {"page_size": 1})
    second = anon_client.get(first.json()["next"])

    assert _ids(first) == [minor.pk]
    assert _ids(second) == [conflict.pk]
    assert set(first.json()) == {"next", "previous", "results"}


def test_findings_filter_by_kind_severity_status_and_event(anon_client, conflict, minor):
    Finding.objects.filter(pk=minor.pk).update(status="dismissed")

    assert _ids(anon_client.get("/api/findings/", {"kind": "date_conflict"})) == [conflict.pk]
    assert _ids(anon_client.get("/api/findings/", {"severity": "low"})) == [minor.pk]
    assert _ids(anon_client.get("/api/findings/", {"status": "open"})) == [conflict.pk]
    assert _ids(anon_client.get("/api/findings/", {"event": conflict.event_id})) == [minor.pk, conflict.pk]


def test_a_finding_shows_every_side_with_outlet_and_quote(anon_client, conflict):
    response = anon_client.get(f"/api/findings/{conflict.pk}/")

    body = response.json()
    assert (body["kind"], body["severity"], body["status"], body["event"]) == ("date_conflict", "high", "open", conflict.event_id)
    assert [(c["outlet"], c["text"], c["sentence"]) for c in body["claims"]] == [
        ("Caspian Wire", "August 8, 2008", "The charter was signed on August 8, 2008, the ministry said."),
        ("Baku Daily", "August 9, 2008", "The charter, signed on August 9, 2008, took effect later."),
    ]


def test_an_editor_dismisses_a_finding_with_a_reason(editor_client, editor, conflict):
    response = editor_client.post(f"/api/findings/{conflict.pk}/dismiss/", {"reason": "the 9th is local time in Baku"}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["dismissed_by"]) == ("dismissed", "edna")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.dismissed_by, conflict.dismiss_reason) == ("dismissed", editor, "the 9th is local time in Baku")
    assert conflict.history.first().history_user == editor


def test_dismissing_without_a_reason_is_refused(editor_client, conflict):
    response = editor_client.post(f"/api/findings/{conflict.pk}/dismiss/", {"reason": "  "}, format="json")

    assert response.status_code == 400
    assert response.json() == {"error": "reason: say why the finding is a false alarm", "fields": {"reason": ["say why the finding is a false alarm"]}}
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_an_editor_reopens_a_dismissed_finding(editor_client, editor, conflict):
    Finding.objects.filter(pk=conflict.pk).update(status="dismissed", dismissed_by=editor, dismiss_reason="no")

    response = editor_client.post(f"/api/findings/{conflict.pk}/reopen/", format="json")

    assert response.status_code == 200
    conflict.refresh_from_db()
    assert (conflict.status, conflict.dismissed_by, conflict.dismiss_reason) == ("open", None, "")


@pytest.mark.parametrize("action", ["dismiss", "reopen"])
def test_viewers_and_anonymous_users_may_not_change_findings(anon_client, viewer_client, conflict, action):
    for client in (anon_client, viewer_client):
        response = client.post(f"/api/findings/{conflict.pk}/{action}/", {"reason": "because"}, format="json")
        assert response.status_code in (401, 403)
    conflict.refresh_from_db()
    assert conflict.status == "open" and conflict.history.count() == 1
