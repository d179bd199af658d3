"""Small text helpers shared by entity finding, linking and the checks.

Everything works on raw-text offsets (Python str indices), because claims point
into the raw text and findings must be traceable back to it.
"""

from __future__ import annotations

import re
from datetime import date

from claims.extraction.types import Granularity, Interval

# A clause ends at these marks; a happening word on the far side of one is
# less likely to be the one a date belongs to.
CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")

# Words that open a clause about a *different* happening used as a reference
# point: "wrapped up his visit yesterday after signing the charter" dates the
# visit, not the signing. "Never before" / "once before" are precedent words.
SUBORDINATE_CUE = re.compile(
    r"\b(?:after|(?<!never\s)(?<!ever\s)(?<!once\s)before|ahead of|following|prior to|since|until|после|перед)\b",
    re.IGNORECASE,
)

# Initials ("J.D.", "U.S.") and common abbreviations do not end a sentence.
_NO_SPLIT_BEFORE = re.compile(
    r"(?:\b[^\W\d_]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|г|гг|ул)\.$"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»’)]*(?=\s+[\"“«(]?[A-ZА-ЯЁ0-9])|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split raw text into sentence spans; every line break also ends one.

    >>> [ (s, e) for s, e in sentence_spans("J.R. Okoro came. He left.") ]
    [(0, 16), (17, 25)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group() != "\n" and _NO_SPLIT_BEFORE.search(text[start : match.start() + 1]):
            continue
        _append_span(spans, text, start, end)
        start = end
    _append_span(spans, text, start, len(text))
    return spans


def _append_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def subordinate_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside text[start:end] opened by a subordinating cue and closed by
    the next clause break (or the end): "after signing the charter"."""
    spans = []
    segment = text[start:end]
    for cue in SUBORDINATE_CUE.finditer(segment):
        stop = CLAUSE_BREAK.search(segment, cue.end())
        spans.append((start + cue.start(), start + (stop.start() if stop else len(segment))))
    return spans


def clause_breaks_between(text: str, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return len(CLAUSE_BREAK.findall(text[lo:hi]))


def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans, 0 when they touch or overlap."""
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def format_interval(interval: Interval | None) -> str:
    """How a person writes a dated span: 2026-02-10, 2026-02-10–11, 2008-09, 2008."""
    if interval is None:
        return "an unknown date"
    if interval.granularity == Granularity.YEAR and interval.days >= 365:
        years = f"{interval.start.year}"
        return years if interval.start.year == interval.end.year else f"{years}–{interval.end.year}"
    if interval.granularity == Granularity.MONTH and interval.start.month == interval.end.month:
        return interval.start.strftime("%Y-%m")
    if interval.start == interval.end:
        return interval.start.isoformat()
    if interval.start.year == interval.end.year and interval.start.month == interval.end.month:
        return f"{interval.start.isoformat()}–{interval.end.day:02d}"
    return f"{interval.start.isoformat()}–{interval.end.isoformat()}"


def day(value: date) -> Interval:
    return Interval(value, value, Granularity.DAY)


def join_names(names: list[str]) -> str:
    names = sorted(set(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
