"""Reads for the timeline, shared by the API, the page and the commands."""

from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet

from claims.models import Claim
from timeline.models import Event


def timeline_events(*, date_from: date | None = None, date_to: date | None = None, text: str = "") -> QuerySet[Event]:
    """Events in date order (undated last) with their claims and articles.

    A date range keeps events whose interval overlaps it, so a year-precision
    event stays in view when the range is one of its months.
    """
    events = Event.objects.filter(claims__isnull=False).distinct()
    if date_from:
        events = events.filter(value_end__gte=date_from)
    if date_to:
        events = events.filter(value_start__lte=date_to)
    if text:
        events = events.filter(Q(label__icontains=text) | Q(claims__text__icontains=text) | Q(claims__article__title__icontains=text))
    claims = Claim.objects.select_related("article").order_by("value_start", "article__published_at", "id")
    return events.order_by(F("value_start").asc(nulls_last=True), "id").prefetch_related(Prefetch("claims", queryset=claims))
