"""The public pages: the timeline, an event's sources, the consistency reports.

Reads go through timeline.selectors; the layout maths is in timeline.axis.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.safestring import mark_safe

from claims.models import Claim
from timeline import axis
from timeline.models import ConsistencyReport, Event, Finding
from timeline.reports import Quote, claim_quote, most_serious, report_counts, severity_rank, sort_findings
from timeline.selectors import EVENT_LIST_FIELDS, claims_with_sentences, keyset_page, outlets_by_event, timeline_events
from timeline.versions import timeline_version

# Past this many rows the page asks the visitor to narrow the filter rather
# than render thousands of links.
MAX_ROWS = 500


class TimelineFilter(forms.Form):
    date_from = forms.DateField(required=False, label="From")
    date_to = forms.DateField(required=False, label="To")
    q = forms.CharField(required=False, max_length=200, strip=True, label="Entity or text")

    def __init__(self, data, *args, **kwargs):
        # The URL says from/to, which are not valid Python names for fields.
        data = {"date_from": data.get("from", ""), "date_to": data.get("to", ""), "q": data.get("q", "")}
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and last < first:
            raise forms.ValidationError("The end of the range is before its start.")
        return cleaned


@dataclass(frozen=True)
class Row:
    event: Event  # or, for the chart's rows, a named row of EVENT_LIST_FIELDS
    band: axis.Band | None
    when: str
    outlets: list[str]  # by name, for the undated list; dated rows show event.outlet_count

    @property
    def conflicting(self) -> bool:
        return self.event.status == "conflicting"


# One row of the chart. Built here rather than in the template: the page draws
# up to MAX_ROWS of them, and the template language spent most of the
# request on them (bench.reads); the markup is the template's as it was.
_ROW = (
    '<li>\n<a class="event{conflict_class}" href="{href}" data-event-id="{pk}">\n'
    '<span class="event__text">\n'
    '<span class="event__label" title="{label}">{label}</span>\n'
    '<span class="event__when">{when} <span class="precision">({granularity})</span>{outlets}</span>\n'
    "{badge}</span>\n"
    '<span class="track" aria-hidden="true">{band}</span>\n'
    "</a>\n</li>\n"
)
_BADGE = '<span class="badge badge--conflict">⚠ Sources disagree</span>\n'


def _row_html(row: Row, href: str) -> str:
    # str.format with every value escaped, as format_html would, at a third of its cost
    # (format_html checks each argument for lazy and safe strings; these are plain text).
    event, band = row.event, row.band
    band_html = ""
    if band:
        classes = f"band band--{event.granularity or 'day'}"
        classes += " band--mark" * band.is_mark + " band--conflict" * row.conflicting
        classes += " band--clipped-start" * band.clipped_start + " band--clipped-end" * band.clipped_end
        band_html = '<span class="{}" style="{}"></span>'.format(_escape(classes), _escape(band.css))
    outlets = event.outlet_count
    return _ROW.format(
        conflict_class=" event--conflict" if row.conflicting else "",
        href=_escape(href),
        pk=int(event.id),
        label=_escape(str(event.label)),
        when=_escape(str(row.when)),
        granularity=_escape(str(event.granularity)),
        outlets=_escape(f" · {outlets} outlet{pluralize(outlets)}") if outlets else "",
        badge=_BADGE if row.conflicting else "",
        band=band_html,
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=True)  # the same five characters as django.utils.html.escape


def _rows_html(rows: list[Row]) -> str:
    # One reverse() for the pattern, not one per row.
    pattern = reverse("pages:event-detail", args=[0])
    return mark_safe("".join(_row_html(row, pattern.replace("/0/", f"/{row.event.id}/")) for row in rows))


def _query(q: str, scale: axis.Scale | None) -> str:
    params = {"from": scale.start.isoformat(), "to": scale.last.isoformat()} if scale else {}
    if q:
        params["q"] = q
    return "?" + urlencode(params) if params else "?"


def timeline_page(request):
    """The page, from the cache when nothing changed since it was rendered for this query string."""
    seconds = settings.TIMELINE_PAGE_CACHE_SECONDS
    if not seconds:
        return _timeline_page(request)
    key = f"timeline-page:{timeline_version()}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        status, content = cached
        return HttpResponse(content, status=status)
    response = _timeline_page(request)
    cache.set(key, (response.status_code, response.content), seconds)
    return response


def _timeline_page(request):
    form = TimelineFilter(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    date_from, date_to, q = data.get("date_from"), data.get("date_to"), data.get("q", "")

    dated = timeline_events(date_from=date_from, date_to=date_to, text=q).filter(value_start__isnull=False, value_end__isnull=False)
    # Named rows, not model instances: the chart draws up to MAX_ROWS of them from these fields alone.
    dated = dated.values_list(*EVENT_LIST_FIELDS, named=True)
    dated = keyset_page(dated, after=None, size=MAX_ROWS, undated=False, since=date_from) if valid else []
    truncated = len(dated) > MAX_ROWS
    dated = dated[:MAX_ROWS]
    # Undated events have no place on an axis; the date range cannot apply to them.
    undated = list(timeline_events(text=q).filter(value_start__isnull=True).order_by("id")[:MAX_ROWS]) if valid else []
    outlets = outlets_by_event([e.id for e in undated]) if undated else {}

    fitted = axis.fit((e.value_start, e.value_end, e.granularity) for e in dated)
    if fitted and (date_from or date_to):
        scale = axis.Scale.inclusive(date_from or fitted.start, date_to or fitted.last)
    elif date_from or date_to:
        scale = axis.Scale.inclusive(date_from or date_to, date_to or date_from)
    else:
        scale = fitted

    rows = [Row(e, scale.band(e.value_start, e.value_end, e.granularity) if scale else None, axis.describe(e.value_start, e.value_end, e.granularity), []) for e in dated]
    context = {
        "form": form,
        "q": q,
        "rows": rows,
        "rows_html": _rows_html(rows),
        "undated": [Row(e, None, "date unknown", outlets.get(e.id, [])) for e in undated],
        "truncated": truncated,
        "max_rows": MAX_ROWS,
        "scale": scale,
        "filtered": bool(date_from or date_to),
    }
    if scale:
        context |= _navigation(scale, q)
    return render(request, "timeline/timeline.html", context, status=200 if valid else 400)


def _navigation(scale: axis.Scale, q: str) -> dict:
    """Links for the zoom and pan controls and the clickable ticks."""
    zoom_in, zoom_out = axis.zoom_in(scale), axis.zoom_out(scale)
    levels = [(level, _query(q, axis.level_scale(level, scale.center)), axis.level_scale(level, scale.center) == scale) for level in axis.LEVELS]
    ticks = [(tick, _query(q, axis.Scale(tick.day, tick.until))) for tick in scale.ticks()]
    return {
        "ticks": ticks,
        "levels": levels,
        "zoom_in_url": _query(q, zoom_in) if zoom_in else None,
        "zoom_out_url": _query(q, zoom_out),
        "earlier_url": _query(q, axis.pan(scale, -1)),
        "later_url": _query(q, axis.pan(scale, +1)),
        "all_url": _query(q, None),
        "range_label": axis.describe(scale.start, scale.last, "day"),
    }


@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    quote: Quote
    when: str


def _claim_views(claims) -> list[ClaimView]:
    return [ClaimView(c, claim_quote(c), axis.describe(c.value_start, c.value_end, c.granularity)) for c in claims]


def event_detail(request, pk: int):
    claims = claims_with_sentences(Claim.objects.all())
    event = get_object_or_404(Event.objects.defer("search_text").prefetch_related(Prefetch("claims", queryset=claims)), pk=pk)
    # A finding belongs to its event, or only to some of its claims (a
    # precedent conflict, say, names claims on two events).
    findings = (
        Finding.objects.filter(event=event) | Finding.objects.filter(claims__event=event)
    ).distinct().prefetch_related(Prefetch("claims", queryset=claims))
    context = {
        "event": event,
        "when": axis.describe(event.value_start, event.value_end, event.granularity),
        "claims": _claim_views(event.claims.all()),
        "findings": [(f, _claim_views(f.claims.all())) for f in sort_findings(findings)],
        "timeline_url": _event_timeline_url(event),
    }
    # The timeline page loads the panel alone into its side column.
    template = "timeline/_event_panel.html" if request.GET.get("panel") else "timeline/event_detail.html"
    return render(request, template, context)


def _event_timeline_url(event: Event) -> str:
    if not event.value_start:
        return "?"
    first, last = axis.snap(event.value_start, event.value_end or event.value_start, event.granularity)
    pad = max(7, (last - first).days // 2)
    return _query("", axis.Scale.inclusive(axis.shift(first, -pad), axis.shift(last, pad)))


def report_list(request):
    reports = ConsistencyReport.objects.only("id", "period_key", "period_start", "period_end", "created_at", "status", "counts")[:200]
    return render(request, "timeline/report_list.html", {"reports": [(r, report_counts(r)) for r in reports]})


def report_detail(request, pk: int):
    report = get_object_or_404(ConsistencyReport, pk=pk)
    counts = report_counts(report)
    new_ids = set(report.new_findings.values_list("id", flat=True))
    context = {
        "report": report,
        "counts": counts,
        "by_severity": sorted(counts["open_by_severity"].items(), key=lambda kv: severity_rank(kv[0])),
        "by_kind": sorted((kind.replace("_", " "), n) for kind, n in counts["open_by_kind"].items()),
        "serious": [(f, _claim_views(f.claims.all())) for f in most_serious(report)],
        "new": sort_findings(report.new_findings.select_related("event")),
        "still_open": sort_findings(report.open_findings.select_related("event").exclude(id__in=new_ids)),
        "resolved": sort_findings(report.resolved_findings.select_related("event")),
    }
    return render(request, "timeline/report_detail.html", context)

