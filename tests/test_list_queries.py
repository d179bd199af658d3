"""Every list and page reads a fixed number of queries, however many rows it shows (issue 13)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.tests.test_api_fixtures import _fresh_throttles, editor, editor_client, make_article, make_claim, make_event, make_finding  # noqa: F401
from timeline.models import Event
from timeline.summaries import events_refresh_listing

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/articles/",
    "/api/claims/",
    "/api/events/",
    "/api/timeline/",
    "/api/findings/",
    "/api/reports/",
    "/api/fetches/",
    "/timeline/",
    "/reports/",
]


def _add_stories(first: int, count: int) -> None:
    """`count` events, each with two articles whose claims disagree by a day, and a finding."""
    for n in range(first, first + count):
        day = date(2020, 1, 1) + timedelta(days=n)
        event = make_event(f"meeting {n}", day, status="conflicting")
        claims = []
        for side in range(2):
            said = day + timedelta(days=side)
            text = f"Meeting {n} took place on {said:%B} {said.day}, {said.year}, source {side} said."
            published = datetime(2021, 1, 1, tzinfo=timezone.utc) + timedelta(hours=n * 2 + side)
            article = make_article(text, outlet=f"Outlet {side}", url=f"https://q.test/{n}/{side}", published_at=published)
            claims.append(make_claim(article, f"{said:%B} {said.day}, {said.year}", said, event=event))
        make_finding(event, claims)
    events_refresh_listing(event_ids=Event.objects.values_list("id", flat=True))


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


@pytest.mark.parametrize("path", LISTS)
def test_a_list_reads_as_many_queries_for_many_rows_as_for_few(editor_client, path):
    _add_stories(0, 2)
    few = _queries(editor_client, path)
    _add_stories(2, 12)
    many = _queries(editor_client, path)

    assert many == few
    assert many <= 8
