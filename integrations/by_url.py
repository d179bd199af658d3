"""`POST /api/articles/` with a `url` and no `text`: add by URL.

Lives here so that claims/api.py needs one branch and one import; the
request is answered 202 with the FetchRequest and the URL to follow it at.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from claims.published import parse_published_at
from factdb.errors import FactdbError
from integrations.models import FetchRequest
from integrations.pages import DateFrom
from integrations.services import FetchHints, fetch_request_create

_FIELDS = {"url", "outlet", "language", "title", "published_at"}


@extend_schema_serializer(component_name="FetchRequest")
class FetchRequestOut(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    canonical_url = serializers.CharField()
    state = serializers.ChoiceField(choices=FetchRequest.State.choices)
    attempts = serializers.IntegerField()
    last_error = serializers.CharField()
    http_status = serializers.IntegerField(allow_null=True)
    published_from = serializers.CharField()
    article = serializers.IntegerField(source="article_id", allow_null=True)
    feed = serializers.IntegerField(source="feed_id", allow_null=True)
    created_at = serializers.DateTimeField()
    fetched_at = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="FetchRequestQueued")
class FetchQueuedOut(serializers.Serializer):
    fetch = FetchRequestOut()
    status_url = serializers.URLField()


def is_url_only(data) -> bool:
    """True for a body that asks to add a page by its URL rather than send its text."""
    return hasattr(data, "keys") and "url" in data and "text" not in data


def add_by_url(request) -> Response:
    data = request.data
    unknown = sorted(set(data.keys()) - _FIELDS)
    if unknown:
        raise FactdbError(f"unknown fields for add by URL: {', '.join(unknown)}", fields={name: ["unknown field"] for name in unknown})
    values = {name: data.get(name) for name in _FIELDS}
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise FactdbError.on(name, "must be a string")
    published_at, _ = parse_published_at(values["published_at"])
    hints = FetchHints(
        outlet=values["outlet"] or "", language=values["language"] or "en", title=values["title"] or "", published_at=published_at, published_from=DateFrom.GIVEN
    )
    fetch_request, _ = fetch_request_create(url=values["url"] or "", hints=hints)
    return queued_response(request, fetch_request)


def queued_response(request, fetch_request: FetchRequest) -> Response:
    body = {
        "fetch": FetchRequestOut(fetch_request).data,
        "status_url": request.build_absolute_uri(reverse("fetch-detail", args=[fetch_request.pk])),
    }
    finished = fetch_request.state in (FetchRequest.State.DONE, FetchRequest.State.FAILED)
    return Response(body, status=status.HTTP_200_OK if finished else status.HTTP_202_ACCEPTED)
