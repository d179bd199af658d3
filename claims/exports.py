"""A stored article as TimeML: its text with a TIMEX3 for every claim (the TempEval-3 layout)."""

from __future__ import annotations

from claims.extraction.timeml import Timex, TimemlDoc, write_timeml
from claims.extraction.timex import interval_value, unanchored_offset_value, unknown_value
from claims.extraction.types import Granularity, Interval
from claims.models import Article, Claim


def claim_timex(claim: Claim) -> Timex:
    """The claim as a TIMEX3 (as claims.extraction.timexscore.claim_timex does for fresh claims);
    claims stored before TIMEX3 values were kept get one from their interval."""
    if claim.value_start is None and claim.offset:
        duration = unanchored_offset_value(claim.offset["amount"], claim.offset["unit"])
        if duration:
            return Timex(claim.start, claim.end, claim.text, "DURATION", duration, claim.timex_mod)
    value = claim.timex_value
    if not value:
        granularity = Granularity(claim.granularity)
        if claim.value_start is not None and claim.value_end is not None:
            value = interval_value(Interval(claim.value_start, claim.value_end, granularity))
        else:
            value = unknown_value(granularity)
    return Timex(claim.start, claim.end, claim.text, claim.timex_type, value, claim.timex_mod)


def article_timeml(article: Article) -> str:
    local = article.published_at_local
    if local is None:
        dct = "XXXX-XX-XX"  # TimeML's unknown date: the article gives no publication time
    elif article.published_date_only:
        dct = local.date().isoformat()
    else:
        dct = local.replace(tzinfo=None, microsecond=0).isoformat()
    doc = TimemlDoc(docid=f"article-{article.id}", dct=dct, text=article.text)
    return write_timeml(doc, [claim_timex(c) for c in article.claims.order_by("start")])
