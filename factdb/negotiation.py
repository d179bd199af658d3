"""Content negotiation that treats an empty `?format=` as a format nobody serves."""

from django.http import Http404
from rest_framework.negotiation import DefaultContentNegotiation


class StrictFormatNegotiation(DefaultContentNegotiation):
    """DRF reads `?format=` (empty) as no format at all and answers JSON; the schema lists
    the formats an export offers, so an empty one is refused like any unknown one (404)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        if not format_suffix and name and name in request.query_params and not request.query_params[name]:
            raise Http404("no such format")
        return super().select_renderer(request, renderers, format_suffix)
