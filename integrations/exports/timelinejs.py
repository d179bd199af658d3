"""TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html) for the timeline.

Dates keep their precision: TimelineJS takes a date as {year[, month[, day]]}
and shows only what is given, so an event known to the month is
{"year": 2008, "month": 8}, never the 1st of August. A span (a week, days
10-11, March to May) gets an end_date at the same precision. Undated events
cannot be placed on a TimelineJS axis and are left out (the title says how many).
"""

from __future__ import annotations

from datetime import date

from django.utils.html import escape, format_html, format_html_join

from claims.extraction.types import Granularity
from timeline.models import Event


def timeline_document(events: list[Event], *, headline: str, undated: int = 0) -> dict:
    slides = [slide for slide in (event_slide(e) for e in events) if slide is not None]
    note = f"{len(slides)} dated event(s)" + (f"; {undated} undated event(s) are not shown" if undated else "")
    return {"title": {"text": {"headline": headline, "text": note}}, "events": slides}


def event_slide(event: Event) -> dict | None:
    if event.value_start is None:
        return None
    end = event.value_end or event.value_start
    start_date, end_date = dates_at_precision(event.value_start, end, event.granularity or Granularity.DAY)
    slide = {
        "unique_id": f"event-{event.id}",
        "start_date": start_date,
        "text": {"headline": escape(event.label), "text": _sources_html(event)},
        "group": event.status,
    }
    if end_date is not None:
        slide["end_date"] = end_date
    if event.granularity == Granularity.WEEK:
        slide["display_date"] = f"week of {event.value_start:%-d %B %Y}"
    articles = _articles(event)
    if articles and articles[0].url:
        first = articles[0]
        slide["media"] = {"url": first.url, "link": first.url, "caption": escape(first.title), "credit": escape(first.outlet)}
    return slide


def dates_at_precision(start: date, end: date, granularity: str) -> tuple[dict, dict | None]:
    """TimelineJS start and end dates with only the parts the precision knows.

    >>> dates_at_precision(date(2008, 8, 1), date(2008, 8, 31), "month")
    ({'year': 2008, 'month': 8}, None)
    >>> dates_at_precision(date(2026, 2, 10), date(2026, 2, 11), "day")
    ({'year': 2026, 'month': 2, 'day': 10}, {'year': 2026, 'month': 2, 'day': 11})
    >>> dates_at_precision(date(2008, 1, 1), date(2008, 12, 31), "year")
    ({'year': 2008}, None)
    """
    if granularity == Granularity.YEAR:
        parts = lambda d: {"year": d.year}  # noqa: E731
        same = start.year == end.year
    elif granularity == Granularity.MONTH:
        parts = lambda d: {"year": d.year, "month": d.month}  # noqa: E731
        same = (start.year, start.month) == (end.year, end.month)
    else:  # a day, or a week, which is a span of days
        parts = lambda d: {"year": d.year, "month": d.month, "day": d.day}  # noqa: E731
        same = start == end
    return parts(start), None if same else parts(end)


def _articles(event: Event) -> list:
    seen, articles = set(), []
    for claim in event.claims.all():
        if claim.article_id not in seen:
            seen.add(claim.article_id)
            articles.append(claim.article)
    return articles


def _sources_html(event: Event) -> str:
    rows = []
    for claim in event.claims.all():
        article = claim.article
        name = article.title or article.url or f"article {article.id}"
        source = format_html('<a href="{}">{}</a>', article.url, name) if article.url else escape(name)
        rows.append((claim.text, source, article.outlet))
    return format_html("<ul>{}</ul>", format_html_join("", "<li>“{}” — {} ({})</li>", rows))
