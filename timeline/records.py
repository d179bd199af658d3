"""Turning stored rows into the plain records the analysis works on."""

from __future__ import annotations

from datetime import date

from claims.extraction.types import Granularity, Interval, Offset, Resolution, TemporalClaim, TimexType
from claims.models import Article, Claim
from timeline.analysis.types import Alias, ClaimRecord, ReviewStatus
from timeline.models import EntityAlias


def interval_of(start: date | None, end: date | None, granularity: str) -> Interval | None:
    if start is None or end is None:
        return None
    return Interval(start, end, Granularity(granularity))


def claim_record(claim: Claim, article: Article) -> ClaimRecord:
    offset = Offset(**claim.offset) if claim.offset else None
    temporal = TemporalClaim(
        start=claim.start,
        end=claim.end,
        text=claim.text,
        sentence_start=claim.sentence_start,
        sentence_end=claim.sentence_end,
        interval=interval_of(claim.value_start, claim.value_end, claim.granularity),
        granularity=Granularity(claim.granularity),
        resolution=Resolution(claim.resolution),
        quoted=claim.quoted,
        offset=offset,
        weekday=claim.weekday,
        timex_type=TimexType(claim.timex_type),
        timex_value=claim.timex_value,
        timex_mod=claim.timex_mod,
    )
    return ClaimRecord(
        id=claim.id,
        article_id=article.id,
        outlet=article.outlet,
        published_at=article.published_at_local,
        article_text=article.text,
        claim=temporal,
        # Copies of one syndicated story count as one source in consensus.
        content_hash=article.syndication_key or article.content_hash,
        review_status=ReviewStatus(claim.review_status),
        pinned_event_id=claim.event_id if claim.event_pinned else None,
        created_at=claim.created_at,
        reviewed_at=claim.reviewed_at,
    )


def claim_records(claims) -> list[ClaimRecord]:
    """Records for a queryset of claims, reading each article once.

    This is the one place that keeps durations, recurrences and vague references
    ("three years", "every week", "now") out of the analysis: they are claims the
    API shows, but they date no happening, so linking never gives them an event
    and no check (unresolved_date, date_conflict...) ever sees them.
    """
    claims = list(claims)
    articles = {a.id: a for a in Article.objects.filter(id__in={c.article_id for c in claims})}
    records = (claim_record(c, articles[c.article_id]) for c in claims)
    return [r for r in records if r.claim.dates_a_happening]


def aliases() -> list[Alias]:
    return [Alias(canonical=a.canonical, alias=a.alias, kind=a.kind) for a in EntityAlias.objects.all()]
