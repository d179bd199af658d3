"""The API's rate limits: anonymous readers by address, signed-in users by account.

Two changes from DRF's own classes:

- Each request is counted once, under the limit that applies to it. DRF's
  UserRateThrottle also counts anonymous requests, by address, so with both of
  its classes installed every anonymous request paid two counters under two
  limits, the lower of which always decided.
- A counter per fixed window (INCR), not DRF's list of every request's time
  within the window: that list is read and written back whole on every
  request (pickled), so its cost grows with the limit; a counter is one round
  trip to Redis whatever the limit. The price: across a window's boundary a
  client may send up to twice its limit within one window's length.
"""

from __future__ import annotations

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import AnonRateThrottle as DrfAnonRateThrottle
from rest_framework.throttling import UserRateThrottle

__all__ = ["AnonRateThrottle", "SignedInRateThrottle", "count_request"]


def count_request(key: str, seconds: int) -> int:
    """Add one to the counter `key` (which expires `seconds` after its first request) and return it.

    On Redis one round trip (INCR, then EXPIRE NX: only the first sets the
    expiry); elsewhere (local memory: `make run`, tests) through the cache API.
    """
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        name = cache.make_and_validate_key(key)
        pipe = _redis_client(cache).pipeline(transaction=True)
        pipe.incr(name)
        pipe.expire(name, seconds, nx=True)
        return pipe.execute()[0]
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls: this request starts a new window
        cache.set(key, 1, seconds)
        return 1


def _redis_client(cache: RedisCache):
    """The Redis client of the cache's write connection pool, kept on the cache (one per thread).

    Django's RedisCache has no INCR-with-expiry of its own, and its get_client()
    builds a new client object on every call (a few hundred calls each).
    """
    client = getattr(cache, "_factdb_throttle_client", None)
    if client is None:
        client = cache._factdb_throttle_client = cache._cache.get_client(write=True)
    return client


class _WindowCounter:
    """DRF's SimpleRateThrottle interface, counted per fixed window (see the module's docstring)."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.retry_after = (window + 1) * self.duration - now
        return count_request(f"{self.key}:{window}", self.duration) <= self.num_requests

    def wait(self) -> float:
        return self.retry_after


class AnonRateThrottle(_WindowCounter, DrfAnonRateThrottle):
    """FACTDB_THROTTLE_ANON for anonymous requests, by address."""


class SignedInRateThrottle(_WindowCounter, UserRateThrottle):
    """FACTDB_THROTTLE_USER for signed-in users; anonymous requests are AnonRateThrottle's alone."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # DRF: no key, no throttling by this class
        return super().get_cache_key(request, view)
