"""A worker compiles its patterns and reads its tables before it takes work.

The extractor's patterns, the gazetteer and the entity finder are built on first
use and kept for the life of the process: a few seconds of CPU that otherwise fall
on the first articles a worker takes (and on everything queued behind them).
"""

from __future__ import annotations

import logging

from django.db import DatabaseError

from claims.extraction import extract
from claims.extraction.languages import LEXICONS
from claims.extraction.types import ArticleText
from timeline.analysis.gazetteer import gazetteer
from timeline.records import finder

log = logging.getLogger(__name__)

_SAMPLE = "The agreement was signed in Paris on 8 August 2025, a week after talks began."


def warm_up() -> None:
    for language in LEXICONS:  # the hand-written tables; derived ones are built when an article needs them
        extract(ArticleText(text=_SAMPLE, language=language))
    gazetteer()
    try:
        finder()  # the alias table as it is now; a later change to it builds a new finder
    except DatabaseError as exc:  # the database not up yet: the first article builds it instead
        log.warning("warm-up could not read the alias table: %s", exc)
