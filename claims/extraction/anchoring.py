"""Anchors for claims that count from another date.

- a quoted "tomorrow" counts from the date of the utterance: the nearest
  day-precise claim outside the quote in the sentences that hold the quote
  ("In a post on Thursday, August 7, the president wrote ... \"tomorrow\"");
- "six months later" counts from the nearest earlier dated claim;
- "three weeks after <X>" counts from X when X is a date the text gives,
  else X is an event phrase left for the event stage.
"""

from __future__ import annotations

import re

from claims.extraction.sentences import Sentences
from claims.extraction.types import Granularity, TemporalClaim

# What may stand between "after" and the date it counts from: "after the 10 February ..."
_LEAD_IN = re.compile(r"\s*(?:(?:the|on|of)\s+)?")
# An event phrase ends at clause punctuation or a line break.
_PHRASE = re.compile(r"\s*([^.,;:!?\n—()]{1,120})")


def utterance_claim(
    quote: tuple[int, int], sentences: Sentences, claims: list[TemporalClaim], quoted_spans: list[tuple[int, int]]
) -> TemporalClaim | None:
    context_start = sentences.span(quote[0])[0]
    context_end = sentences.span(max(quote[0], quote[1] - 1))[1]
    best, best_distance = None, None
    for claim in claims:
        if claim.interval is None or claim.granularity != Granularity.DAY or claim.quoted:
            continue
        if claim.start < context_start or claim.end > context_end:
            continue
        if any(s <= claim.start < e for s, e in quoted_spans):
            continue
        distance = quote[0] - claim.end if claim.end <= quote[0] else claim.start - quote[1]
        if best_distance is None or distance < best_distance:
            best, best_distance = claim, distance
    return best


def previous_claim(start: int, claims: list[TemporalClaim]) -> TemporalClaim | None:
    """The nearest claim before `start` that has an interval."""
    best = None
    for claim in claims:
        if claim.end <= start and claim.interval is not None and (best is None or claim.end > best.end):
            best = claim
    return best


def following_anchor(text: str, end: int, claims: list[TemporalClaim]) -> tuple[str, TemporalClaim | None]:
    """The phrase an "after"/"before" offset counts from, and the claim it is, if it is one."""
    lead = _LEAD_IN.match(text, end)
    position = lead.end() if lead else end
    for claim in claims:
        if claim.start == position and claim.interval is not None:
            return claim.text, claim
    phrase = _PHRASE.match(text, end)
    return (phrase.group(1).strip() if phrase else ""), None
