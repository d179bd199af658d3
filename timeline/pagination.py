"""Keyset pages over events in timeline order, for the API.

The cursor is the (value_start, id) of the last event shown, so a page costs
the same wherever it is and no COUNT(*) runs. An opaque token rather than
query parameters: clients follow `next` and never build positions themselves.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from timeline.selectors import Position, keyset_page


def encode_position(position: Position) -> str:
    """>>> encode_position(Position(date(2008, 8, 8), 12))
    'MjAwOC0wOC0wOHwxMg'
    """
    raw = f"{position.value_start.isoformat() if position.value_start else ''}|{position.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_position(token: str) -> Position:
    """The position a cursor names; ValueError when it names none."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        start, _, ident = raw.partition("|")
        return Position(date.fromisoformat(start) if start else None, int(ident))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not a cursor: {token!r}") from exc


class TimelineCursor(BasePagination):
    cursor_query_param = "cursor"
    page_size = 25  # events; with their claims' preview, a page is about the size of a claims page
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        self.size = self.page_size_for(request)
        token = request.query_params.get(self.cursor_query_param)
        try:
            after = decode_position(token) if token else None
        except ValueError:
            raise NotFound("Invalid cursor") from None
        # A view whose events are cut to a date range says where the range starts (`since`).
        rows = keyset_page(queryset, after=after, size=self.size, since=getattr(view, "since", None))
        self.has_next = len(rows) > self.size
        self.page = rows[: self.size]
        return self.page

    def page_size_for(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # A junk size is an error, not the default: the client would never learn its request was ignored.
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"must be a whole number from 1 to {self.max_page_size}"]})
        return int(raw)

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        last = self.page[-1]
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, encode_position(Position(last.value_start, last.id)))

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {"next": {"type": "string", "nullable": True, "format": "uri"}, "results": schema},
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query", "description": "the `next` link's cursor", "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query", "description": "events per page (25 by default, at most 200)", "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size}},
        ]
