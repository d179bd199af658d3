"""The contract of event linking and the consistency checks: plain dataclasses.

The Django layer builds `ClaimRecord`s from the database, calls
`timeline.analysis.linking.link_claims` and then `timeline.analysis.checks.run_checks`,
and persists what they return. Nothing here imports Django.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from claims.extraction.types import Interval, TemporalClaim
from claims.types import ReviewStatus  # re-exported: the checks read verdicts


class EventStatus(enum.StrEnum):
    CONSISTENT = "consistent"
    CONFLICTING = "conflicting"
    UNVERIFIED = "unverified"


class Severity(enum.StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class FindingKind(enum.StrEnum):
    DATE_CONFLICT = "date_conflict"
    WEEKDAY_MISMATCH = "weekday_mismatch"
    PRECEDENT_CONFLICT = "precedent_conflict"
    DURATION_MISMATCH = "duration_mismatch"
    PUBLICATION_DATE_SUSPECT = "publication_date_suspect"
    UNRESOLVED_DATE = "unresolved_date"


@dataclass(frozen=True)
class ClaimRecord:
    """A stored claim with what linking and checking need to know of its article."""

    id: int
    article_id: int
    outlet: str
    published_at: datetime | None
    article_text: str  # the raw text; claim offsets point into it
    claim: TemporalClaim
    content_hash: str = ""  # syndicated copies of one text share it and count once
    review_status: ReviewStatus = ReviewStatus.UNREVIEWED
    pinned_event_id: int | None = None  # an editor put it there; linking must not move it
    created_at: datetime | None = None  # when the claim was first stored
    reviewed_at: datetime | None = None  # when an editor last gave a verdict
    # Its date counts from a publication time an open publication_date_suspect finding questions:
    # until an editor decides, it neither votes on its event's date nor links by it (held_back).
    date_suspect: bool = False
    # Its year (or day) was lent by its event's date (claims.services.claims_date_from_events): the
    # text gives none, so it neither votes on that date nor links by it.
    dated_by_event: bool = False
    # Its date was counted by linking from the event its phrase names ("three weeks after the charter
    # was signed"): linking counts it again from that event's date as it stands, never reads it back.
    dated_by_anchor: bool = False

    @property
    def held_back(self) -> bool:
        """Its date must not steer events: suspect, and no editor has verified the claim itself."""
        return self.date_suspect and self.review_status != ReviewStatus.VERIFIED

    @property
    def sentence(self) -> str:
        return self.article_text[self.claim.sentence_start : self.claim.sentence_end]


@dataclass(frozen=True)
class Alias:
    """An editable name for an entity: "JR Okafor" -> person "J.R. Okafor"."""

    canonical: str
    alias: str
    kind: str  # person, organisation, place, document


@dataclass
class EventGroup:
    """Claims that linking puts on one happening.

    `key` is stable across re-runs for the same happening (built from what and
    who, not from ids), so the service can map a group onto the Event row it
    made last time. `event_id` is set when the group holds pinned claims.
    """

    key: str
    label: str
    claim_ids: list[int]
    event_id: int | None = None
    phases: dict[int, str] = field(default_factory=dict)  # claim id -> "start" / "end" / "whole"
    # Claims whose date only the event stage can fix ("exactly three weeks after
    # the charter was signed"): claim id -> the interval computed from the anchor.
    resolved: dict[int, Interval] = field(default_factory=dict)
    # Where claims that could join this group look it up (linking's candidate index,
    # stored per event so a new claim is scored against a few events, not all).
    keys: frozenset[str] = frozenset()


@dataclass
class EventView:
    """An event as stored, handed to the checks."""

    id: int
    label: str
    claims: list[ClaimRecord]
    consensus: Interval | None = None
    status: EventStatus = EventStatus.UNVERIFIED
    phases: dict[int, str] = field(default_factory=dict)
    # Durations ("a three-day visit") in the sentences of its claims: they date nothing, so
    # they are on no event, but they say how long it lasted (checks.length).
    lengths: list[ClaimRecord] = field(default_factory=list)


@dataclass(frozen=True)
class FindingDraft:
    """What a check found. `fingerprint` is stable for the same contradiction."""

    kind: FindingKind
    severity: Severity
    message: str
    event_id: int | None
    claim_ids: tuple[int, ...]
    fingerprint: str
    subject_id: int | None = None  # the claim it questions: with the kind, the finding's identity
    legacy_fingerprint: str = ""  # what findings stored before identity moved to the subject were keyed by
