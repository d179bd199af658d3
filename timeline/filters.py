"""Query-string filters for the timeline API (django-filter)."""

import django_filters

from claims.filters import IdFilter, StrictBooleanFilter, StrictFilterSet, TextFilter, public_names
from timeline.analysis.types import EventStatus, FindingKind, Severity
from timeline.models import Event, Finding


def _choices(enum_cls):
    return [(member.value, member.value) for member in enum_cls]


class EventFilter(StrictFilterSet):
    """`from`/`to` keep events whose interval overlaps the range; undated events drop out."""

    status = django_filters.ChoiceFilter(choices=_choices(EventStatus))
    label = TextFilter(field_name="label", lookup_expr="icontains")
    date_from = django_filters.DateFilter(field_name="value_end", lookup_expr="gte", label="from (YYYY-MM-DD)")
    date_to = django_filters.DateFilter(field_name="value_start", lookup_expr="lte", label="to (YYYY-MM-DD)")
    conflict = StrictBooleanFilter(field_name="has_open_conflict", label="has an open finding")

    class Meta:
        model = Event
        fields = ["status", "label", "conflict"]


public_names(EventFilter, date_from="from", date_to="to")


class FindingFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=_choices(FindingKind))
    severity = django_filters.ChoiceFilter(choices=_choices(Severity))
    status = django_filters.ChoiceFilter(choices=Finding.Status.choices)
    event = IdFilter(field_name="event_id")

    class Meta:
        model = Finding
        fields = ["kind", "severity", "status", "event"]
