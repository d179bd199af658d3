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
_MATCH = f'"timeline_event"."search_vector" @@ {_QUERY}'
_RANK = f'ts_rank("timeline_event"."search_vector", {_QUERY})'
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
    return _search(events, text, ranked=False)


def search_ranked(events: QuerySet, text: str) -> QuerySet:
    """The events that match `text`, best first (on SQLite: in the queryset's order)."""
    return _search(events, text, ranked=True)


def _search(events: QuerySet, text: str, *, ranked: bool) -> QuerySet:
    text = text.strip()
    if not text:
        return events
    if not uses_full_text(events):
        return events.filter(Q(label__icontains=text) | Q(search_text__icontains=text))
    prefix = prefix_query(text)
    if not prefix:
        return events.none()  # nothing but punctuation: no word to look for
    words = [text, text, prefix]
    matched = events.extra(where=[_MATCH], params=words)
    # One cheap probe decides, the same way for every page of one query.
    if matched.exists():
        if not ranked:
            return matched
        # Ranking reads each match's whole vector: for a word in one event of six, that is
        # 17,000 events at a million claims (130 ms). Rank the RANK_POOL largest matches
        # instead (an index on the claim count finds them); a word with fewer matches
        # than that has all of them ranked.
        # Fetched apart, not as a subquery: the match is raw SQL naming the table, which
        # inside a subquery would test the outer row instead of the subquery's own.
        pool = list(matched.order_by("-claim_count", "-id").values_list("id", flat=True)[:RANK_POOL])
        return matched.filter(id__in=pool).extra(select={"rank": _RANK}, select_params=words).order_by("-rank", "id")
    fuzzy = events.extra(where=[_FUZZY], params=[text])
    return fuzzy.extra(select={"rank": _FUZZY_RANK}, select_params=[text]).order_by("-rank", "id") if ranked else fuzzy
