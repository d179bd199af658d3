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

_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|all rights reserved|все права защищены", re.IGNORECASE)
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

    position = 0
    for line in text.split("\n"):
        span = (position, position + len(line))
        position = span[1] + 1
        if not line.strip():
            close_run()
        elif _COPYRIGHT.search(line) or _COUNTER.match(line):
            spans.append(span)
            close_run()
        elif _is_short(line):
            run.append(span)
        else:
            close_run()
    close_run()
    return sorted(set(spans))
