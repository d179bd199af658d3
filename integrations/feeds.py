"""RSS and Atom entries as plain dataclasses, read by feedparser. No Django.

feedparser converts entry dates to UTC and drops the offset; the offset is
what resolves "yesterday" in the article's own time zone, so the date is
read again from the entry's raw text where that text carries one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import feedparser


class FeedError(Exception):
    pass


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    published_at: datetime | None  # aware, in the offset the feed gave


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """The entries with a link, in feed order; FeedError when the body is no feed at all."""
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"not an RSS or Atom feed: {parsed.get('bozo_exception', 'unreadable')}")
    if not parsed.version and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        entries.append(FeedEntry(url=link, title=(entry.get("title") or "").strip(), published_at=_entry_time(entry)))
    return entries


def _entry_time(entry) -> datetime | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        moment = _parse(raw)
        if moment is not None:
            return moment
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None:
            return datetime(*parsed[:6], tzinfo=timezone.utc)
    return None


def _parse(raw: str) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 (Atom), only when the text carries an offset.

    >>> _parse("Tue, 03 Mar 2026 09:00:00 +0400").isoformat()
    '2026-03-03T09:00:00+04:00'
    >>> _parse("2026-03-03T09:00:00+04:00").isoformat()
    '2026-03-03T09:00:00+04:00'
    """
    text = raw.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo is not None else None
