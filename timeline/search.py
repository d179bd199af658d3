"""Finding events by text: full-text search on PostgreSQL, a plain substring match elsewhere.

PostgreSQL matches an event's `search_vector` (a generated column over its
label, weighted first, and its `search_text`: article titles and claim
sentences; both English and Russian configurations, see the migration) with
a GIN index, three ways ORed together:

- whole words in either language, stemmed (`websearch_to_tsquery`: "summits" finds "summit");
- every word as a prefix, for partial words and names ("Osl" finds "Oslo");

and only when neither finds anything, trigram word similarity against the
label, for misspelt names ("Aliyv"). Not ORed in: a label like "Accord
No. 4123" is trigram-similar to "Accord No. 5123", so fuzzy matches would
swamp exact ones (and cost a scan of every label).

SQLite (`make run`, tests without DATABASE_URL) has no search index: it
matches the text as a substring of the label or the search text.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import Q, QuerySet

_WORD = re.compile(r"\w+", re.UNICODE)

_QUERY = (
    "(websearch_to_tsquery('english'::regconfig, %s) || websearch_to_tsquery('russian'::regconfig, %s)"
    " || to_tsquery('simple'::regconfig, %s))"
)
# The column unqualified: where the match is in a subquery of events (the rank pool), it
# names the subquery's own row; a query of events joins no other table that has one.
_MATCH = f"search_vector @@ {_QUERY}"
_RANK = f"ts_rank(search_vector, {_QUERY})"
# How many matching events, the largest first, /api/events/?q= ranks by relevance.
RANK_POOL = 1000
# `<%` is pg_trgm's word similarity (threshold 0.6), served by the trigram index on the label.
_FUZZY = '%s <%% "timeline_event"."label"'
_FUZZY_RANK = 'word_similarity(%s, "timeline_event"."label")'


def prefix_query(text: str) -> str:
    """A tsquery that takes each word of `text` as a prefix, all required.

    >>> prefix_query("Bak, 'summit'")
    'bak:* & summit:*'

    Only word characters reach the query, so no input can make it malformed.
    """
    return " & ".join(f"{word.lower()}:*" for word in _WORD.findall(text))


def uses_full_text(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_filter(events: QuerySet, text: str) -> QuerySet:
    """The events that match `text` (unordered)."""
    text = text.strip()
    if not text:
        return events
    if not uses_full_text(events):
        return events.filter(Q(label__icontains=text) | Q(search_text__icontains=text))
    words = _words(text)
    if words is None:
        return events.none()  # nothing but punctuation: no word to look for
    matched = events.extra(where=[_MATCH], params=words)
    # One cheap probe decides, the same way for every page of one query.
    return matched if matched.exists() else _fuzzy(events, text, ranked=False)


def search_ranked(events: QuerySet, text: str, limit: int) -> list:
    """The `limit` events that match `text` best, best first (on SQLite: in the queryset's order).

    On PostgreSQL one query when the words match (no probe first: an empty
    answer is the probe), two when only similar labels do.
    """
    text = text.strip()
    if not text or not uses_full_text(events):
        return list(search_filter(events, text)[:limit])
    words = _words(text)
    if words is None:
        return []
    best = list(_ranked_matches(events, words)[:limit])
    return best or list(_fuzzy(events, text, ranked=True)[:limit])


def _words(text: str) -> list[str] | None:
    """The parameters of _QUERY for `text`; None when it has no word to look for (only punctuation)."""
    prefix = prefix_query(text)
    return [text, text, prefix] if prefix else None


def _ranked_matches(events: QuerySet, words: list[str]) -> QuerySet:
    """The full-text matches, best first, among the RANK_POOL largest of them.

    Ranking reads each match's whole vector: for a word in one event of six, that is
    17,000 events at a million claims (130 ms). The largest matches (an index on the
    claim count finds them) are the pool; a word with fewer matches has all of them
    ranked. The pool is a subquery of the same query, so its ids never travel.
    """
    pool = events.extra(where=[_MATCH], params=words).order_by("-claim_count", "-id").values("id")[:RANK_POOL]
    # The pool's rows match already: testing them again would have PostgreSQL weigh a scan of every event.
    return events.filter(id__in=pool).extra(select={"rank": _RANK}, select_params=words).order_by("-rank", "id")


def _fuzzy(events: QuerySet, text: str, *, ranked: bool) -> QuerySet:
    fuzzy = events.extra(where=[_FUZZY], params=[text])
    return fuzzy.extra(select={"rank": _FUZZY_RANK}, select_params=[text]).order_by("-rank", "id") if ranked else fuzzy
