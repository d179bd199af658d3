"""Sentence spans over the raw text.

A line break always ends a sentence (news text puts headlines, datelines and
paragraphs on lines of their own). Inside a line, ".", "!", "?" end a sentence
when the next word starts with a capital, a digit or a quote, and the word
before the period is not an abbreviation or an initial ("U.S.", "J.D.", "Dr.").
"""

from __future__ import annotations

import bisect
import re

# One character class first (a line break or an end mark), so the engine skips straight
# to the next candidate instead of trying the pattern at every position (three times faster).
_BREAK = re.compile(r"[\n.!?…](?:(?<=\n)|[.!?…]*[\"”»’')\]]*[ \t]+(?=[\"“«(\[]?[A-ZА-ЯЁ0-9]))")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?…]+[\"”»’')\]]*[ \t]*$")


class Sentences:
    def __init__(self, text: str, abbreviations: frozenset[str]):
        starts = [0]
        for match in _BREAK.finditer(text):
            if match.group() != "\n" and self._after_abbreviation(text, match, abbreviations):
                continue
            starts.append(match.end())
        self._starts = starts
        self._text = text

    @staticmethod
    def _after_abbreviation(text: str, match: re.Match, abbreviations: frozenset[str]) -> bool:
        if not match.group().startswith("."):
            return False
        word = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.end())
        if word is None:
            return False
        token = word.group(1).lstrip("(\"“«'").lower()
        # an initial ("J." / "U.S") or a listed abbreviation; a digit is no initial ("on March 1. A ...")
        return (len(token) == 1 and token.isalpha()) or "." in token or token in abbreviations

    def span(self, position: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `position`, trimmed of surrounding space."""
        index = bisect.bisect_right(self._starts, position) - 1
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._text)
        text = self._text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end
