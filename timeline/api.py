"""The events, timeline, findings and reports API: thin views over timeline services and selectors."""

from __future__ import annotations

from datetime import timedelta, timezone

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from claims import validation
from claims.api import ClaimOutSerializer, EditorNameField, StrictCharField, StrictInputSerializer, claims_for_output
from factdb.pagination import NewestFirstCursor
from timeline.filters import EventFilter, FindingFilter
from timeline.analysis.types import EventStatus
from timeline.models import ConsistencyReport, Event, Finding
from timeline.pagination import TimelineCursor
from timeline.search import search_ranked
from timeline.selectors import claims_with_sentences, event_list, preview_rows_by_event, timeline_events
from timeline.services import dismissal_reason, finding_dismiss, finding_reopen


class EventOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    value_start = serializers.DateField(allow_null=True)
    value_end = serializers.DateField(allow_null=True)
    granularity = serializers.CharField()
    status = serializers.CharField()
    claim_count = serializers.IntegerField()
    outlet_count = serializers.IntegerField()
    has_open_conflict = serializers.BooleanField(help_text="an open finding names the event or one of its claims")


def event_out(event) -> dict:
    """What EventOutSerializer renders, by hand, of an Event or a named row of its list fields:
    a list renders it for every event of a page (a test holds the two equal)."""
    return {
        "id": event.id,
        "label": event.label,
        "value_start": event.value_start.isoformat() if event.value_start else None,
        "value_end": event.value_end.isoformat() if event.value_end else None,
        "granularity": event.granularity,
        "status": event.status,
        "claim_count": event.claim_count,
        "outlet_count": event.outlet_count,
        "has_open_conflict": event.has_open_conflict,
    }


class TimelineClaimSerializer(ClaimOutSerializer):
    """A claim as the timeline lists it: the sentence comes cut out by the query, not from the article body."""

    sentence = serializers.CharField(source="sentence_text")


_DATETIME = serializers.DateTimeField()


def claim_out(row: dict, *, show_editors: bool = True) -> dict:
    """What TimelineClaimSerializer renders, from a row of timeline.selectors.claim_rows_by_event.

    By hand because the timeline renders hundreds of claims a page and DRF's
    serializers cost several times the query (measured in bench.reads); a test
    holds the two to the same output.
    """
    published = row["article__published_at"]
    if published is not None:
        published = published.astimezone(timezone(timedelta(minutes=row["article__published_utc_offset"] or 0))).isoformat()
    reviewed_at = row["reviewed_at"]
    return {
        "id": row["id"],
        "text": row["text"],
        "sentence": row["sentence_text"],
        "article": {"id": row["article__id"], "url": row["article__url"], "title": row["article__title"], "outlet": row["article__outlet"], "published_at": published},
        "outlet": row["article__outlet"],
        "value_start": row["value_start"].isoformat() if row["value_start"] else None,
        "value_end": row["value_end"].isoformat() if row["value_end"] else None,
        "granularity": row["granularity"],
        "resolution": row["resolution"],
        "dated_by_event": row["dated_by_event"],
        "quoted": row["quoted"],
        "weekday": row["weekday"],
        "type": row["timex_type"],
        "timex": row["timex_value"],
        "timex_mod": row["timex_mod"],
        "event": row["event_id"],
        "event_pinned": row["event_pinned"],
        "phase": row["phase"],
        "review_status": row["review_status"],
        # As EditorNameField: editors' user names for signed-in readers only.
        "reviewed_by": row["reviewed_by__username"] if show_editors else None,
        "reviewed_at": _DATETIME.to_representation(reviewed_at) if reviewed_at is not None else None,
        "review_note": row["review_note"],
    }


class FindingSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    severity = serializers.CharField()
    status = serializers.CharField()
    message = serializers.CharField()


class IdListField(serializers.ListField):
    """The ids of a many-to-many relation, in order."""

    child = serializers.IntegerField()

    def to_representation(self, manager):
        return sorted(manager.values_list("id", flat=True))


# --- events --------------------------------------------------------------------------------


