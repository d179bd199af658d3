"""Per-language lexicons. Adding a language means adding one table module here.

A language without a table gets one derived from dateparser's locale data
(`derived.py`: month names, today/yesterday/tomorrow, last/next week...), and
English only when dateparser does not know the language either.

Each module exposes `LEXICON`, a `Lexicon` (see `lexicon.py`). The patterns in
`claims.extraction.patterns` are compiled from these tables, so the extraction
code has no per-language branches.
"""

from __future__ import annotations

from claims.extraction.languages.base import Lexicon
from claims.extraction.languages import en, ru
from claims.extraction.languages.derived import derived_lexicon

LEXICONS: dict[str, Lexicon] = {"en": en.LEXICON, "ru": ru.LEXICON}


def lexicon_for(language: str) -> Lexicon:
    """The lexicon for a language code ("en", "ru-RU" -> "ru"): the hand-written table, else one
    derived from dateparser's data ("fr", "de"...), else English."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    if code in LEXICONS:
        return LEXICONS[code]
    return derived_lexicon(code) or LEXICONS["en"]
