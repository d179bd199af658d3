"""What a fetched page is: its HTML as text, title, canonical URL and publication day.

trafilatura reads the title and the canonical link; htmldate the publication
day, asked in order of trust so that where the date came from can be
recorded: the page's metadata, then the URL's path, then dates visible in
the page. Plain Python, no Django.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import courlan
import htmldate
import trafilatura
from trafilatura.utils import decode_file


class DateFrom(enum.StrEnum):
    FEED = "feed"  # the feed entry's own date, with its time and offset
    GIVEN = "given"  # stated by whoever asked for the page (the API's published_at)
    HTML_METADATA = "html_metadata"  # <meta>, JSON-LD, <time> marked up as the publication date
    URL = "url"  # /2026/03/04/ in the link
    PAGE_TEXT = "page_text"  # a date printed on the page
    NONE = "none"


@dataclass(frozen=True)
class Page:
    html: str
    title: str
    canonical_url: str
    published: date | None
    published_from: DateFrom


def normalize(url: str) -> str:
    """One spelling per address, so the same article asked for twice is one request.

    >>> normalize("HTTPS://Wire.Example:443/a/1?utm_source=x#top")
    'https://wire.example/a/1'
    """
    try:
        return courlan.normalize_url(courlan.clean_url(url) or url, strict=True)
    except ValueError:
        return url


def decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header is common; fall back to sniffing the bytes
    return decode_file(body)


def read_page(html: str, url: str) -> Page:
    metadata = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    canonical = metadata.url if metadata.url and _same_site_or_absolute(metadata.url) else url
    published, source = _publication_day(html, url)
    return Page(html=html, title=(metadata.title or "").strip(), canonical_url=normalize(canonical), published=published, published_from=source)


def _same_site_or_absolute(candidate: str) -> bool:
    parts = urlsplit(candidate)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _publication_day(html: str, url: str) -> tuple[date | None, DateFrom]:
    attempts = (
        (DateFrom.HTML_METADATA, {"extensive_search": False}),
        (DateFrom.URL, {"extensive_search": False, "url": url}),
        (DateFrom.PAGE_TEXT, {"extensive_search": True, "url": url}),
    )
    for source, options in attempts:
        found = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%d", **options)
        if found:
            return date.fromisoformat(found), source
    return None, DateFrom.NONE
