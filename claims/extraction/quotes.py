"""Where the text quotes someone.

Curly and guillemet quotes open and close explicitly; a new paragraph that
opens another quote while one is open continues it (the press convention of
leaving a multi-paragraph quote open at each paragraph end). Straight quotes
toggle. A quote never left open beyond `_LONGEST` characters: an unbalanced
mark then closes at the end of its paragraph instead of swallowing the article.
"""

from __future__ import annotations

import bisect
import re

_MARKS = re.compile(r"[“”«»„\"]")
_OPEN = "“«„"
_CLOSE = "”»"
_LONGEST = 4000


class Quotes:
    def __init__(self, text: str):
        spans: list[tuple[int, int]] = []
        start: int | None = None
        straight = False
        for match in _MARKS.finditer(text):
            mark, position = match.group(), match.start()
            if start is not None and position - start > _LONGEST:
                paragraph_end = text.find("\n", start)
                spans.append((start, paragraph_end if paragraph_end != -1 else len(text)))
                start = None
            if start is None:
                if mark in _OPEN or mark == '"':
                    start, straight = position, mark == '"'
            elif (mark in _CLOSE and not straight) or (mark == '"' and straight):
                spans.append((start, position + 1))
                start = None
        if start is not None:
            paragraph_end = text.find("\n", start)
            spans.append((start, paragraph_end if paragraph_end != -1 else len(text)))
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def around(self, position: int) -> tuple[int, int] | None:
        """The quote span holding `position`, if any."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0 and self.spans[index][0] <= position < self.spans[index][1]:
            return self.spans[index]
        return None
