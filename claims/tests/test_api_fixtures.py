"""Rows and users for the API and admin tests, built with the ORM.

The read endpoints are tested against stored rows rather than against what
the extractor happens to find, so these tests say what the API does whatever
the extractor's details. (Fixtures live here, imported by the test modules,
until they move to a conftest.py.)
"""

from datetime import date, datetime, timezone

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import Article, Claim
from claims.services import content_hash
from timeline.models import Event, Finding


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counters live in the cache; one test's requests must not throttle the next.
    cache.clear()


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(username=username, password="pw-for-tests-only", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("edna", "Editors", is_staff=True)


@pytest.fixture
def viewer(db):
    return make_user("vic", "Viewers", is_staff=True)


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture
def editor_client(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


@pytest.fixture
def viewer_client(viewer):
    client = APIClient()
    client.force_authenticate(viewer)
    return client


def make_article(text: str, *, outlet: str = "Daily Test", url: str | None = None, title: str = "", published_at: datetime | None = None) -> Article:
    return Article.objects.create(
        url=url,
        outlet=outlet,
        title=title or text.split(".")[0][:80],
        published_at=published_at,
        published_utc_offset=int(published_at.utcoffset().total_seconds() // 60) if published_at else None,
        raw=text,
        text=text,
        content_hash=content_hash(text),
        status=Article.Status.CHECKED,
    )


def make_claim(
    article: Article,
    phrase: str,
    start_day: date | None,
    end_day: date | None = None,
    *,
    granularity: str = "day",
    resolution: str = "absolute",
    event: Event | None = None,
    after: str = "",
) -> Claim:
    """A claim on `phrase` where it first occurs (after `after`); its sentence is the one holding it."""
    start = article.text.index(phrase, article.text.index(after) + len(after) if after else 0)
    sentence_start = article.text.rfind(". ", 0, start) + 2 if ". " in article.text[:start] else 0
    sentence_end = article.text.find(".", start + len(phrase)) + 1 or len(article.text)
    return Claim.objects.create(
        article=article,
        text=phrase,
        start=start,
        end=start + len(phrase),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        value_start=start_day,
        value_end=end_day or start_day,
        granularity=granularity,
        resolution=resolution,
        event=event,
    )


def make_event(label: str, start_day: date | None, end_day: date | None = None, *, granularity: str = "day", status: str = "consistent") -> Event:
    return Event.objects.create(
        key=label.lower().replace(" ", "-"),
        label=label,
        value_start=start_day,
        value_end=end_day or start_day,
        granularity=granularity if start_day else "",
        status=status,
    )


def make_finding(event: Event, claims: list[Claim], *, kind: str = "date_conflict", severity: str = "high", message: str = "") -> Finding:
    finding = Finding.objects.create(
        kind=kind,
        severity=severity,
        message=message or f"sources disagree on when {event.label} happened",
        event=event,
        fingerprint=f"{kind}-{event.pk}-{'-'.join(str(c.pk) for c in claims)}",
        last_seen_at=datetime(2026, 3, 4, tzinfo=timezone.utc),
    )
    finding.claims.set(claims)
    return finding
