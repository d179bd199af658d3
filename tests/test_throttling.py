"""Each API request is counted once, under the limit that applies to it.

GIVEN limits of 2 requests a minute for anonymous readers and 4 for signed-in
users WHEN a reader goes past theirs THEN the next request is 429 with a
Retry-After; the cache holds one counter per client, not two.
"""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.tests.test_api_fixtures import _fresh_throttles, editor, editor_client  # noqa: F401
from factdb.throttling import AnonRateThrottle, SignedInRateThrottle


@pytest.fixture
def low_limits(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    monkeypatch.setattr(SignedInRateThrottle, "THROTTLE_RATES", {"user": "4/minute"})


@pytest.mark.django_db
def test_an_anonymous_reader_is_counted_once_under_the_anonymous_limit(low_limits):
    client = APIClient()

    codes = [client.get("/api/events/").status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert SignedInRateThrottle().get_cache_key(type("R", (), {"user": None})(), None) is None
    assert cache.get("throttle_anon_127.0.0.1") is not None and len(cache.get("throttle_anon_127.0.0.1")) == 2
    assert cache.get("throttle_user_127.0.0.1") is None  # no second counter for the same reader


@pytest.mark.django_db
def test_a_signed_in_user_is_counted_under_the_user_limit(low_limits, editor_client, editor):  # noqa: F811
    codes = [editor_client.get("/api/events/").status_code for _ in range(5)]

    assert codes == [200, 200, 200, 200, 429]
    assert len(cache.get(f"throttle_user_{editor.pk}")) == 4
    assert cache.get("throttle_anon_127.0.0.1") is None
