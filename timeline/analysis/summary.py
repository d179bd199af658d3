"""What the timeline and the event lists show of an event, derived once when the event changes.

Lists read these fields from the event row instead of counting claims and
joining articles on every request. Plain Python: the services copy the
summary onto the event; nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from timeline.analysis.types import EventStatus, EventView

# A cap on the text an event is searched by: an event that hundreds of articles
# report would otherwise carry megabytes (PostgreSQL refuses a tsvector over 1 MB).
SEARCH_TEXT_MAX = 20_000


@dataclass(frozen=True)
class EventSummary:
    value_start: date | None
    value_end: date | None
    granularity: str
    status: EventStatus
    claim_count: int
    outlet_count: int
    search_text: str


def search_document(titles: Iterable[str], sentences: Iterable[str], limit: int = SEARCH_TEXT_MAX) -> str:
    """The article titles and claim sentences an event is found by, each once, in first-seen order.

    >>> search_document(["Summit in Oslo", "Summit in Oslo"], ["It opens on 2 March.", ""])
    'Summit in Oslo\\nIt opens on 2 March.'

    Titles come first: when the cap cuts, the sentences of the hundredth
    report go before the names of the articles.
    """
    parts = [p.strip() for p in (*titles, *sentences)]
    text = "\n".join(dict.fromkeys(p for p in parts if p))
    return text[:limit].rsplit("\n", 1)[0] if len(text) > limit else text


def event_summary(view: EventView, titles: dict[int, str] | None = None) -> EventSummary:
    """The summary of an event from its claims' records and its consensus.

    `titles` maps article ids to titles (records carry the article's text, not its title).
    Outlets are counted by name; claims from articles with no outlet count none.
    """
    titles = titles or {}
    interval = view.consensus
    ordered = sorted(view.claims, key=lambda c: (c.article_id, c.claim.start))
    return EventSummary(
        value_start=interval.start if interval else None,
        value_end=interval.end if interval else None,
        granularity=str(interval.granularity) if interval else "",
        status=view.status,
        claim_count=len(view.claims),
        outlet_count=len({c.outlet for c in view.claims if c.outlet}),
        search_text=search_document(
            (titles.get(c.article_id, "") for c in ordered),
            (c.sentence for c in ordered),
        ),
    )
