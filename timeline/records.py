"""Turning stored rows into the plain records the analysis works on."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from claims.extraction.types import Granularity, Interval, Offset, PublishedAtSource, Resolution, TemporalClaim, TimexType
from claims.models import Article, Claim
from timeline.analysis.entities import EntityFinder
from timeline.analysis.types import Alias, ClaimRecord, FindingKind, ReviewStatus
from timeline.models import EntityAlias, Finding


def interval_of(start: date | None, end: date | None, granularity: str) -> Interval | None:
    if start is None or end is None:
        return None
    return Interval(start, end, Granularity(granularity))


# What linking and consensus read of an article: never its body (raw, text).
ARTICLE_SUMMARY = ("id", "outlet", "published_at", "published_utc_offset", "syndication_key", "content_hash")

# Resolutions that count from the article's publication time.
_FROM_PUBLICATION = (Resolution.RELATIVE, Resolution.INFERRED)


def claim_record(claim: Claim, article: Article, *, with_text: bool = True, suspect: bool = False) -> ClaimRecord:
    """`suspect`: the article's publication time is questioned by an open finding no editor has settled."""
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
        article_text=article.text if with_text else "",
        claim=temporal,
        # Copies of one syndicated story count as one source in consensus.
        content_hash=article.syndication_key or article.content_hash,
        review_status=ReviewStatus(claim.review_status),
        pinned_event_id=claim.event_id if claim.event_pinned else None,
        created_at=claim.created_at,
        reviewed_at=claim.reviewed_at,
        date_suspect=suspect and temporal.resolution in _FROM_PUBLICATION and not claim.dated_by_event,
        dated_by_event=claim.dated_by_event,
        dated_by_anchor=claim.dated_by_anchor,
    )


def claim_records(claims, *, with_text: bool = True) -> list[ClaimRecord]:
    """Records for a queryset of claims, reading each article once.

    Without text the records carry an empty article_text: enough for linking
    with stored profiles and for consensus, and no article body is loaded.

    This is the one place that keeps durations, recurrences and vague references
    ("three years", "every week", "now") out of the analysis: they are claims the
    API shows, but they date no happening, so linking never gives them an event
    and no check (unresolved_date, date_conflict...) ever sees them. Pair records
    with claims by id, never by position.
    """
    claims = list(claims)
    ids = sorted({c.article_id for c in claims})
    articles = {}
    for i in range(0, len(ids), 500):  # SQLite's parameter limit
        rows = Article.objects.filter(id__in=ids[i : i + 500])
        # Never the body as sent (raw: the HTML of a page), which nothing here reads.
        articles.update((a.id, a) for a in rows.only(*ARTICLE_SUMMARY, *(("text",) if with_text else ())))
    suspect = suspect_articles(ids)
    records = (claim_record(c, articles[c.article_id], with_text=with_text, suspect=c.article_id in suspect) for c in claims)
    return [r for r in records if r.claim.dates_a_happening]


def suspect_articles(article_ids) -> set[int]:
    """Of these articles, those whose publication time an open publication_date_suspect finding
    questions and no editor has decided on: dismissing the finding, or stating the time (source
    "editor"), is the decision, and from then on the article's dates steer events again."""
    ids = sorted(set(article_ids))
    found: set[int] = set()
    for i in range(0, len(ids), 500):
        found.update(
            Finding.objects.filter(
                kind=FindingKind.PUBLICATION_DATE_SUSPECT, status=Finding.Status.OPEN, subject__article_id__in=ids[i : i + 500]
            )
            .exclude(subject__article__published_at_source=PublishedAtSource.EDITOR)
            .values_list("subject__article_id", flat=True)
        )
    return found


def _alias_rows() -> tuple[tuple[str, str, str], ...]:
    # Plain rows: finder() reads the table for every stage of every article, and a model
    # instance per alias was a fifth of a worker's time with a thousand aliases (bench.ingest).
    return tuple(EntityAlias.objects.values_list("canonical", "alias", "kind"))


def aliases() -> list[Alias]:
    return [Alias(canonical=c, alias=a, kind=k) for c, a, k in _alias_rows()]


def finder() -> EntityFinder:
    """The entity finder for the alias table as it is now.

    Built once per table rather than per call: building compiles a pattern
    per alias, and the finder's cache of sentences already read lives with it.
    """
    return _finder_for(_alias_rows())


@lru_cache(maxsize=2)
def _finder_for(rows: tuple[tuple[str, str, str], ...]) -> EntityFinder:
    return EntityFinder([Alias(canonical=c, alias=a, kind=k) for c, a, k in rows])
