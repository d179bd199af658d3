"""The publication day from the text's own dates, when neither metadata nor a dateline gives it.

A news report is written on or after the last day it reports as past: "the
council voted on 12 March 2026" was written on 12 March or later. So an
article with no publication time and no dateline is taken to be published on
the latest day it states in full (day, month and year) in past-tense
reporting. It is a lower bound, so the rule is conservative and says nothing
(None) unless all of these hold:

- some claim needs a publication day ("yesterday", "on Monday", "10 February");
  otherwise there is nothing to resolve;
- the day is a single day written in full, in the lead (the first paragraph of
  prose: a story opens with its news, while the body recalls the background,
  "the memorandum signed on 12 March 2025"), outside quotations (a quotation
  may be older than the story), in a sentence whose nearest tense marker is past;
- no other full date contradicts it: nothing in future tense before it (the
  story still looks forward to it), and no date after it that is not in
  future tense (the story knows a later time than the day we would take).

Relative dates resolved against this day are Resolution.INFERRED: they never
outvote a stated date (timeline.analysis.consensus).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timezone

from claims.extraction.tense import FUTURE, PAST, direction
from claims.extraction.types import Granularity, Resolution


def latest_stated_day(text: str, found: list, patterns) -> tuple[datetime, tuple[int, int]] | None:
    """(the publication day at 00:00 UTC, the span of the sentence that gave it), or None.

    `found`: the extractor's candidates with their readings and claims, in text order.
    """
    if not any(f.reading.resolver is not None and f.claim.interval is None for f in found):
        return None
    stated = [f for f in found if f.claim.resolution == Resolution.ABSOLUTE and f.claim.interval is not None]
    tense = {id(f): _tense(text, f, patterns) for f in stated}
    lead_start, lead_end = lead_span(text)
    past_days = [
        f for f in stated
        if lead_start <= f.claim.start < lead_end and f.quote is None and tense[id(f)] == PAST
        and f.claim.interval.granularity == Granularity.DAY and f.claim.interval.days == 1
    ]
    if not past_days:
        return None
    latest = max(past_days, key=lambda f: (f.claim.interval.start, -f.claim.start))
    day = latest.claim.interval.start
    for f in stated:
        interval, way = f.claim.interval, tense[id(f)]
        if way == FUTURE and interval.end < day:
            return None  # "will meet on 3 March": the story was written before a day we would take
        if way != FUTURE and interval.start > day:
            return None  # the story knows a later day (a date it does not report as past)
    # The zone of the day is not written: as for a dateline, the calendar day is what counts.
    return datetime.combine(day, time(0, 0), timezone.utc), (latest.claim.sentence_start, latest.claim.sentence_end)


def _tense(text: str, f, patterns) -> int:
    claim = f.claim
    return direction(text, (claim.sentence_start, claim.sentence_end), claim.start, claim.end, patterns)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PROSE_END = re.compile(r"[.!?…][\"'»”’)]*\s*$")


def lead_span(text: str) -> tuple[int, int]:
    """The first paragraph that reads as prose (ends like a sentence), after a headline and bylines.

    >>> text = "Council approves budget\\n\\nThe council approved the budget on 3 March 2026.\\n\\nIt was late."
    >>> text[slice(*lead_span(text))]
    'The council approved the budget on 3 March 2026.'
    """
    start = 0
    for gap in [*_BLANK_LINE.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if _PROSE_END.search(text[start:end]):
            return start + len(text[start:end]) - len(text[start:end].lstrip()), end
        start = gap.end() if gap else len(text)
    return 0, 0
