"""The contract of the text pipeline: plain dataclasses, no Django.

Dates are intervals with a precision. `2008` is the whole year 2008 with
granularity YEAR, never 2008-01-01. A claim whose value depends on an unknown
publication time has no interval and resolution UNRESOLVED.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import date, datetime


class Granularity(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Resolution(enum.StrEnum):
    ABSOLUTE = "absolute"  # the text alone fixes the date ("August 8, 2025")
    RELATIVE = "relative"  # resolved against the publication time ("yesterday")
    ANCHORED = "anchored"  # resolved from another date ("six months later", quoted "tomorrow")
    # resolved against a publication time the text implies (a dateline, a "Published" line), not one
    # the metadata states: a guess with evidence, which never outvotes a stated date (consensus.py)
    INFERRED = "inferred"
    UNRESOLVED = "unresolved"  # needs a date the text and metadata do not give


class TimexType(enum.StrEnum):
    """The TIMEX3 type of an expression; PRESENT_REF/PAST_REF/FUTURE_REF are DATE values."""

    DATE = "DATE"
    TIME = "TIME"  # a date with a part of the day or a clock time
    DURATION = "DURATION"  # an amount of time ("three years"); anchored when the text fixes where
    SET = "SET"  # a recurrence ("every week")


class PublishedAtSource(enum.StrEnum):
    METADATA = "metadata"  # sent with the article (or read from its HTML's metadata)
    EDITOR = "editor"  # stated or confirmed by an editor (claims.services)
    DATELINE = "dateline"  # read from a dateline or "Published" line (dateline.py)
    LATEST_DATE = "latest_date"  # the latest day the text reports as past (latest_date.py)
    INFERRED = "inferred"
    NONE = "none"

    @property
    def is_inferred(self) -> bool:
        """Read from the text by the extractor (a guess with evidence), so extracting again reads it again;
        any other source with a time is stated, and relative dates count from it as stated."""
        return self in (PublishedAtSource.DATELINE, PublishedAtSource.LATEST_DATE, PublishedAtSource.INFERRED)


@dataclass(frozen=True)
class Interval:
    """An inclusive span of days and the precision it was stated with."""

    start: date
    end: date
    granularity: Granularity

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start}..{self.end}")

    def overlaps(self, other: Interval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Offset:
    """Date arithmetic stated in the text: "exactly three weeks after <anchor>".

    `amount` is signed in `unit`s (days, weeks, months, years); negative means
    before the anchor. `hedge` is the word that sets the tolerance
    ("exactly", "about", "nearly", or "" when none).
    """

    amount: int
    unit: str
    hedge: str
    anchor_text: str  # the phrase the offset counts from, as written


@dataclass(frozen=True)
class TemporalClaim:
    """One temporal expression found in an article.

    Offsets are Python str indices (code points) into the raw text exactly as
    received, whatever cleaning happened internally.
    """

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    interval: Interval | None
    granularity: Granularity
    resolution: Resolution
    quoted: bool = False  # inside a quotation; resolved against the utterance when dated
    offset: Offset | None = None  # date arithmetic, when the expression is one
    weekday: int | None = None  # 0=Monday, when the text names a weekday with the date
    timex_type: TimexType = TimexType.DATE
    timex_value: str = ""  # the TIMEX3 value: "2013-03-22TAF", "P3Y", "PRESENT_REF", "XXXX-XX-XX"
    timex_mod: str = ""  # the TIMEX3 mod: START, END, MID, APPROX, MORE_THAN, LESS_THAN...

    @property
    def is_resolved(self) -> bool:
        return self.interval is not None

    def evolve(self, **changes) -> TemporalClaim:
        """A copy with `changes`: dataclasses.replace, without its per-call field walk.

        The extractor copies each claim a few times on its way (resolved, then given its
        TIMEX3 value); replace() was a tenth of the time of extract() in bench.extraction.
        """
        unknown = changes.keys() - _CLAIM_FIELDS
        if unknown:
            raise TypeError(f"TemporalClaim has no field {', '.join(sorted(unknown))}")
        copy = object.__new__(TemporalClaim)
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    @property
    def dates_a_happening(self) -> bool:
        """Whether the expression says when something happened, so events and date checks use it.

        Durations ("three years"), recurrences ("every week") and the vague
        references ("now", "recently") do not: they describe time, not a date.
        """
        return self.timex_type in (TimexType.DATE, TimexType.TIME) and not self.timex_value.endswith("_REF")


_CLAIM_FIELDS = frozenset(field.name for field in fields(TemporalClaim))


@dataclass(frozen=True)
class ArticleText:
    """What the extractor needs to know about an article."""

    text: str
    language: str = "en"
    published_at: datetime | None = None  # aware; its tzinfo is the article's own zone


@dataclass
class Extraction:
    published_at: datetime | None
    published_at_source: PublishedAtSource
    claims: list[TemporalClaim] = field(default_factory=list)
    # Where the text gave an inferred publication time: the dateline's line, or the sentence
    # stating the latest day (start, end offsets into the text); None when it was not inferred.
    published_at_evidence: tuple[int, int] | None = None
