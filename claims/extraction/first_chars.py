"""The characters a regular expression's match can start with, to guard its scan.

Python's engine tries a pattern at every position of the text it searches. The
extractor's finders begin with optional parts, lookbehinds and long alternations,
so each failed position costs much; a leading `(?=[...])` of the characters a
match can start with rejects most positions with one set test (a third of the
candidate search in bench.extraction). The set is read from the parsed pattern;
anything this module does not understand gives no guard, never a wrong one.
"""

from __future__ import annotations

import re

try:  # the parser's internals (Python 3.11+); without them there is simply no guard
    from re import _constants as C  # noqa: N812
    from re import _parser
except ImportError:  # pragma: no cover
    _parser = None

_MAX_CHARS = 60  # a set this large filters too little to pay for the test


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """A lookahead for the characters a match of `pattern` can start with, or "" when unknown.

    >>> first_char_guard(r"(?:on\\s+)?(?P<d>[0-3]?\\d)")
    '(?=[0123456789o])'
    >>> first_char_guard(r"\\w+")
    ''
    """
    if _parser is None:
        return ""
    try:
        chars, may_be_empty = _sequence(list(_parser.parse(pattern, flags)))
    except Exception:  # an unusual construct: no guard
        return ""
    if chars is None or may_be_empty or not chars or len(chars) > _MAX_CHARS:
        return ""
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(chars)) + "])"


def _sequence(items) -> tuple[set[str] | None, bool]:
    """First characters of a sequence of items (None: any may come first), and whether it may match nothing."""
    chars: set[str] = set()
    for op, av in items:
        first, may_be_empty = _item(op, av)
        if first is None:
            return None, False
        chars |= first
        if not may_be_empty:
            return chars, False
    return chars, True  # the whole sequence may match nothing: whatever follows it comes first


def _item(op, av) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        return _charset(av), False
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is C.BRANCH:
        chars: set[str] = set()
        any_empty = False
        for alternative in av[1]:
            first, may_be_empty = _sequence(list(alternative))
            if first is None:
                return None, False
            chars |= first
            any_empty = any_empty or may_be_empty
        return chars, any_empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        first, may_be_empty = _sequence(list(body))
        return first, may_be_empty or low == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero width: the next item's characters come first
    return None, False


def _charset(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] <= _MAX_CHARS:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:  # a negated set, \w, a wide range: anything
            return None
    return chars
