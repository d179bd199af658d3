"""The articles and claims API: thin views over claims.services.

Each view parses its input with a nested InputSerializer, calls one service
and renders with a nested OutputSerializer. Errors from the services
(FactdbError) become 400 {"error", "fields"} in factdb.api_errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from claims import validation
from claims.exports import article_timeml
from claims.filters import ArticleFilter, ClaimFilter
from claims.models import Article, Claim
from claims.published import parse_published_at
from claims.services import ArticleIn, article_ingest, article_set_published_at, claim_review
from factdb.errors import FactdbError
from claims.types import ReviewStatus
from factdb.pagination import NewestFirstCursor, OldestFirstCursor
from factdb.schema import error_response

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


class StrictCharField(serializers.CharField):
    """A string that is a string: DRF's CharField would store 12345 or ["x"] as their text.

    Whitespace is kept as sent (claims.validation strips it and counts the
    length first), and `pattern` documents in the schema the rule
    claims.validation applies, so the schema and the API agree. A value the
    pattern refuses is refused here too (claims.validation can be more lenient,
    e.g. it would percent-encode a quote in a URL): `explain`, the field's rule
    in claims.validation, gives the clearer message where it has one.
    """

    default_error_messages = {"pattern": "does not have the form the schema gives ({pattern})"}

    def __init__(self, *, pattern: str | None = None, explain: Callable[[str], object] | None = None, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.pattern = pattern
        self.explain = explain

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)

    def run_validators(self, value):
        super().run_validators(value)  # length and NUL first, with DRF's messages
        if self.pattern is not None and re.search(self.pattern, value) is None:
            if self.explain is not None:
                self.explain(value)  # raises FactdbError with the rule's own message
            self.fail("pattern", pattern=self.pattern)


class EditorNameField(serializers.CharField):
    """An editor's user name, shown to signed-in users only: anonymous readers get null.

    A public list of who can write is half of a password-guessing attack.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, help_text="null for anonymous readers", **kwargs)

    def get_attribute(self, instance):
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return None
        return super().get_attribute(instance)

    def to_representation(self, value):
        return None if value is None else str(value)


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
    dated_by_event = serializers.BooleanField(help_text="the text gives no year (or day): the date is the nearest occurrence to its event's")
    quoted = serializers.BooleanField()
    weekday = serializers.IntegerField(allow_null=True)
    type = serializers.CharField(source="timex_type", help_text="TIMEX3 type: DATE, TIME, DURATION or SET")
    timex = serializers.CharField(source="timex_value", help_text='TIMEX3 value: "2013-03-22TAF", "P3Y", "PRESENT_REF"...')
    timex_mod = serializers.CharField(help_text="TIMEX3 mod: START, END, MID, APPROX...; empty when none")
    event = serializers.IntegerField(source="event_id", allow_null=True)
    event_pinned = serializers.BooleanField()
    phase = serializers.CharField()
    review_status = serializers.CharField()
    reviewed_by = EditorNameField(source="reviewed_by.username", default=None)
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
        published_at_source = serializers.CharField(
            help_text="metadata (sent with it), editor (stated or confirmed by an editor), dateline or latest_date "
            "(read from the text: its relative dates are inferred), or none"
        )
        published_at_evidence = serializers.CharField(help_text="the line or sentence an inferred time was read from; empty when it was stated")
        format = serializers.CharField(source="source_format")
        status = serializers.CharField(help_text="pending, extracted, linked, checked (findings settled) or failed")
        last_error = serializers.CharField()
        attempts = serializers.IntegerField()
        ingested_at = serializers.DateTimeField()
        status_changed_at = serializers.DateTimeField()
        extracted_at = serializers.DateTimeField(allow_null=True)
        linked_at = serializers.DateTimeField(allow_null=True)
        checked_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_serializer(component_name="ArticleDetail")
    class DetailOutputSerializer(OutputSerializer):
        text = serializers.CharField()
        claims = serializers.SerializerMethodField()

        @extend_schema_field(ClaimOutSerializer(many=True))
        def get_claims(self, article):
            return ClaimOutSerializer(claims_for_output(article.claims.order_by("start")), many=True, context=self.context).data

    @extend_schema_serializer(component_name="ArticleIngestInput")
    class InputSerializer(StrictInputSerializer):
        text = StrictCharField(allow_blank=True, pattern=validation.TEXT_PATTERN, explain=validation.article_text, help_text="the article (plain text or HTML); ends are stripped before the duplicate check")
        url = StrictCharField(
            required=False,
            allow_null=True,
            allow_blank=True,
            max_length=validation.MAX_URL,
            pattern=validation.URL_PATTERN,
            explain=validation.url,
            help_text="http(s) only; stored normalised",
        )
        outlet = StrictCharField(required=False, allow_blank=True, max_length=validation.MAX_OUTLET, default="", pattern=validation.ONE_LINE_PATTERN, explain=validation.outlet)
        title = StrictCharField(required=False, allow_blank=True, max_length=validation.MAX_TITLE, default="", pattern=validation.ONE_LINE_PATTERN, explain=validation.title)
        language = StrictCharField(required=False, allow_blank=True, max_length=validation.MAX_LANGUAGE, default="en", pattern=validation.LANGUAGE_PATTERN, explain=validation.language)
        published_at = StrictCharField(
            required=False,
            allow_null=True,
            allow_blank=True,
            max_length=validation.MAX_PUBLISHED_AT,
            pattern=validation.PUBLISHED_AT_PATTERN,
            explain=validation.published_at,
            help_text="ISO 8601 date, or date-time with a UTC offset (±15:59 at most)",
        )
        format = serializers.ChoiceField(choices=Article.Format.choices, default=Article.Format.TEXT)

    @extend_schema_serializer(component_name="ArticlePublishedAtInput")
    class PublishedAtInputSerializer(StrictInputSerializer):
        published_at = StrictCharField(
            allow_null=True,
            allow_blank=True,
            max_length=validation.MAX_PUBLISHED_AT,
            pattern=validation.PUBLISHED_AT_PATTERN,
            explain=validation.published_at,
            help_text="ISO 8601 date, or date-time with a UTC offset (±15:59 at most); null if unknown",
        )

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
        return Response(self.DetailOutputSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            202: inline_serializer("ArticleIngested", {"article": OutputSerializer(), "status_url": serializers.URLField()}),
            200: inline_serializer("ArticleAlreadyStored", {"article": OutputSerializer(), "status_url": serializers.URLField()}),
            409: error_response("Another article with different text has this URL."),
            422: error_response("The format is html but the HTML holds no article text."),
        },
    )
    def create(self, request):
        """Ingest an article. 202 when new (the work is recorded; follow `status_url` until its status is
        checked or failed); 200 and the stored article when the text is known."""
        _refuse_oversized_body(request)
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
        status_url = request.build_absolute_uri(reverse("article-detail", args=[result.article.pk]))
        body = {"article": self.OutputSerializer(result.article).data, "status_url": status_url}
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

    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], url_path="timeml")
    def timeml(self, request, pk=None):
        """The article as TimeML: its text with a TIMEX3 for each claim, as the TempEval-3 scorer reads it."""
        return HttpResponse(article_timeml(self.get_object()), content_type="application/xml; charset=utf-8")

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
        note = StrictCharField(required=False, allow_blank=True, default="", max_length=validation.MAX_NOTE, pattern=validation.NOTE_PATTERN, explain=lambda v: validation.note_field(v, field="note"))

    def get_queryset(self):
        return claims_for_output(Claim.objects.all())

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ClaimOutSerializer(page, many=True, context=self.get_serializer_context()).data)

    def retrieve(self, request, pk=None):
        return Response(ClaimOutSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(request=ReviewInputSerializer, responses={200: ClaimOutSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """An editor's verdict: verified, disputed, rejected (or back to unreviewed)."""
        claim = self.get_object()
        serializer = self.ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_review(claim=claim, status=serializer.validated_data["status"], editor=request.user, note=serializer.validated_data["note"])
        return Response(ClaimOutSerializer(claim, context=self.get_serializer_context()).data)

