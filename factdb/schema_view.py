"""The schema's URL view (apart from factdb.schema, which DRF's settings import before the views exist)."""

import threading

from drf_spectacular.views import SpectacularAPIView


class SchemaView(SpectacularAPIView):
    """/api/schema/, built by one thread at a time.

    drf-spectacular resolves its extension classes lazily on the first build, and not
    thread-safely: two first requests at once in a threaded worker could see a
    half-resolved extension and answer 500 (seen in CI). Schema requests are rare;
    making them take turns costs nothing a reader notices.
    """

    _building = threading.Lock()

    # Around dispatch, not get: get carries drf-spectacular's own schema for this endpoint.
    def dispatch(self, request, *args, **kwargs):
        with self._building:
            return super().dispatch(request, *args, **kwargs)
