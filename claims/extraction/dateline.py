"""The publication time from the text, when the metadata lacks it.

A dateline is a date at the head of the article that stands on a line of its
own, maybe with a label or a clock time ("11 February 2026 10:18",
"date 2026-02-11", "17:34, 10 февраля 2026"), or opens a wire story
("OSLO, Mar 4 (Northsea Wire) -", "ОСЛО, 4 марта 2026 года. ..."). A wire dateline gives no year; it is taken
as the first such day after the latest fully dated day in the story, and
without one there is no dateline.

The zone of a dateline is not written, so the wall-clock time is kept in UTC:
only its calendar day is used to resolve relative expressions.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

from claims.extraction.types import Granularity, PublishedAtSource

_HEAD = 1500  # a dateline sits near the top
_LINE_REST = 40  # what may share its line: a label, a clock time, page furniture
_WIRE = re.compile(r"(?:^|\n)[ \t]*[A-ZА-ЯЁ][A-ZА-ЯЁ .'’-]{1,40},[ \t]+$")
_INLINE_END = re.compile(r"^(?:[.—–]|-\s)")
_CLOCK = re.compile(r"(?<!\d)([0-2]?\d):([0-5]\d)(?!\d)")


def _line(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def _clock(candidate) -> time:
    for name in ("t1", "t0"):
        value = candidate.group(name)
        if value:
            match = _CLOCK.search(value)
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24:
                return time(hour, minute)
    return time(0, 0)


def find_dateline(text: str, found: list) -> tuple[datetime | None, PublishedAtSource]:
    """`found`: the extractor's candidates with their readings and claims, in text order."""
    published_at, source, _ = dateline_with_line(text, found)
    return published_at, source


def dateline_with_line(text: str, found: list) -> tuple[datetime | None, PublishedAtSource, tuple[int, int] | None]:
    """find_dateline, with the span of the line that gave it (what an editor is shown as evidence)."""
    dated = [f for f in found if f.reading.interval is not None and f.reading.interval.granularity == Granularity.DAY]
    for f in found:
        claim = f.claim
        if claim.start > _HEAD:
            break
        line_start, line_end = _line(text, claim.start)
        interval = f.reading.interval
        if interval is not None and interval.granularity == Granularity.DAY and interval.days == 1:
            before = text[line_start : claim.start].strip()
            after = text[claim.end : line_end].strip()
            if len(before) <= 12 and len(before) + len(after) <= _LINE_REST and not before.endswith(("on", "On")):
                return datetime.combine(interval.start, _clock(f.candidate), timezone.utc), PublishedAtSource.DATELINE, (line_start, line_end)
            # "МОСКВА, 13 февраля 2026 года. Премьер-министр...": a place in capitals, the full
            # date, then the story on the same line.
            if _WIRE.search(text[line_start : claim.start]) and _INLINE_END.match(after) and f.candidate.kind != "year":
                return datetime.combine(interval.start, time(0, 0), timezone.utc), PublishedAtSource.DATELINE, (line_start, line_end)
        elif f.reading.uses_direction and f.candidate.kind == "date" and _WIRE.search(text[line_start : claim.start]):
            latest = max((g.reading.interval.start for g in dated), default=None)
            if latest is None:
                continue
            day = f.reading.resolver(latest, 1)
            if day is not None and day.days == 1:
                return datetime.combine(day.start, time(0, 0), timezone.utc), PublishedAtSource.DATELINE, (line_start, line_end)
    return None, PublishedAtSource.NONE, None


_STALE_DAYS = 14  # a reprint older than this is a feature story quoting the wire, not a reprint


def stale_dateline(text: str, found: list, published: date) -> tuple[date, int, int] | None:
    """A reprinted wire story keeps the wire's dateline ("LIMA, June 2 (Andes Wire) -" in a
    paper published June 5): its "today" is the dateline's day. (day, start, end) of the
    paragraph the dateline opens, when its day is a few days before the publication day."""
    for f in found:
        claim = f.claim
        if claim.start > _HEAD:
            return None
        line_start, line_end = _line(text, claim.start)
        if not (f.reading.uses_direction and f.candidate.kind == "date" and _WIRE.search(text[line_start : claim.start])):
            continue
        day = f.reading.resolver(published, -1)
        if day is None or day.days != 1 or not 0 < (published - day.start).days <= _STALE_DAYS:
            return None
        return day.start, claim.end, line_end
    return None