class EventApi(GenericViewSet):
    """Events (read-only): what linking made of the claims, with the consensus interval.

    The list is in timeline order, a keyset page at a time (follow `next`);
    with `q` it is the best matches instead, ranked, one page of them.
    """

    queryset = Event.objects.all()
    filterset_class = EventFilter
    pagination_class = TimelineCursor

    @extend_schema_serializer(component_name="EventListItem")
    class OutputSerializer(EventOutSerializer):
        pass

    @extend_schema_serializer(component_name="EventDetail")
    class DetailOutputSerializer(EventOutSerializer):
        claims = serializers.SerializerMethodField()
        findings = serializers.SerializerMethodField()

        @extend_schema_field(TimelineClaimSerializer(many=True))
        def get_claims(self, event):
            claims = claims_with_sentences(event.claims.all()).order_by("value_start", "id")
            return TimelineClaimSerializer(claims, many=True).data

        @extend_schema_field(FindingSummarySerializer(many=True))
        def get_findings(self, event):
            return FindingSummarySerializer(event.findings.order_by("-id"), many=True).data

    @extend_schema_serializer(component_name="EventSearch")
    class SearchSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, help_text="words of the label, a claim's sentence or an article's title")

    def get_queryset(self):
        return event_list()

    def get_serializer_class(self):
        return self.DetailOutputSerializer if self.action == "retrieve" else self.OutputSerializer

    @extend_schema(parameters=[SearchSerializer])
    def list(self, request):
        params = self.SearchSerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        events = self.filter_queryset(self.get_queryset())
        q = params.validated_data["q"].strip()
        if q:
            best = search_ranked(events, q, self.paginator.page_size_for(request))
            return Response({"next": None, "results": [event_out(e) for e in best]})
        page = self.paginate_queryset(events)
        return self.get_paginated_response([event_out(e) for e in page])

    def retrieve(self, request, pk=None):
        return Response(self.DetailOutputSerializer(self.get_object(), context=self.get_serializer_context()).data)


# --- the timeline --------------------------------------------------------------------------


class TimelineApi(GenericViewSet):
    """Events with claims in date order (undated last), each with a preview of its claims.

    A keyset page at a time: follow `next`. With `q`, the events that match,
    still in date order. Each event lists up to 5 of its claims (`claim_count`
    says how many it has): first one for each date its sources give, earliest
    published first, so a disagreement shows; `/api/events/{id}/` has them all.
    """

    queryset = Event.objects.all()
    filter_backends = []
    pagination_class = TimelineCursor
    since = None  # where a `from` range starts: the paginator splits the page there (keyset_page)

    @extend_schema_serializer(component_name="TimelineFilter")
    class FilterSerializer(serializers.Serializer):
        def get_fields(self):
            # `from` is a Python keyword, so the fields cannot be class attributes.
            return {
                "from": serializers.DateField(required=False, help_text="events whose interval ends on or after this day"),
                "to": serializers.DateField(required=False, help_text="events whose interval starts on or before this day"),
                "q": StrictCharField(
                    required=False,
                    allow_blank=True,
                    default="",
                    max_length=200,
                    pattern=validation.NO_NUL_PATTERN,
                    help_text="words of the label, a claim's sentence or an article's title",
                ),
                "status": serializers.ChoiceField(required=False, choices=[s.value for s in EventStatus]),
                "conflict": serializers.BooleanField(required=False, help_text="only events with (true) or without (false) an open finding"),
            }

    @extend_schema_serializer(component_name="TimelineEvent")
    class OutputSerializer(EventOutSerializer):
        claims = serializers.SerializerMethodField()

        @extend_schema_field(TimelineClaimSerializer(many=True))
        def get_claims(self, event):
            request = self.context.get("request")
            signed_in = bool(request and request.user and request.user.is_authenticated)
            return [claim_out(row, show_editors=signed_in) for row in event.timeline_claims]

    serializer_class = OutputSerializer

    @extend_schema(parameters=[FilterSerializer])
    def list(self, request):
        params = self.FilterSerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        args = params.validated_data
        events = timeline_events(
            date_from=args.get("from"), date_to=args.get("to"), text=args["q"].strip(), status=args.get("status", ""), conflict=args.get("conflict"),
            with_preview=True,
        )
        self.since = args.get("from")
        page = self.paginate_queryset(events)
        claims = preview_rows_by_event(page)
        signed_in = bool(request.user and request.user.is_authenticated)
        # As OutputSerializer renders it (documented by it), by hand: see event_out and claim_out.
        rows = [{**event_out(e), "claims": [claim_out(row, show_editors=signed_in) for row in claims.get(e.id, [])]} for e in page]
        return self.get_paginated_response(rows)


