"""Reads for the exports: what is settled, what is on the timeline, rows for the spreadsheets."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Substr

from claims.models import Claim
from timeline.analysis.types import ReviewStatus
from timeline.models import Event, Finding

SETTLED = [Finding.Status.RESOLVED, Finding.Status.DISMISSED]


def reviewed_claims() -> QuerySet[Claim]:
    return (
        Claim.objects.exclude(review_status=ReviewStatus.UNREVIEWED)
        .filter(reviewed_at__isnull=False)
        .select_related("article")
        .defer("article__raw")
        .order_by("id")
    )


def settled_findings() -> QuerySet[Finding]:
    """Findings no longer open with at least one claim an editor gave a verdict on.

    That is what "an editor settled it" means here: a verification resolves a
    disagreement (README), and a dismissal is an editor's call too. A finding
    resolved by the pipeline alone has no verdict to publish.
    """
    verdicts = Prefetch("claims", queryset=reviewed_claims(), to_attr="verdicts")
    return (
        Finding.objects.filter(status__in=SETTLED, claims__in=reviewed_claims().values("id"))
        .distinct()
        .select_related("event")
        .prefetch_related(verdicts)
        .order_by("-id")
    )


def claim_rows(claims: QuerySet[Claim]) -> QuerySet:
    """Claims as flat rows for CSV, each with its sentence cut out in the database (no article text in memory)."""
    return (
        claims.annotate(
            sentence_text=Substr("article__text", F("sentence_start") + 1, F("sentence_end") - F("sentence_start")),
        )
        .order_by("id")
        .values(
            "id", "article_id", "article__url", "article__outlet", "article__published_at", "text", "sentence_text",
            "value_start", "value_end", "granularity", "resolution", "quoted", "event_id", "review_status", "reviewed_at",
        )
    )


def event_rows(events: QuerySet[Event]) -> QuerySet:
    return (
        events.order_by(F("value_start").asc(nulls_last=True), "id")
        .values("id", "label", "value_start", "value_end", "granularity", "status", "claim_count")
    )


def finding_rows(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    return findings.order_by("id").prefetch_related(Prefetch("claims", queryset=Claim.objects.only("id").order_by("id")))
