"""Per-language lexicons. Adding a language means adding one table module here.

Each module exposes `LEXICON`, a `Lexicon` (see `lexicon.py`). The patterns in
`claims.extraction.patterns` are compiled from these tables, so the extraction
code has no per-language branches.
"""

from __future__ import annotations

from claims.extraction.languages.base import Lexicon
from claims.extraction.languages import en, ru

LEXICONS: dict[str, Lexicon] = {"en": en.LEXICON, "ru": ru.LEXICON}


def lexicon_for(language: str) -> Lexicon:
    """The lexicon for a language code ("en", "ru-RU" -> "ru"); English when unknown."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return LEXICONS.get(code, LEXICONS["en"])
