"""Page furniture that must not yield claims: menus, share bars, copyright and
counter lines. General rules only, so they hold for outlets never seen:

- a line with a copyright sign or an "all rights reserved" phrase;
- a "Label: 123" counter line ("Views: 132"), but not a date ("Published: 18.09.2026");
- a menu block: three or more consecutive short lines with no sentence
  punctuation (nav links, share buttons, "A+ / A-").

A lone short line (a headline, "07 February 2026 19:01") is kept: datelines
live there.
"""

from __future__ import annotations

import re

_COPYRIGHT = re.compile(r"©|\(c\)[^\S\n]*\d{4}|all rights reserved|все права защищены", re.IGNORECASE)
# The same, for lower-cased text: without IGNORECASE every alternative starts with a
# literal, and the engine skips to the next candidate character (four times faster).
_COPYRIGHT_LOWER = re.compile(_COPYRIGHT.pattern)
_COUNTER = re.compile(r"^\s*[^\W\d][\w .-]{0,24}:(?!\s*\d{1,2}[./]\d{1,2}[./]\d{4}\s*$)\s*[\d\s,.]+$")
_SENTENCE_END = re.compile(r"[.!?…]\s*[\"”»’)]?\s*$")
_MENU_MIN_LINES = 3
_SHORT_WORDS = 5
_SHORT_CHARS = 40


def _is_short(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= _SHORT_CHARS and len(stripped.split()) <= _SHORT_WORDS and not _SENTENCE_END.search(stripped)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every boilerplate line, in order."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # consecutive short non-blank lines

    def close_run() -> None:
        if len(run) >= _MENU_MIN_LINES:
            spans.extend(run)
        run.clear()

    marks = _copyright_marks(text)
    position = 0
    for line in text.split("\n"):
        span = (position, position + len(line))
        position = span[1] + 1
        while marks and marks[-1] < span[0]:
            marks.pop()
        if not line.strip():
            close_run()
        elif (marks and marks[-1] < span[1]) or _COUNTER.match(line):
            spans.append(span)
            close_run()
        elif _is_short(line):
            run.append(span)
        else:
            close_run()
    close_run()
    return sorted(set(spans))


def _copyright_marks(text: str) -> list[int]:
    """Where copyright lines start their mark, last first (so the scan pops them in order)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        found = [m.start() for m in _COPYRIGHT_LOWER.finditer(lowered)]
    else:  # lower-casing moved the offsets ("İ"): search the text as it is
        found = [m.start() for m in _COPYRIGHT.finditer(text)]
    return found[::-1]
