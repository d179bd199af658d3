from django.urls import path

from integrations import api

# Under /api/exports/.
urlpatterns = [
    path("claimreview/", api.ClaimReviewExportApi.as_view(), name="export-claimreview"),
    path("timelinejs/", api.TimelineJsExportApi.as_view(), name="export-timelinejs"),
    path("claims.csv", api.ClaimsCsvApi.as_view(), name="export-claims-csv"),
    path("events.csv", api.EventsCsvApi.as_view(), name="export-events-csv"),
    path("findings.csv", api.FindingsCsvApi.as_view(), name="export-findings-csv"),
]
