"""Query-string filters for the claims API (django-filter)."""

import django_filters

from claims.extraction.types import Granularity, Resolution
from claims.models import Article, Claim
from claims.types import ReviewStatus


def _choices(enum_cls):
    return [(member.value, member.value) for member in enum_cls]


class ArticleFilter(django_filters.FilterSet):
    outlet = django_filters.CharFilter(field_name="outlet", lookup_expr="iexact")
    status = django_filters.ChoiceFilter(choices=Article.Status.choices)

    class Meta:
        model = Article
        fields = ["outlet", "status"]


class ClaimFilter(django_filters.FilterSet):
    """`from`/`to` keep claims whose interval overlaps the range, so a claim
    stated as "2008" is found by ?from=2008-06-01&to=2008-06-30."""

    review_status = django_filters.ChoiceFilter(choices=_choices(ReviewStatus))
    granularity = django_filters.ChoiceFilter(choices=_choices(Granularity))
    resolution = django_filters.ChoiceFilter(choices=_choices(Resolution))
    outlet = django_filters.CharFilter(field_name="article__outlet", lookup_expr="iexact")
    date_from = django_filters.DateFilter(field_name="value_end", lookup_expr="gte", label="from (YYYY-MM-DD)")
    date_to = django_filters.DateFilter(field_name="value_start", lookup_expr="lte", label="to (YYYY-MM-DD)")

    class Meta:
        model = Claim
        fields = ["article", "event", "review_status", "granularity", "resolution", "outlet"]


def public_names(filterset, **names):
    """Expose filters under names Python cannot spell as attributes (`from`)."""
    for internal, public in names.items():
        filterset.base_filters[public] = filterset.base_filters.pop(internal)
    return filterset


public_names(ClaimFilter, date_from="from", date_to="to")
