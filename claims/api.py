"""The articles and claims API: thin views over claims.services.

Each view parses its input with a nested InputSerializer, calls one service
and renders with a nested OutputSerializer. Errors from the services
(FactdbError) become 400 {"error", "fields"} in factdb.api_errors.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field, extend_schema_serializer, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from claims.filters import ArticleFilter, ClaimFilter
from claims.models import Article, Claim
from claims.published import parse_published_at
from claims.services import ArticleIn, article_ingest, article_set_published_at, claim_review
from factdb.errors import FactdbError
from integrations.by_url import FetchQueuedOut, add_by_url, is_url_only
from timeline.analysis.types import ReviewStatus

# --- shared by claims.api and timeline.api -------------------------------------------------


class StrictInputSerializer(serializers.Serializer):
    """An input serializer that names the fields it does not know instead of ignoring them.

    A typo ("publshed_at") silently dropped would store an article without its
    publication time, and every relative date in it would stay unresolved.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise FactdbError(f"unknown fields: {', '.join(unknown)}", fields={name: ["unknown field"] for name in unknown})
        return super().to_internal_value(data)


class NewestFirstCursor(CursorPagination):
    """For lists that grow without bound: stable under inserts, no COUNT(*)."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200


class OldestFirstCursor(NewestFirstCursor):
    ordering = "id"


@extend_schema_field(OpenApiTypes.DATETIME)
class LocalDateTimeField(serializers.ReadOnlyField):
    """A datetime as stored with its own UTC offset (DRF would convert it to UTC)."""

    def to_representation(self, value):
        return value.isoformat() if value is not None else None


class ArticleSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField(allow_null=True)
    title = serializers.CharField()
    outlet = serializers.CharField()
    published_at = LocalDateTimeField(source="published_at_local", allow_null=True)


class ClaimOutSerializer(serializers.Serializer):
    """A claim with its sentence and where it was published: what a reader checks it against."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    sentence = serializers.CharField()
    article = ArticleSummarySerializer()
    outlet = serializers.CharField(source="article.outlet")
    value_start = serializers.DateField(allow_null=True)
    value_end = serializers.DateField(allow_null=True)
    granularity = serializers.CharField()
    resolution = serializers.CharField()
    quoted = serializers.BooleanField()
    weekday = serializers.IntegerField(allow_null=True)
    event = serializers.IntegerField(source="event_id", allow_null=True)
    event_pinned = serializers.BooleanField()
    phase = serializers.CharField()
    review_status = serializers.CharField()
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True, default=None)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField()


def claims_for_output(queryset):
    """Claims with what ClaimOutSerializer reads, in one query (the raw body is not needed)."""
    return queryset.select_related("article", "reviewed_by").defer("article__raw")


# --- articles ------------------------------------------------------------------------------


