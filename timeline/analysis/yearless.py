"""Year-less dates an event's date fixes: "10 February", "Monday", "in March" in an article with
no publication time, on an event other sources date.

The text alone cannot say which year's 10 February it means; the event it links to (by who,
where and what) can, when its stated claims date it: the occurrence nearest that date, if one
lies within `REACH_DAYS`. The date is inferred: it never votes on the event's date
(consensus.voting_claims) nor links by it (linking.as_linked), so an event never confirms itself.
"""

from __future__ import annotations

from claims.extraction.types import Interval, Resolution
from timeline.analysis.consensus import consensus
from timeline.analysis.types import ClaimRecord

# How far from the event's date the year-less date may fall: a few days covers a multi-day
# happening's first day or a misremembered day; a month away is another happening.
REACH_DAYS = 7


def lent_date(records: list[ClaimRecord], phases: dict[int, str]) -> Interval | None:
    """The event's date as its stated claims give it (none resolved against an inferred
    publication time, none lent): what it lends, or None when no claim states one."""
    stated = [r for r in records if r.claim.resolution not in (Resolution.INFERRED, Resolution.UNRESOLVED) and not r.dated_by_event]
    return consensus(stated, phases)[0] if stated else None


def borrowers(records: list[ClaimRecord]) -> list[ClaimRecord]:
    """The claims the text leaves undated (no offset to count from), and those already lent a date."""
    return [r for r in records if r.claim.offset is None and (r.dated_by_event or r.claim.interval is None)]


def fits(record: ClaimRecord, interval: Interval) -> bool:
    """A stated weekday must match the day the year gives ("Tuesday, 10 February" is not a Wednesday's)."""
    weekday = record.claim.weekday
    return weekday is None or interval.days != 1 or interval.start.weekday() == weekday
