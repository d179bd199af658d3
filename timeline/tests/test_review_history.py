"""Every editorial change shows on its object's history page: who, and what before and after."""

from datetime import date

import pytest
from django.test import Client

from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article, make_claim, make_event, make_finding  # noqa: F401
from timeline.models import EntityAlias, Event

pytestmark = pytest.mark.django_db

QUEUE = "/admin/timeline/finding/review/"


@pytest.fixture
def editor_browser(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def desk():
    article = make_article("The ministers signed the accord on May 4, 2026.", outlet="Harbour Ledger", url="https://ledger.example/a")
    other = make_article("The ministers signed the accord on May 5, 2026.", outlet="Quayside Post")
    event = make_event("accord signed", date(2026, 5, 4), date(2026, 5, 5), status="conflicting")
    claims = [make_claim(article, "May 4, 2026", date(2026, 5, 4), event=event), make_claim(other, "May 5, 2026", date(2026, 5, 5), event=event)]
    return {"article": article, "event": event, "claims": claims, "finding": make_finding(event, claims)}


def _history(browser, path: str) -> str:
    response = browser.get(f"/admin/{path}/history/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_a_verdict_shows_on_the_claims_history_with_the_editor_and_before_and_after(editor_browser, desk):
    claim = desk["claims"][0]
    editor_browser.post(f"{QUEUE}claim/{claim.pk}/verify/", {"note": "as signed"})

    page = _history(editor_browser, f"claims/claim/{claim.pk}")

    assert "edna" in page
    assert "<strong>Review status:</strong> unreviewed &nbsp;&rarr;&nbsp;&nbsp;verified" in page
    assert "<strong>Review note:</strong> &nbsp;&rarr;&nbsp;&nbsp;as signed" in page


def test_a_dismissal_shows_on_the_findings_history(editor_browser, desk):
    finding = desk["finding"]
    editor_browser.post(f"{QUEUE}finding/{finding.pk}/dismiss/", {"reason": "same day in local time"})

    page = _history(editor_browser, f"timeline/finding/{finding.pk}")

    assert "edna" in page
    assert "<strong>Status:</strong> open &nbsp;&rarr;&nbsp;&nbsp;dismissed" in page
    assert "same day in local time" in page


def test_a_url_correction_shows_on_the_articles_history(editor_browser, desk):
    article = desk["article"]
    editor_browser.post(f"{QUEUE}article/{article.pk}/url/", {"url": "https://ledger.example/fixed"})

    page = _history(editor_browser, f"claims/article/{article.pk}")

    assert "edna" in page
    assert "<strong>Url:</strong> https://ledger.example/a &nbsp;&rarr;&nbsp;&nbsp;https://ledger.example/fixed" in page


def test_a_split_shows_on_the_new_events_history_and_on_the_moved_claims(editor_browser, desk):
    moved = desk["claims"][1]
    editor_browser.post(f"{QUEUE}event/{desk['event'].pk}/split/", {"claim_ids": moved.pk, "label": "accord ratified"})
    new_event = Event.objects.get(label="accord ratified")

    event_page = _history(editor_browser, f"timeline/event/{new_event.pk}")
    claim_page = _history(editor_browser, f"claims/claim/{moved.pk}")

    assert "edna" in event_page and "Created" in event_page
    assert "edna" in claim_page and "<strong>Event pinned:</strong> False &nbsp;&rarr;&nbsp;&nbsp;True" in claim_page


def test_an_alias_edit_shows_on_the_aliases_history(editor_browser):
    alias = EntityAlias.objects.create(canonical="Harbour Accord", alias="Harbor Accord", kind="document")

    response = editor_browser.post(f"/admin/timeline/entityalias/{alias.pk}/change/", {"canonical": "Harbour Accord", "alias": "the Harbor Accord", "kind": "document"})

    assert response.status_code == 302
    page = _history(editor_browser, f"timeline/entityalias/{alias.pk}")
    assert "edna" in page
    assert "<strong>Alias:</strong> Harbor Accord &nbsp;&rarr;&nbsp;&nbsp;the Harbor Accord" in page
