"""Find candidate temporal expressions with the compiled patterns and settle overlaps.

Overlaps are settled longest first ("August 8 last year" beats "last year"),
then by the pattern's priority, then leftmost. Candidates on boilerplate lines
are dropped, and so are lone numbers that do not read as years.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.patterns import REACH, Patterns


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    match: re.Match

    def group(self, name: str) -> str | None:
        try:
            return self.match.group(name)
        except IndexError:  # the pattern has no such group
            return None


def _reads_as_year(text: str, start: int, end: int, patterns: Patterns) -> bool:
    """"in 2008", "2008 года", "2008." are years; "2008 people", "$2008" and "Article 2008" are not."""
    if start >= 2 and text[start - 2 : start] in ("- ", "+ "):
        return False
    if patterns.number_label is not None and patterns.number_label.search(text, max(0, start - 20), start):
        return False  # "Resolution 1701", "Flight 1907": a label's number
    if patterns.year_before.search(text, max(0, start - 30), start):
        return True
    if patterns.year_article is not None and patterns.year_article.search(text, max(0, start - 4), start):
        return patterns.year_noun_after.match(text, end) is not None  # "a 2010 raid", not "a 2024 model"
    return patterns.year_after.match(text, end) is not None


def _windows(text: str, patterns: Patterns) -> dict[str, list[tuple[int, int]]]:
    """Per trigger group, the merged stretches of text where its patterns may match."""
    lowered = text.lower()
    trigger = patterns.trigger
    if len(lowered) != len(text):  # offsets would shift: search the original text instead
        lowered, trigger = text, patterns.trigger_any_case
    size = len(text)
    windows: dict[str, list[tuple[int, int]]] = {}
    for match in trigger.finditer(lowered):
        group = match.lastgroup
        before, after = REACH[group]
        start, end = max(0, match.start() - before), min(size, match.end() + after)
        # end on a word boundary so a pattern's closing lookahead sees the real next character
        while end < size and text[end].isalnum():
            end += 1
        spans = windows.setdefault(group, [])
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return windows


def find_candidates(text: str, patterns: Patterns, skip: list[tuple[int, int]]) -> list[Candidate]:
    windows = _windows(text, patterns)
    found: list[tuple[int, int, int, str, re.Match]] = []
    for kind, priority, regex, group in patterns.finders:
        for window_start, window_end in windows.get(group, ()):
            for match in regex.finditer(text, window_start, window_end):
                # the "span" group, when the pattern has one and it took part in the match
                start, end = match.span("span") if "span" in regex.groupindex and match.start("span") >= 0 else match.span()
                if kind == "year" and not _reads_as_year(text, start, end, patterns):
                    continue
                found.append((start, end, priority, kind, match))
    found.sort(key=lambda item: (item[0] - item[1], -item[2], item[0]))
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    chosen: list[Candidate] = []
    skip_starts = [s for s, _ in skip]
    for start, end, _priority, kind, match in found:
        index = bisect.bisect_left(taken, (start, end))
        if index > 0 and taken[index - 1][1] > start:
            continue
        if index < len(taken) and taken[index][0] < end:
            continue
        line = bisect.bisect_right(skip_starts, start) - 1
        if line >= 0 and skip[line][0] <= start < skip[line][1]:
            continue
        taken.insert(index, (start, end))
        chosen.append(Candidate(start, end, kind, match))
    chosen.sort(key=lambda c: c.start)
    return chosen
