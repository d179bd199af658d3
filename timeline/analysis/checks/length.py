"""How long a happening lasted, as one source says it ("a three-day visit"), against the
days it is dated ("February 10–11").

A duration dates nothing, so it sits on no event; it belongs to the event of a dated claim
in its own sentence. It is compared with a range of days only: the range its own sentence
gives, else the event's consensus when that is a range. A single day ("arrives on 10
February for a three-day visit") names where the stay starts, not how long it is. Hedged
or approximate lengths ("about a week") are left alone, and the finding is low: the length
may be of a part of the happening the dates do not cover.
"""

from __future__ import annotations

import re

from claims.extraction.types import Granularity, Interval
from timeline.analysis.checks.common import Found, found, outlets, quote, topic
from timeline.analysis.dates import WHOLE
from timeline.analysis.text import format_interval
from timeline.analysis.types import ClaimRecord, EventView, FindingKind, Severity

_DAYS = re.compile(r"P(\d{1,3})([DW])")  # TIMEX3: "P3D", "P2W"


def stated_days(record: ClaimRecord) -> int | None:
    """The whole days a duration claim states, or None (hours, months, approximate...).

    >>> from claims.extraction.types import Resolution, TemporalClaim, TimexType
    >>> claim = TemporalClaim(2, 16, "three-day visit", 0, 40, None, Granularity.DAY, Resolution.UNRESOLVED,
    ...                       timex_type=TimexType.DURATION, timex_value="P3D")
    >>> stated_days(ClaimRecord(id=1, article_id=1, outlet="", published_at=None, article_text="", claim=claim))
    3
    """
    claim = record.claim
    match = _DAYS.fullmatch(claim.timex_value)
    if match is None or claim.timex_mod or claim.offset is not None:
        return None
    return int(match.group(1)) * (7 if match.group(2) == "W" else 1)


def _range(interval: Interval | None) -> bool:
    return interval is not None and interval.granularity == Granularity.DAY and interval.days >= 2


def length_mismatch(event: EventView) -> list[Found]:
    results = []
    dated = [c for c in event.claims if c.claim.offset is None and c.claim.interval is not None and (event.phases.get(c.id) or WHOLE) == WHOLE]
    for length in event.lengths:
        days = stated_days(length)
        if days is None:
            continue
        own = [c for c in dated if c.article_id == length.article_id and c.claim.sentence_start == length.claim.sentence_start and _range(c.claim.interval)]
        if own:
            interval, by = own[0].claim.interval, own[:1]
        elif _range(event.consensus):
            interval, by = event.consensus, [c for c in dated if c.claim.interval == event.consensus]
        else:
            continue
        if interval.days == days or not by:
            continue
        where = "in the same sentence" if own else f"according to {outlets(by)}"
        message = (
            f"{length.outlet} speaks of {quote(length)} ({days} day(s)) for {topic(event.label)}, "
            f"but {where} it ran {format_interval(interval)} ({interval.days} day(s))."
        )
        results.append(found(FindingKind.DURATION_MISMATCH, Severity.LOW, message, event.id, [length.id], [c.id for c in by]))
    return results