# --- findings ------------------------------------------------------------------------------


class FindingApi(GenericViewSet):
    """Where sources disagree. Read by anyone; dismissed and reopened by editors."""

    queryset = Finding.objects.all()
    pagination_class = NewestFirstCursor
    filterset_class = FindingFilter

    @extend_schema_serializer(component_name="Finding")
    class OutputSerializer(FindingSummarySerializer):
        event = serializers.IntegerField(source="event_id", allow_null=True)
        first_seen_at = serializers.DateTimeField()
        last_seen_at = serializers.DateTimeField()
        resolved_at = serializers.DateTimeField(allow_null=True)
        dismissed_by = EditorNameField(source="dismissed_by.username", default=None)
        dismiss_reason = serializers.CharField()

    @extend_schema_serializer(component_name="FindingDetail")
    class DetailOutputSerializer(OutputSerializer):
        claims = serializers.SerializerMethodField()

        @extend_schema_field(ClaimOutSerializer(many=True))
        def get_claims(self, finding):
            return ClaimOutSerializer(claims_for_output(finding.claims.order_by("value_start", "id")), many=True, context=self.context).data

    @extend_schema_serializer(component_name="FindingDismissInput")
    class DismissInputSerializer(StrictInputSerializer):
        reason = StrictCharField(allow_blank=True, max_length=validation.MAX_NOTE, pattern=validation.TEXT_PATTERN,
            explain=dismissal_reason, help_text="why this is a false alarm (not blank)")

    def get_queryset(self):
        return Finding.objects.select_related("dismissed_by")

    def get_serializer_class(self):
        return self.DetailOutputSerializer if self.action == "retrieve" else self.OutputSerializer

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.OutputSerializer(page, many=True, context=self.get_serializer_context()).data)

    def retrieve(self, request, pk=None):
        return Response(self.DetailOutputSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(request=DismissInputSerializer, responses={200: DetailOutputSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        finding = self.get_object()
        serializer = self.DismissInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        finding = finding_dismiss(finding=finding, editor=request.user, reason=serializer.validated_data["reason"])
        return Response(self.DetailOutputSerializer(finding, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={200: DetailOutputSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        finding = finding_reopen(finding=self.get_object())
        return Response(self.DetailOutputSerializer(finding, context=self.get_serializer_context()).data)


# --- reports and runs ----------------------------------------------------------------------


class ReportApi(GenericViewSet):
    """The stored consistency reports, newest first."""

    queryset = ConsistencyReport.objects.all()
    filter_backends = []

    @extend_schema_serializer(component_name="Report")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        period_key = serializers.CharField()
        period_start = serializers.DateTimeField(allow_null=True)
        period_end = serializers.DateTimeField()
        created_at = serializers.DateTimeField()
        status = serializers.CharField()
        error = serializers.CharField()
        counts = serializers.JSONField()

    @extend_schema_serializer(component_name="ReportDetail")
    class DetailOutputSerializer(OutputSerializer):
        text = serializers.CharField()
        new_findings = IdListField(read_only=True)
        open_findings = IdListField(read_only=True)
        resolved_findings = IdListField(read_only=True)

    def get_serializer_class(self):
        return self.OutputSerializer if self.action == "list" else self.DetailOutputSerializer

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.OutputSerializer(page, many=True, context=self.get_serializer_context()).data)

    def retrieve(self, request, pk=None):
        return Response(self.DetailOutputSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @action(detail=False, methods=["get"])
    def latest(self, request):
        report = self.get_queryset().first()
        if report is None:
            raise NotFound("no consistency report yet")
        return Response(self.DetailOutputSerializer(report, context=self.get_serializer_context()).data)
