"""Finding events by text: full-text search on PostgreSQL, a plain substring match elsewhere.

PostgreSQL matches an event's `search_vector` (a generated column over its
label, weighted first, and its `search_text`: article titles and claim
sentences; both English and Russian configurations, see the migration) with
a GIN index, three ways ORed together:

- whole words in either language, stemmed (`websearch_to_tsquery`: "summits" finds "summit");
- every word as a prefix, for partial words and names ("Bak" finds "Baku");
- trigram word similarity against the label, for misspelt names ("Aliyv").

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
# `<%` is pg_trgm's word similarity (threshold 0.6), served by the trigram index on the label.
_MATCH = f'("timeline_event"."search_vector" @@ {_QUERY} OR %s <%% "timeline_event"."label")'
_RANK = f'ts_rank("timeline_event"."search_vector", {_QUERY}) + word_similarity(%s, "timeline_event"."label")'


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
    prefix = prefix_query(text)
    if not prefix:
        return events.none()  # nothing but punctuation: no word to look for
    return events.extra(where=[_MATCH], params=[text, text, prefix, text])


def search_ranked(events: QuerySet, text: str) -> QuerySet:
    """The events that match `text`, best first (on SQLite: in the queryset's order)."""
    matched = search_filter(events, text)
    if not text.strip() or not uses_full_text(events) or not prefix_query(text):
        return matched
    text = text.strip()
    ranked = matched.extra(select={"rank": _RANK}, select_params=[text, text, prefix_query(text), text])
    return ranked.order_by("-rank", "id")
