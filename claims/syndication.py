"""Recognising syndicated copies: one wire story run by several outlets.

Copies keep the story's body but change its headline, dateline, bylines and
page furniture, so an exact hash of the text tells them apart. Consensus must
count such copies once, or a story syndicated to five sites would outvote
four independent reports.
"""

from __future__ import annotations

import hashlib
import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"\w+")
_MIN_WORDS = 8  # shorter lines are headlines, datelines and furniture
_KEPT = 3  # the longest sentences carry the story; three survive light edits


def syndication_key(text: str) -> str:
    """A hash shared by copies of one story with different headlines or datelines.

    >>> a = syndication_key("Deal signed\\nOSLO (Wire) - The two ministers signed the transit deal in the capital on Monday after long talks. It covers rail freight and ferries across the sea between the two ports.")
    >>> b = syndication_key("Transit pact agreed | Daily\\nThe two ministers signed the transit deal in the capital on Monday after long talks. It covers rail freight and ferries across the sea between the two ports.")
    >>> a == b
    True
    """
    sentences = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line):
            words = _WORD.findall(sentence.casefold())
            if len(words) >= _MIN_WORDS:
                sentences.append(" ".join(words))
    if not sentences:
        sentences = [" ".join(_WORD.findall(text.casefold()))]
    # A dateline glued to the first sentence ("OSLO (Wire) - The two...") differs
    # between copies, so the first sentence only counts when nothing else does.
    body = sentences[1:] or sentences
    kept = sorted(sorted(body, key=len, reverse=True)[:_KEPT])
    return hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()
