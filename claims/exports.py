"""A stored article as TimeML: its text with the TIMEX3s of its claims (the TempEval-3 layout)."""

from __future__ import annotations

from claims.extraction.timeml import Timex, TimemlDoc, claim_timexes, write_timeml
from claims.extraction.timex import interval_value, unknown_value
from claims.extraction.types import Granularity, Interval, Offset, Resolution, TemporalClaim, TimexType
from claims.models import Article, Claim


def stored_claim(claim: Claim) -> TemporalClaim:
    """The stored claim as the extractor's dataclass; claims stored before TIMEX3 values were
    kept get one from their interval."""
    granularity = Granularity(claim.granularity)
    interval = None
    if claim.value_start is not None and claim.value_end is not None:
        interval = Interval(claim.value_start, claim.value_end, granularity)
    value = claim.timex_value or (interval_value(interval) if interval else unknown_value(granularity))
    return TemporalClaim(
        start=claim.start, end=claim.end, text=claim.text, sentence_start=claim.sentence_start,
        sentence_end=claim.sentence_end, interval=interval, granularity=granularity,
        resolution=Resolution(claim.resolution), quoted=claim.quoted,
        offset=Offset(**claim.offset) if claim.offset else None, weekday=claim.weekday,
        timex_type=TimexType(claim.timex_type), timex_value=value, timex_mod=claim.timex_mod,
    )


def article_timexes(article: Article) -> list[Timex]:
    return [t for c in article.claims.order_by("start") for t in claim_timexes(stored_claim(c))]


def article_timeml(article: Article) -> str:
    local = article.published_at_local
    if local is None:
        dct = "XXXX-XX-XX"  # TimeML's unknown date: the article gives no publication time
    elif article.published_date_only:
        dct = local.date().isoformat()
    else:
        dct = local.replace(tzinfo=None, microsecond=0).isoformat()
    return write_timeml(TimemlDoc(docid=f"article-{article.id}", dct=dct, text=article.text), article_timexes(article))
