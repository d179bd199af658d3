"""Each API request is counted once, under the limit that applies to it, by one counter.

GIVEN limits of 2 requests a minute for anonymous readers and 4 for signed-in
users WHEN a reader goes past theirs THEN the next request is 429 with a
Retry-After of the window's remaining seconds; one counter per client, not
two; on Redis (as in production) as in local memory.
"""

import os

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.tests.test_api_fixtures import _fresh_throttles, editor, editor_client  # noqa: F401
from factdb.throttling import AnonRateThrottle, SignedInRateThrottle, count_request

NOW = 1_800_000_030.0  # 30 s into a minute


@pytest.fixture
def low_limits(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    monkeypatch.setattr(SignedInRateThrottle, "THROTTLE_RATES", {"user": "4/minute"})
    monkeypatch.setattr(AnonRateThrottle, "timer", staticmethod(lambda: NOW))
    monkeypatch.setattr(SignedInRateThrottle, "timer", staticmethod(lambda: NOW))


@pytest.fixture(params=["local memory", "redis"])
def each_cache(request, settings):
    if request.param == "redis":
        url = os.environ.get("CACHE_URL") or os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "test-throttle"}}
    cache.clear()
    yield request.param
    cache.clear()


WINDOW = int(NOW // 60)


@pytest.mark.django_db
def test_an_anonymous_reader_is_counted_once_under_the_anonymous_limit(low_limits, each_cache):
    client = APIClient()

    responses = [client.get("/api/events/") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[2]["Retry-After"] == "30"
    assert cache.get(f"throttle_anon_127.0.0.1:{WINDOW}") == 3
    assert cache.get(f"throttle_user_127.0.0.1:{WINDOW}") is None  # no second counter for the same reader


@pytest.mark.django_db
def test_a_signed_in_user_is_counted_under_the_user_limit(low_limits, each_cache, editor_client, editor):  # noqa: F811
    codes = [editor_client.get("/api/events/").status_code for _ in range(5)]

    assert codes == [200, 200, 200, 200, 429]
    assert cache.get(f"throttle_user_{editor.pk}:{WINDOW}") == 5
    assert cache.get(f"throttle_anon_127.0.0.1:{WINDOW}") is None


@pytest.mark.django_db
def test_a_counter_expires_with_its_window(each_cache):
    assert [count_request("throttle_test:1", 60) for _ in range(3)] == [1, 2, 3]
    if each_cache == "redis":
        from django.core.cache import caches

        backend = caches["default"]
        name = backend.make_and_validate_key("throttle_test:1")
        assert 0 < backend._cache.get_client(name).ttl(name) <= 60  # set by the first request, not pushed back by later ones
