"""The events, timeline, findings and reports API: thin views over timeline services and selectors."""

from __future__ import annotations

from django.db.models import Count, F
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
from timeline.models import ConsistencyReport, Event, Finding
from timeline.selectors import timeline_events
from timeline.services import finding_dismiss, finding_reopen


class EventOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    value_start = serializers.DateField(allow_null=True)
    value_end = serializers.DateField(allow_null=True)
    granularity = serializers.CharField()
    status = serializers.CharField()


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
    """Events (read-only): what linking made of the claims, with the consensus interval."""

    queryset = Event.objects.all()
    filterset_class = EventFilter

    @extend_schema_serializer(component_name="EventListItem")
    class OutputSerializer(EventOutSerializer):
        claim_count = serializers.IntegerField()

    @extend_schema_serializer(component_name="EventDetail")
    class DetailOutputSerializer(EventOutSerializer):
        claims = serializers.SerializerMethodField()
        findings = serializers.SerializerMethodField()

        @extend_schema_field(ClaimOutSerializer(many=True))
        def get_claims(self, event):
            return ClaimOutSerializer(claims_for_output(event.claims.order_by("value_start", "id")), many=True, context=self.context).data

        @extend_schema_field(FindingSummarySerializer(many=True))
        def get_findings(self, event):
            return FindingSummarySerializer(event.findings.order_by("-id"), many=True).data

    def get_queryset(self):
        return Event.objects.annotate(claim_count=Count("claims")).order_by(F("value_start").asc(nulls_last=True), "id")

    def get_serializer_class(self):
        return self.DetailOutputSerializer if self.action == "retrieve" else self.OutputSerializer

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.OutputSerializer(page, many=True, context=self.get_serializer_context()).data)

    def retrieve(self, request, pk=None):
        return Response(self.DetailOutputSerializer(self.get_object(), context=self.get_serializer_context()).data)


# --- the timeline --------------------------------------------------------------------------


class TimelineApi(GenericViewSet):
    """Events in date order (undated last), each with its claims and their sources."""

    queryset = Event.objects.all()
    filter_backends = []

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
                    help_text="text in the event label or a claim",
                ),
            }

    @extend_schema_serializer(component_name="TimelineEvent")
    class OutputSerializer(EventOutSerializer):
        claims = ClaimOutSerializer(many=True)

    serializer_class = OutputSerializer

    @extend_schema(parameters=[FilterSerializer])
    def list(self, request):
        params = self.FilterSerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        args = params.validated_data
        events = timeline_events(date_from=args.get("from"), date_to=args.get("to"), text=args["q"].strip())
        page = self.paginate_queryset(events)
        return self.get_paginated_response(self.OutputSerializer(page, many=True, context=self.get_serializer_context()).data)


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
        reason = StrictCharField(allow_blank=True, max_length=validation.MAX_NOTE, pattern=validation.TEXT_PATTERN, help_text="why this is a false alarm (not blank)")

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