class ArticleApi(GenericViewSet):
    """Articles: read by anyone; ingested and corrected by editors."""

    queryset = Article.objects.all()
    pagination_class = NewestFirstCursor
    filterset_class = ArticleFilter

    @extend_schema_serializer(component_name="Article")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        url = serializers.URLField(allow_null=True)
        outlet = serializers.CharField()
        title = serializers.CharField()
        language = serializers.CharField()
        published_at = LocalDateTimeField(source="published_at_local", allow_null=True)
        published_date_only = serializers.BooleanField()
        published_at_source = serializers.CharField()
        format = serializers.CharField(source="source_format")
        status = serializers.CharField()
        last_error = serializers.CharField()
        ingested_at = serializers.DateTimeField()

    @extend_schema_serializer(component_name="ArticleDetail")
    class DetailOutputSerializer(OutputSerializer):
        text = serializers.CharField()
        claims = serializers.SerializerMethodField()

        @extend_schema_field(ClaimOutSerializer(many=True))
        def get_claims(self, article):
            return ClaimOutSerializer(claims_for_output(article.claims.order_by("start")), many=True).data

    @extend_schema_serializer(component_name="ArticleIngestInput")
    class InputSerializer(StrictInputSerializer):
        text = serializers.CharField(allow_blank=True, trim_whitespace=False)
        url = serializers.URLField(required=False, allow_null=True, allow_blank=True, max_length=2000)
        outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
        title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
        language = serializers.CharField(required=False, allow_blank=True, max_length=16, default="en")
        published_at = serializers.CharField(required=False, allow_null=True, allow_blank=True, help_text="ISO 8601 date, or date-time with a UTC offset")
        format = serializers.ChoiceField(choices=Article.Format.choices, default=Article.Format.TEXT)

    @extend_schema_serializer(component_name="ArticlePublishedAtInput")
    class PublishedAtInputSerializer(StrictInputSerializer):
        published_at = serializers.CharField(allow_null=True, allow_blank=True, help_text="ISO 8601 date, or date-time with a UTC offset; null if unknown")

    def get_queryset(self):
        if self.action == "list":
            return Article.objects.defer("raw", "text")
        return Article.objects.all()

    def get_serializer_class(self):
        return self.DetailOutputSerializer if self.action == "retrieve" else self.OutputSerializer

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.OutputSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.DetailOutputSerializer(self.get_object()).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            202: PolymorphicProxySerializer(
                component_name="ArticleAccepted",
                serializers=[
                    inline_serializer("ArticleIngested", {"article": OutputSerializer(), "task_id": serializers.CharField(allow_null=True)}),
                    FetchQueuedOut,  # a url and no text: the page is fetched by a worker
                ],
                resource_type_field_name=None,
            ),
            200: inline_serializer("ArticleAlreadyStored", {"article": OutputSerializer(), "task_id": serializers.CharField(allow_null=True)}),
        },
    )
    def create(self, request):
        """Ingest an article. 202 and the processing task's id when new; 200 and the stored article when the text is known.

        With a `url` and no `text`, the page is fetched by a worker: 202 with the fetch request and its status URL.
        """
        _refuse_oversized_body(request)
        if is_url_only(request.data):
            return add_by_url(request)
        data = self._validated(self.InputSerializer, request)
        published_at, date_only = parse_published_at(data.get("published_at"))
        result = article_ingest(
            data=ArticleIn(
                body=data["text"],
                url=data.get("url") or None,
                outlet=data["outlet"],
                title=data["title"],
                language=data["language"] or "en",
                published_at=published_at,
                published_date_only=date_only,
                source_format=data["format"],
            )
        )
        body = {"article": self.OutputSerializer(result.article).data, "task_id": result.task_id}
        return Response(body, status=status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK)

    @extend_schema(request=PublishedAtInputSerializer, responses={200: OutputSerializer})
    @action(detail=True, methods=["post"], url_path="published_at")
    def published_at(self, request, pk=None):
        """An editor corrects the publication time; the article's relative dates are resolved again."""
        article = self.get_object()
        data = self._validated(self.PublishedAtInputSerializer, request)
        published_at, date_only = parse_published_at(data["published_at"])
        article = article_set_published_at(article=article, published_at=published_at, date_only=date_only)
        return Response(self.OutputSerializer(article).data)

    @staticmethod
    def _validated(serializer_class, request) -> dict:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _refuse_oversized_body(request) -> None:
    # DRF reads JSON straight from the stream, past Django's
    # DATA_UPLOAD_MAX_MEMORY_SIZE check, so the limit is applied here before parsing.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise FactdbError.on("text", f"the request body is {length} bytes; the limit is {settings.DATA_UPLOAD_MAX_MEMORY_SIZE}")


# --- claims --------------------------------------------------------------------------------


class ClaimApi(GenericViewSet):
    """Claims: read by anyone; reviewed by editors."""

    queryset = Claim.objects.all()
    pagination_class = OldestFirstCursor
    filterset_class = ClaimFilter
    serializer_class = ClaimOutSerializer

    @extend_schema_serializer(component_name="ClaimReviewInput")
    class ReviewInputSerializer(StrictInputSerializer):
        status = serializers.ChoiceField(choices=[s.value for s in ReviewStatus])
        note = serializers.CharField(required=False, allow_blank=True, default="")

    def get_queryset(self):
        return claims_for_output(Claim.objects.all())

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ClaimOutSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(ClaimOutSerializer(self.get_object()).data)

    @extend_schema(request=ReviewInputSerializer, responses={200: ClaimOutSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """An editor's verdict: verified, disputed, rejected (or back to unreviewed)."""
        claim = self.get_object()
        serializer = self.ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_review(claim=claim, status=serializer.validated_data["status"], editor=request.user, note=serializer.validated_data["note"])
        return Response(ClaimOutSerializer(claim).data)

