"""CSV rows produced one at a time, for StreamingHttpResponse (any size, constant memory).

Rows are read with QuerySet.iterator(chunk_size=...), so only one chunk is in
memory at once, and each row is written to a one-line buffer. A cell that a
spreadsheet would run as a formula (it starts with = + - @) is prefixed
with an apostrophe: article text is written by strangers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

CHUNK = 2000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """csv.writer writes to this and gets the line back."""

    def write(self, value: str) -> str:
        return value


def cell(value) -> str:
    """
    >>> cell("=HYPERLINK(1)"), cell(None), cell(True), cell(3)
    ("'=HYPERLINK(1)", '', 'true', '3')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_lines(header: list[str], rows: Iterable, row_of: Callable[[object], list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(header)  # the byte-order mark makes Excel read UTF-8
    for row in rows:
        yield writer.writerow([cell(v) for v in row_of(row)])


CLAIM_COLUMNS = [
    ("id", "id"), ("article", "article_id"), ("article_url", "article__url"), ("outlet", "article__outlet"),
    ("published_at", "article__published_at"), ("text", "text"), ("sentence", "sentence_text"),
    ("value_start", "value_start"), ("value_end", "value_end"), ("granularity", "granularity"),
    ("resolution", "resolution"), ("quoted", "quoted"), ("event", "event_id"),
    ("review_status", "review_status"), ("reviewed_at", "reviewed_at"),
]
EVENT_COLUMNS = [
    ("id", "id"), ("label", "label"), ("value_start", "value_start"), ("value_end", "value_end"),
    ("granularity", "granularity"), ("status", "status"), ("claim_count", "claim_count"),
]
FINDING_HEADER = ["id", "kind", "severity", "status", "message", "event", "claims", "first_seen_at", "last_seen_at", "resolved_at", "dismiss_reason"]


def claim_lines(rows) -> Iterator[str]:
    return csv_lines([c for c, _ in CLAIM_COLUMNS], rows.iterator(chunk_size=CHUNK), lambda r: [r[key] for _, key in CLAIM_COLUMNS])


def event_lines(rows) -> Iterator[str]:
    return csv_lines([c for c, _ in EVENT_COLUMNS], rows.iterator(chunk_size=CHUNK), lambda r: [r[key] for _, key in EVENT_COLUMNS])


def finding_lines(findings) -> Iterator[str]:
    def row_of(f):
        claims = " ".join(str(c.id) for c in f.claims.all())
        return [f.id, f.kind, f.severity, f.status, f.message, f.event_id, claims, f.first_seen_at, f.last_seen_at, f.resolved_at, f.dismiss_reason]

    return csv_lines(FINDING_HEADER, findings.iterator(chunk_size=CHUNK), row_of)
