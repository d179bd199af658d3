"""Query-string filters for the claims API (django-filter)."""

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from claims import validation
from claims.extraction.types import Granularity, Resolution
from claims.models import Article, Claim
from claims.types import ReviewStatus


def _choices(enum_cls):
    return [(member.value, member.value) for member in enum_cls]


class StrictFilterSet(django_filters.FilterSet):
    """A filter given empty (?status=) is refused rather than silently dropped.

    django-filter reads an empty value as "no filter", so ?status= answered
    every row while the schema says status is one of a few words.
    """

    def is_valid(self):
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            # An empty string is a string: text filters take it (and ignore it).
            if isinstance(filter_, django_filters.CharFilter) and not isinstance(filter_, django_filters.ChoiceFilter):
                continue
            if name in self.data and self.data.get(name) == "" and name in self.form.fields:
                self.form.add_error(name, "must not be empty; leave the parameter out to not filter on it")
                valid = False
        return valid


# Past PostgreSQL's bigint no row can match, and some backends refuse the number.
_ID_LIMIT = 2**63


class WholeNumberField(forms.IntegerField):
    """A whole number however JSON spells it ("12", "12.0", "1.2e1"); huge ones are not expanded."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise forms.ValidationError("Enter a whole number.", code="invalid") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise forms.ValidationError("Enter a whole number.", code="invalid")
        if abs(number) >= _ID_LIMIT:
            return _ID_LIMIT  # beyond every id: matches nothing (1e999999 is not turned into digits)
        return int(number)


@extend_schema_field({"type": "string", "pattern": validation.NO_NUL_PATTERN})
class TextFilter(django_filters.CharFilter):
    """Free text; Django's CharField refuses NUL (no database stores it), and the schema says so."""


class StrictBooleanField(forms.Field):
    """true or false as JSON spells them (any case); anything else is an error, not "no filter".

    django-filter's BooleanFilter reads ?conflict=AAA as no filter at all, so the client
    got every row and never learned its parameter was ignored.
    """

    _VALUES = {"true": True, "false": False}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or value.lower() not in self._VALUES:
            raise forms.ValidationError("Enter true or false.", code="invalid")
        return self._VALUES[value.lower()]


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id: any whole number; one that names nothing matches nothing (not a 400)."""

    field_class = WholeNumberField

    def filter(self, qs, value):
        if value is not None and abs(value) >= _ID_LIMIT:
            return qs.none()
        return super().filter(qs, value)


class ArticleFilter(StrictFilterSet):
    outlet = TextFilter(field_name="outlet", lookup_expr="iexact")
    status = django_filters.ChoiceFilter(choices=Article.Status.choices)

    class Meta:
        model = Article
        fields = ["outlet", "status"]


class ClaimFilter(StrictFilterSet):
    """`from`/`to` keep claims whose interval overlaps the range, so a claim
    stated as "2008" is found by ?from=2008-06-01&to=2008-06-30."""

    review_status = django_filters.ChoiceFilter(choices=_choices(ReviewStatus))
    granularity = django_filters.ChoiceFilter(choices=_choices(Granularity))
    resolution = django_filters.ChoiceFilter(choices=_choices(Resolution))
    outlet = TextFilter(field_name="article__outlet", lookup_expr="iexact")
    article = IdFilter(field_name="article_id")
    event = IdFilter(field_name="event_id")
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
