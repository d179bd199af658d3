"""schema.org ClaimReview (JSON-LD) for the verdicts behind settled findings.

One ClaimReview per claim an editor gave a verdict on: the claim's sentence
is what was reviewed, the article it appeared in is `itemReviewed`'s
appearance, the verdict is the rating, and the reviewing organisation comes
from settings (FACTDB_REVIEWER_NAME / _URL). Google's fact-check markup
requires claimReviewed, reviewRating (with alternateName) and url.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from claims.models import Claim
from timeline.analysis.types import ReviewStatus
from timeline.models import Finding

# (ratingValue, alternateName) on a 1 (worst) to 3 (best) scale.
RATINGS = {
    ReviewStatus.VERIFIED: (3, "Accurate"),
    ReviewStatus.DISPUTED: (2, "Disputed"),
    ReviewStatus.REJECTED: (1, "Inaccurate"),
}


def claim_reviews(finding: Finding, *, review_url: str, reviewer: dict) -> list[dict]:
    """The ClaimReviews of one settled finding (its claims with a verdict, as prefetched in `verdicts`)."""
    claims = getattr(finding, "verdicts", None)
    if claims is None:
        claims = [c for c in finding.claims.select_related("article") if c.review_status in RATINGS]
    return [claim_review(claim, finding=finding, review_url=review_url, reviewer=reviewer) for claim in claims if claim.review_status in RATINGS]


def claim_review(claim: Claim, *, finding: Finding, review_url: str, reviewer: dict) -> dict:
    value, name = RATINGS[ReviewStatus(claim.review_status)]
    article = claim.article
    source = {"@type": "Organization", "name": article.outlet or _host(article.url) or "unknown"}
    appearance = {"@type": "NewsArticle", "headline": article.title, "publisher": source}
    if article.url:
        appearance["url"] = article.url
    if article.published_at:
        appearance["datePublished"] = article.published_at_local.date().isoformat() if article.published_date_only else article.published_at_local.isoformat()
    item = {"@type": "Claim", "author": source, "appearance": appearance, "firstAppearance": appearance}
    if "datePublished" in appearance:
        item["datePublished"] = appearance["datePublished"]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url,
        "claimReviewed": claim.sentence.strip()[:1000] or claim.text,
        "itemReviewed": item,
        "author": reviewer,
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 3, "worstRating": 1, "alternateName": name},
        "reviewBody": claim.review_note or finding.message,
    }
    if claim.reviewed_at:
        review["datePublished"] = claim.reviewed_at.date().isoformat()
    return review


def reviewer_of(settings) -> dict:
    reviewer = {"@type": "Organization", "name": settings.FACTDB_REVIEWER_NAME}
    if settings.FACTDB_REVIEWER_URL:
        reviewer["url"] = settings.FACTDB_REVIEWER_URL
    return reviewer


def review_page(finding: Finding, absolute: Callable[[str], str], event_page: Callable[[int], str]) -> str:
    """Where a reader sees the review: the event's page, at the finding."""
    if finding.event_id:
        return absolute(f"{event_page(finding.event_id)}#finding-{finding.id}")
    return absolute(f"/api/findings/{finding.id}/")


def _host(url: str | None) -> str:
    return (urlsplit(url).hostname or "") if url else ""
