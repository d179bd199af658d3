"""/api/reports/ and the run endpoints (/api/reports/run/, /api/checks/run/)."""

from datetime import datetime, timezone

import pytest

from claims.tests.test_api_fixtures import (  # noqa: F401  (fixtures)
    _fresh_throttles,
    anon_client,
    editor,
    editor_client,
    viewer,
    viewer_client,
)
from timeline.models import ConsistencyReport

pytestmark = pytest.mark.django_db


def _report(key: str, day: int, **extra) -> ConsistencyReport:
    return ConsistencyReport.objects.create(
        period_key=key,
        period_end=datetime(2026, 3, day, 2, 0, tzinfo=timezone.utc),
        counts={"new": day, "still_open": 0, "resolved": 0},
        text=f"factdb consistency report {key}\n",
        **extra,
    )


def test_reports_list_newest_first_without_their_text(anon_client):
    _report("2026-03-01", 1)
    _report("2026-03-02", 2)

    response = anon_client.get("/api/reports/")

    assert response.status_code == 200
    assert [r["period_key"] for r in response.json()["results"]] == ["2026-03-02", "2026-03-01"]
    assert response.json()["count"] == 2
    assert "text" not in response.json()["results"][0]


def test_the_latest_report_reads_with_its_text(anon_client):
    _report("2026-03-01", 1)
    _report("2026-03-02", 2)

    response = anon_client.get("/api/reports/latest/")

    assert response.status_code == 200
    assert (response.json()["period_key"], response.json()["text"], response.json()["counts"]["new"]) == (
        "2026-03-02",
        "factdb consistency report 2026-03-02\n",
        2,
    )
    assert response.json()["new_findings"] == []


def test_there_is_no_latest_report_before_the_first(anon_client):
    response = anon_client.get("/api/reports/latest/")

    assert response.status_code == 404
    assert response.json() == {"error": "no consistency report yet", "fields": {}}


def test_an_editor_queues_the_report_and_follows_it_to_the_stored_report(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = editor_client.post("/api/reports/run/", format="json")
    with django_capture_on_commit_callbacks(execute=True):
        again = editor_client.post("/api/reports/run/", format="json")

    assert first.status_code == again.status_code == 202
    run = editor_client.get(first.json()["status_url"]).json()
    # Tasks run in process here, so the run is over by the time the 202 is answered.
    assert (run["kind"], run["state"], run["error"]) == ("report", "done", "")
    report = editor_client.get(f"/api/reports/{run['result']['report_id']}/").json()
    assert report["status"] == "ok"
    assert report["text"].startswith(f"factdb consistency report {report['period_key']}")
    # one report per day, however often it runs
    assert editor_client.get(again.json()["status_url"]).json()["result"] == {"report_id": report["id"], "created": False}
    assert ConsistencyReport.objects.count() == 1


def test_an_editor_queues_the_checks_and_gets_a_status_url(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = editor_client.post("/api/checks/run/", format="json")

    assert response.status_code == 202
    body = response.json()
    assert (body["kind"], body["state"]) == ("check", "queued")
    assert body["status_url"] == f"http://testserver/api/runs/{body['id']}/"
    assert len(callbacks) == 1
    assert editor_client.get(body["status_url"]).json()["state"] == "queued"


@pytest.mark.parametrize("path", ["/api/reports/run/", "/api/checks/run/"])
def test_viewers_and_anonymous_users_may_not_run_anything(anon_client, viewer_client, path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        anonymous = anon_client.post(path, format="json")
        as_viewer = viewer_client.post(path, format="json")

    assert anonymous.status_code in (401, 403)
    assert as_viewer.status_code == 403
    assert callbacks == []
    assert ConsistencyReport.objects.count() == 0


def test_the_openapi_schema_generates(anon_client):
    response = anon_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/articles/", "/api/claims/{id}/review/", "/api/timeline/", "/api/reports/latest/", "/api/checks/run/"} <= set(paths)
