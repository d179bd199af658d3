"""Paginators that refuse a page size they cannot honour instead of ignoring it.

DRF falls back to the default size on ?page_size=junk, so a client never
learns that its parameter was wrong; here it gets a 400 naming it.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination


class StrictPageNumber(PageNumberPagination):
    """Numbered pages; ?page= must be a whole number from 1 (DRF read ?page= as page 1)."""

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_query_param: ["must be a whole number from 1"]})
        return raw

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class NewestFirstCursor(CursorPagination):
    """For lists that grow without bound: stable under inserts, no COUNT(*)."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"must be a whole number from 1 to {self.max_page_size}"]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters


class OldestFirstCursor(NewestFirstCursor):
    ordering = "id"
