"""Add by URL, its status, and the exports (ClaimReview, TimelineJS, CSV): thin views."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from claims import api as claims_api
from claims import validation
from claims.api import NewestFirstCursor, StrictCharField, StrictInputSerializer
from claims.filters import ClaimFilter
from claims.models import Claim
from integrations import selectors
from factdb.schema import error_response
from integrations.by_url import FetchQueuedOut, FetchRequestOut, add_by_url, is_url_only, queued_response
from integrations.exports import csvstream
from integrations.exports.claimreview import claim_reviews, review_page, reviewer_of
from integrations.exports.timelinejs import timeline_document
from integrations.models import FetchRequest
from integrations.services import FetchHints, fetch_request_create, fetch_request_retry
from timeline.api import TimelineApi
from timeline.filters import EventFilter, FindingFilter
from timeline.models import Event, Finding
from timeline.selectors import timeline_events

MAX_TIMELINE_EVENTS = 2000  # TimelineJS draws every slide; more than this is no longer a timeline a reader can use
MAX_REVIEWED_FINDINGS = 500


class FetchApi(GenericViewSet):
    """Pages added by URL: fetched by a worker, then stored as articles."""

    queryset = FetchRequest.objects.select_related("article")
    pagination_class = NewestFirstCursor
    serializer_class = FetchRequestOut
    filter_backends = []

    @extend_schema_serializer(component_name="FetchInput")
    class InputSerializer(StrictInputSerializer):
        # The same rules, documented the same way, as a POST /api/articles/ with only a url.
        url = StrictCharField(max_length=validation.MAX_URL, pattern=validation.REQUIRED_URL_PATTERN, explain=validation.url, help_text="http(s) only; stored normalised")
        outlet = StrictCharField(required=False, allow_blank=True, max_length=validation.MAX_OUTLET, default="", pattern=validation.ONE_LINE_PATTERN, explain=validation.outlet)
        language = StrictCharField(required=False, allow_blank=True, max_length=validation.MAX_LANGUAGE, default="en", pattern=validation.LANGUAGE_PATTERN, explain=validation.language)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(FetchRequestOut(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(FetchRequestOut(self.get_object()).data)

    @extend_schema(request=InputSerializer, responses={202: FetchQueuedOut, 200: FetchQueuedOut})
    def create(self, request):
        """Add a page by URL (the same as POST /api/articles/ with only a url)."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        fetch_request, _ = fetch_request_create(url=data["url"], hints=FetchHints(outlet=data["outlet"], language=data["language"] or "en"))
        return queued_response(request, fetch_request)

    @extend_schema(request=None, responses={202: FetchQueuedOut})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Fetch a failed request again."""
        return queued_response(request, fetch_request_retry(request=self.get_object()))


# --- exports ---------------------------------------------------------------------------------


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class CsvRenderer(BaseRenderer):
    """Lets `Accept: text/csv` through content negotiation; the rows themselves are streamed."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach here (a bad filter value): one CSV cell with the message.
        return "error\n" + json.dumps(data, ensure_ascii=False).replace("\n", " ") + "\n"


class ClaimReviewExportApi(APIView):
    """schema.org ClaimReview JSON-LD for each finding an editor has settled: one per claim with a verdict."""

    renderer_classes = [JsonLdRenderer, JSONRenderer]

    class FilterSerializer(serializers.Serializer):  # not strict: ?format= picks the renderer
        # Ids are positive and fit PostgreSQL's bigint; the schema says so, so a client learns it there.
        finding = serializers.IntegerField(required=False, min_value=0, max_value=2**63 - 1, help_text="one finding")
        event = serializers.IntegerField(required=False, min_value=0, max_value=2**63 - 1, help_text="the findings of one event")

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            200: OpenApiResponse(OpenApiTypes.ANY, description="JSON-LD: schema.org ClaimReview objects (a list; empty when none is settled)"),
            404: error_response("No such format (?format= names another renderer)."),
        },
    )
    def get(self, request):
        params = self.FilterSerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        findings = selectors.settled_findings()
        if "finding" in params.validated_data:
            findings = findings.filter(id=params.validated_data["finding"])
        if "event" in params.validated_data:
            findings = findings.filter(event_id=params.validated_data["event"])
        reviewer = reviewer_of(settings)
        absolute = _absolute(request)

        def event_page(event_id):
            return reverse("pages:event-detail", args=[event_id])

        reviews = []
        for finding in findings[:MAX_REVIEWED_FINDINGS]:
            reviews += claim_reviews(finding, review_url=review_page(finding, absolute, event_page), reviewer=reviewer)
        return Response(reviews)


