"""The editors' admin for events, findings, reports and aliases."""

from datetime import date, datetime, timezone

import pytest
from django.test import Client

from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article, make_claim, make_event, make_finding  # noqa: F401
from timeline.models import ConsistencyReport, EntityAlias, Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_browser(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def finding():
    a = make_article("The charter was signed on August 8, 2008.", outlet="Caspian Wire")
    b = make_article("The charter was signed on August 9, 2008.", outlet="Baku Daily")
    signing = make_event("charter signed", date(2008, 8, 8), date(2008, 8, 9), status="conflicting")
    claims = [make_claim(a, "August 8, 2008", date(2008, 8, 8), event=signing), make_claim(b, "August 9, 2008", date(2008, 8, 9), event=signing)]
    return make_finding(signing, claims, message="Caspian Wire says 2008-08-08, Baku Daily 2008-08-09")


def test_a_finding_page_quotes_every_side(editor_browser, finding):
    response = editor_browser.get(f"/admin/timeline/finding/{finding.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Caspian Wire" in page and "Baku Daily" in page
    assert "The charter was signed on August 9, 2008." in page


def test_the_dismiss_action_records_the_reason_and_the_editor(editor_browser, editor, finding):
    editor_browser.post("/admin/timeline/finding/", {"action": "dismiss", "_selected_action": [finding.pk], "reason": "same day, different zones"})

    finding.refresh_from_db()
    assert (finding.status, finding.dismissed_by, finding.dismiss_reason) == ("dismissed", editor, "same day, different zones")
    assert finding.history.first().history_user == editor


def test_dismissing_without_a_reason_changes_nothing_and_says_why(editor_browser, finding):
    response = editor_browser.post("/admin/timeline/finding/", {"action": "dismiss", "_selected_action": [finding.pk], "reason": ""}, follow=True)

    assert "say why the finding is a false alarm" in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == "open"


def test_the_reopen_action_reopens(editor_browser, editor, finding):
    Finding.objects.filter(pk=finding.pk).update(status="dismissed", dismissed_by=editor, dismiss_reason="no")

    editor_browser.post("/admin/timeline/finding/", {"action": "reopen", "_selected_action": [finding.pk]})

    finding.refresh_from_db()
    assert (finding.status, finding.dismiss_reason) == ("open", "")


def test_an_event_lists_its_claims_and_unpinning_one_goes_through_the_service(editor_browser, finding, django_capture_on_commit_callbacks):
    event = finding.event
    claims = list(event.claims.order_by("id"))
    page = editor_browser.get(f"/admin/timeline/event/{event.pk}/change/")
    assert page.status_code == 200 and "Baku Daily" in page.content.decode()

    form = {
        "label": event.label,
        "claims-TOTAL_FORMS": "2",
        "claims-INITIAL_FORMS": "2",
        "claims-MIN_NUM_FORMS": "0",
        "claims-MAX_NUM_FORMS": "1000",
        "claims-0-id": claims[0].pk,
        "claims-0-event": event.pk,
        "claims-0-event_pinned": "on",
        "claims-1-id": claims[1].pk,
        "claims-1-event": event.pk,
    }
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = editor_browser.post(f"/admin/timeline/event/{event.pk}/change/", form)

    assert response.status_code == 302, response.content.decode()[:3000]
    claims[0].refresh_from_db()
    claims[1].refresh_from_db()
    assert (claims[0].event_pinned, claims[1].event_pinned) == (True, False)
    assert len(callbacks) == 1  # only the changed claim queued a re-check
    assert claims[0].history.first().history_user.username == "edna"


def test_a_report_shows_its_text_and_cannot_be_edited(editor_browser):
    report = ConsistencyReport.objects.create(period_key="2026-03-02", period_end=datetime(2026, 3, 2, 2, tzinfo=timezone.utc), text="factdb consistency report 2026-03-02\nNew:\n  none\n")

    response = editor_browser.get(f"/admin/timeline/consistencyreport/{report.pk}/change/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "factdb consistency report 2026-03-02" in page
    assert 'type="submit" value="Save"' not in page


def test_an_editor_adds_an_alias(editor_browser):
    response = editor_browser.post("/admin/timeline/entityalias/add/", {"canonical": "J.D. Vance", "alias": "JD Vance", "kind": "person"})

    assert response.status_code == 302
    alias = EntityAlias.objects.get(alias="JD Vance")
    assert (alias.canonical, alias.kind, alias.history.count()) == ("J.D. Vance", "person", 1)


@pytest.mark.parametrize("model", ["event", "finding", "consistencyreport", "entityalias"])
def test_every_change_list_opens_for_an_editor(editor_browser, finding, model):
    assert editor_browser.get(f"/admin/timeline/{model}/").status_code == 200


def test_an_editor_renames_an_event_in_the_admin_and_the_name_is_locked(editor_browser, finding):
    event = finding.event
    claims = list(event.claims.order_by("id"))
    form = {
        "label": "Charter signing in the capital",
        "claims-TOTAL_FORMS": str(len(claims)),
        "claims-INITIAL_FORMS": str(len(claims)),
        "claims-MIN_NUM_FORMS": "0",
        "claims-MAX_NUM_FORMS": "1000",
    }
    for n, claim in enumerate(claims):
        form[f"claims-{n}-id"] = claim.pk
        form[f"claims-{n}-event"] = event.pk
        if claim.event_pinned:
            form[f"claims-{n}-event_pinned"] = "on"
    response = editor_browser.post(f"/admin/timeline/event/{event.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.label, event.label_locked) == ("Charter signing in the capital", True)
