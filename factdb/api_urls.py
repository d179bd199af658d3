from django.urls import include, path
from rest_framework.routers import DefaultRouter

from claims.api import ClaimApi
from integrations.api import ArticleApi, FetchApi
from pipeline.api import CheckRunApi, ReportRunApi, RunApi
from timeline.api import EventApi, FindingApi, ReportApi, TimelineApi

router = DefaultRouter()
router.register("articles", ArticleApi, basename="article")
router.register("claims", ClaimApi, basename="claim")
router.register("events", EventApi, basename="event")
router.register("timeline", TimelineApi, basename="timeline")
router.register("findings", FindingApi, basename="finding")
router.register("reports", ReportApi, basename="report")
router.register("fetches", FetchApi, basename="fetch")

urlpatterns = [
    # Before the router, whose reports/<pk>/ would otherwise take "run".
    path("reports/run/", ReportRunApi.as_view(), name="report-run"),
    path("checks/run/", CheckRunApi.as_view(), name="check-run"),
    path("runs/<int:pk>/", RunApi.as_view(), name="run-detail"),
    path("exports/", include("integrations.urls")),
    *router.urls,
]
