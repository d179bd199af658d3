"""The analysis format of shared/corpus/README.md, built from the database."""

from __future__ import annotations

from claims.models import Article, Claim
from timeline.models import Event, Finding


def _iso(day):
    return day.isoformat() if day else None


def claim_row(claim: Claim) -> dict:
    return {
        "id": claim.id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "value_start": _iso(claim.value_start),
        "value_end": _iso(claim.value_end),
        "granularity": claim.granularity,
        "resolution": claim.resolution,
        "quoted": claim.quoted,
        "type": claim.timex_type,
        "timex": claim.timex_value,
        "timex_mod": claim.timex_mod,
        "review_status": claim.review_status,
        "event": claim.event_id,
    }


def analysis(file_of: dict[int, str] | None = None) -> dict:
    """Everything stored, as one JSON-ready dict. `file_of` names articles by their corpus file."""
    file_of = file_of or {}
    claims_by_article: dict[int, list[dict]] = {}
    for claim in Claim.objects.order_by("article_id", "start"):
        claims_by_article.setdefault(claim.article_id, []).append(claim_row(claim))
    articles = [
        {
            "file": file_of.get(article.id, f"article-{article.id}"),
            "id": article.id,
            "url": article.url,
            "outlet": article.outlet,
            "published_at": article.published_at_local.isoformat() if article.published_at else None,
            "published_at_source": article.published_at_source,
            "claims": claims_by_article.get(article.id, []),
        }
        for article in Article.objects.order_by("id")
    ]
    events = [
        {
            "id": event.id,
            "label": event.label,
            "value_start": _iso(event.value_start),
            "value_end": _iso(event.value_end),
            "granularity": event.granularity or None,
            "status": event.status,
            "claims": sorted(c.id for c in event.claims.all()),
        }
        for event in Event.objects.prefetch_related("claims").order_by("id")
    ]
    findings = [
        {
            "id": finding.id,
            "kind": finding.kind,
            "severity": finding.severity,
            "status": finding.status,
            "event": finding.event_id,
            "claims": sorted(c.id for c in finding.claims.all()),
            "message": finding.message,
        }
        for finding in Finding.objects.prefetch_related("claims").order_by("id")
    ]
    return {"articles": articles, "events": events, "findings": findings}
