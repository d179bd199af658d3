"""The API's rate limits: anonymous readers by address, signed-in users by account.

DRF's UserRateThrottle also counts anonymous requests, by address, so with
both of its classes installed every anonymous request paid two counters (two
cache round trips each) under two limits, the lower of which always decides.
Here each request is counted once, under the limit that applies to it.
"""

from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

__all__ = ["AnonRateThrottle", "SignedInRateThrottle"]


class SignedInRateThrottle(UserRateThrottle):
    """FACTDB_THROTTLE_USER for signed-in users; anonymous requests are AnonRateThrottle's alone."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # DRF: no key, no throttling by this class
        return super().get_cache_key(request, view)