class TimelineJsExportApi(APIView):
    """The timeline (or the part the filters pick) as TimelineJS 3 JSON, each date at its own precision."""

    @extend_schema(
        parameters=[TimelineApi.FilterSerializer],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="TimelineJS 3 JSON: {title, events: [{start_date, end_date, text, media}]}")},
    )
    def get(self, request):
        params = TimelineApi.FilterSerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        args = params.validated_data
        events = timeline_events(date_from=args.get("from"), date_to=args.get("to"), text=args["q"].strip())
        dated = list(events.filter(value_start__isnull=False)[:MAX_TIMELINE_EVENTS])
        undated = events.filter(value_start__isnull=True).count()
        return Response(timeline_document(dated, headline=settings.FACTDB_REVIEWER_NAME + " timeline", undated=undated))


class _CsvExport(GenericAPIView):
    renderer_classes = [JSONRenderer, CsvRenderer]
    pagination_class = None
    filename = ""

    def lines(self, queryset):
        raise NotImplementedError

    def get(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(self.lines(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


_CSV_SCHEMA = {
    "filters": True,
    "responses": {
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, streamed"),
        404: error_response("No such format (?format= names another renderer)."),
    },
}


class ClaimsCsvApi(_CsvExport):
    """Claims as CSV (streamed; any size), with the filters of /api/claims/."""

    queryset = Claim.objects.all()
    filterset_class = ClaimFilter
    filename = "claims.csv"

    def lines(self, queryset):
        return csvstream.claim_lines(selectors.claim_rows(queryset))

    @extend_schema(**_CSV_SCHEMA)
    def get(self, request):
        return super().get(request)


class EventsCsvApi(_CsvExport):
    """Events as CSV (streamed), with the filters of /api/events/."""

    queryset = Event.objects.all()
    filterset_class = EventFilter
    filename = "events.csv"

    def lines(self, queryset):
        return csvstream.event_lines(selectors.event_rows(queryset))

    @extend_schema(**_CSV_SCHEMA)
    def get(self, request):
        return super().get(request)


class FindingsCsvApi(_CsvExport):
    """Findings as CSV (streamed), with the filters of /api/findings/."""

    queryset = Finding.objects.all()
    filterset_class = FindingFilter
    filename = "findings.csv"

    def lines(self, queryset):
        return csvstream.finding_lines(selectors.finding_rows(queryset))

    @extend_schema(**_CSV_SCHEMA)
    def get(self, request):
        return super().get(request)


def _absolute(request):
    base = settings.FACTDB_PUBLIC_URL

    def absolute(path: str) -> str:
        return f"{base}{path}" if base else request.build_absolute_uri(path)

    return absolute



class ArticleApi(claims_api.ArticleApi):
    """The articles API, plus add by URL: a body with a `url` and no `text` is fetched by a worker.

    A subclass here rather than a branch in claims.api, so claims never imports the
    integrations built on top of it.
    """

    @extend_schema(
        request=claims_api.ArticleApi.InputSerializer,
        responses={
            202: PolymorphicProxySerializer(
                component_name="ArticleAccepted",
                serializers=[
                    inline_serializer(
                        "ArticleIngested", {"article": claims_api.ArticleApi.OutputSerializer(), "status_url": serializers.URLField()}
                    ),
                    FetchQueuedOut,  # a url and no text: the page is fetched by a worker
                ],
                resource_type_field_name=None,
            ),
            200: inline_serializer("ArticleAlreadyStored", {"article": claims_api.ArticleApi.OutputSerializer(), "status_url": serializers.URLField()}),
            409: error_response("Another article with different text has this URL."),
            422: error_response("The format is html but the HTML holds no article text."),
        },
    )
    def create(self, request):
        """Ingest an article: 202 when new (follow `status_url` until its status is checked or failed), 200 and the
        stored article when the text is known. With a `url` and no `text`, the page is fetched by a worker:
        202 with the fetch request and its status URL."""
        claims_api._refuse_oversized_body(request)  # before anything reads the body
        if is_url_only(request.data):
            return add_by_url(request)
        return super().create(request)
