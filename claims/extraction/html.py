"""Article text and publication date from HTML.

trafilatura strips the page furniture; htmldate reads the publication date
from metadata, URLs and visible dates. Claim offsets then point into the
returned text, which is what the pipeline stores as the article's text.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import htmldate
import trafilatura


def extract_html(html: str) -> tuple[str, datetime | None]:
    """(main text, publication time or None).

    htmldate gives a calendar day without a zone; it is returned as midnight UTC
    so that its calendar day, the only part relative dates use, is unchanged.
    """
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    found = htmldate.find_date(html, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    published = None
    if found:
        day = date.fromisoformat(found)
        published = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return text, published
