"""Whole-store runs over the API: queue one (202 and a status URL), then follow it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from timeline.models import Finding
from work.models import Run
from work.runs import run_request


@extend_schema_serializer(component_name="Run")
class RunOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.CharField(help_text="queued, running, done or failed")
    requested_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    result = serializers.JSONField(help_text="for a report run: report_id; for a check run: events, new, resolved")
    error = serializers.CharField()
    status_url = serializers.SerializerMethodField()

    def get_status_url(self, run: Run) -> str:
        return self.context["request"].build_absolute_uri(reverse("run-detail", args=[run.pk]))


class _RunRequestApi(APIView):
    kind = ""
    # Running the checks rewrites findings: it takes the right to change them.
    write_model = Finding

    @extend_schema(request=None, responses={202: RunOutSerializer})
    def post(self, request):
        run = run_request(kind=self.kind)
        return Response(RunOutSerializer(run, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


class ReportRunApi(_RunRequestApi):
    """Queue the full cross-check and this period's report (a second run the same day returns the stored report)."""

    kind = Run.Kind.REPORT


class CheckRunApi(_RunRequestApi):
    """Queue the full cross-check over everything stored."""

    kind = Run.Kind.CHECK


class RunApi(APIView):
    """A queued run: its state, and its result once done."""

    @extend_schema(responses={200: RunOutSerializer})
    def get(self, request, pk: int):
        return Response(RunOutSerializer(get_object_or_404(Run, pk=pk), context={"request": request}).data)
