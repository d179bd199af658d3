"""What an event's date most likely is, from the claims linked to it.

- Rejected claims do not count; verified claims decide when there are any.
- Each independent source votes once: articles sharing a content hash are one
  text syndicated, so they are one source.
- Dates computed from an offset ("six months later") are derived, not
  reported, so they vote only when nothing else does; dates resolved against
  an inferred publication time (Resolution.INFERRED) vote only when no stated
  date does; dates counted from a publication time an open publication_date_suspect
  finding questions do not vote until an editor decides (ClaimRecord.held_back), and a
  date the event lent a year-less claim (ClaimRecord.dated_by_event) never votes.
- A start or end claim votes for the first or last day, never for the span.
"""

from __future__ import annotations

from collections import defaultdict

from claims.extraction.types import Granularity, Interval, Resolution
from timeline.analysis.dates import END, START, WHOLE, agrees, precision_rank
from timeline.analysis.types import ClaimRecord, EventStatus, ReviewStatus


def source_of(record: ClaimRecord) -> str:
    """Syndicated copies of one text are one source."""
    return record.content_hash or f"article:{record.article_id}"


def voting_claims(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    # A date counted from a publication time under an open suspect finding does not vote at all
    # until an editor decides: it would pull the event towards the error the finding reports.
    # A date the event itself lent a year-less claim is the consensus's echo, never a vote.
    live = [
        c for c in claims
        if c.review_status != ReviewStatus.REJECTED and c.claim.interval is not None and not c.held_back and not c.dated_by_event
    ]
    reported = [c for c in live if c.claim.offset is None]
    # A date resolved against an inferred publication time is a guess with evidence: it votes
    # only when no stated date does, so it can never outvote one.
    stated = [c for c in reported if c.claim.resolution != Resolution.INFERRED]
    return stated or reported or live


def _candidates(claims: list[ClaimRecord], phases: dict[int, str]) -> list[Interval]:
    """Whole-event intervals stated by the claims, and spans built from start/end claims."""
    wholes = [c.claim.interval for c in claims if phases.get(c.id, WHOLE) not in (START, END)]
    starts = [c.claim.interval for c in claims if phases.get(c.id) == START]
    ends = [c.claim.interval for c in claims if phases.get(c.id) == END]
    candidates = list(dict.fromkeys(wholes))
    for s in starts:
        for e in ends:
            if s.start <= e.end:
                candidates.append(Interval(s.start, e.end, Granularity.DAY if s.granularity == e.granularity == Granularity.DAY else Granularity.MONTH))
    if not wholes:
        candidates.extend(dict.fromkeys(starts + ends))
    return candidates


def _support(candidate: Interval, claims: list[ClaimRecord], phases: dict[int, str]) -> int:
    sources = {source_of(c) for c in claims if agrees(c.claim.interval, candidate, phases.get(c.id, WHOLE))}
    return len(sources)


def consensus(claims: list[ClaimRecord], phases: dict[int, str] | None = None) -> tuple[Interval | None, EventStatus]:
    """The event's most supported interval and whether its claims agree.

    A coarse candidate ("2025") agrees with every day in it, so it always has
    the most support; the most precise candidate backed by more than half as
    many sources as the best-supported one wins instead, then the one stated
    by more claims, then the earlier.
    """
    phases = phases or {}
    verified = [c for c in voting_claims(claims) if c.review_status == ReviewStatus.VERIFIED]
    if verified:
        best = min((c.claim.interval for c in verified), key=lambda i: (precision_rank(i), i.days))
        return best, EventStatus.CONSISTENT
    voters = voting_claims(claims)
    if not voters:
        return None, EventStatus.UNVERIFIED
    stated = defaultdict(int)
    for c in voters:
        stated[c.claim.interval] += 1
    candidates = _candidates(voters, phases)
    support = {i: _support(i, voters, phases) for i in candidates}
    top = max(support.values())
    eligible = [i for i in candidates if 2 * support[i] > top]
    # The last key breaks a tie between equally backed dates by the dates themselves, not by which
    # claim was stored first, so any arrival order agrees on it. The earlier: one source's "yesterday"
    # tied with another's later date then never reads as a happening reported before it happened
    # (publication_date_suspect), which would hold the article's dates back (ClaimRecord.held_back)
    # from the sources that arrive later and agree with it.
    best = max(eligible, key=lambda i: (-precision_rank(i), support[i], stated[i], -i.days, -i.start.toordinal()))
    dissent = [c for c in voters if not agrees(c.claim.interval, best, phases.get(c.id, WHOLE))]
    if dissent:
        return best, EventStatus.CONFLICTING
    if len({source_of(c) for c in voters}) >= 2:
        return best, EventStatus.CONSISTENT
    return best, EventStatus.UNVERIFIED
