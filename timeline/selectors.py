"""Reads for the timeline, shared by the API, the page and the commands.

Lists read event rows alone: the counts, status and search text they show are
kept on the event by the pipeline (timeline.analysis.summary). Pages are
keyset pages in the timeline's own order (dated events by start, then id;
undated events last, by id), so page 1,000 costs what page 1 does and
nothing is counted per request.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from claims.models import Claim
from timeline.models import Event
from timeline.search import search_filter

# The columns a list of events renders; never the search text.
EVENT_LIST_FIELDS = ("id", "label", "value_start", "value_end", "granularity", "status", "claim_count", "outlet_count", "has_open_conflict")

# The claim columns the timeline renders, and of its article the summary alone.
_CLAIM_FIELDS = (
    "id", "event_id", "text", "start", "end", "sentence_start", "sentence_end", "value_start", "value_end", "granularity",
    "resolution", "dated_by_event", "quoted", "weekday", "timex_type", "timex_value", "timex_mod", "event_pinned", "phase", "review_status",
    "reviewed_at", "review_note", "article__id", "article__url", "article__title", "article__outlet", "article__published_at", "article__published_utc_offset",
    "reviewed_by__username",
)  # fmt: skip

# PostgreSQL serves the date-range overlap from a GiST index over this
# expression (see the migration); GREATEST keeps a malformed row from
# making the range constructor raise.
_DATERANGE = "daterange(\"timeline_event\".\"value_start\", GREATEST(\"timeline_event\".\"value_start\", \"timeline_event\".\"value_end\"), '[]')"


@dataclass(frozen=True)
class Position:
    """Where a keyset page starts: after the event with this start and id (start None: among the undated)."""

    value_start: date | None
    id: int


def event_list(queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Events (with or without claims) in timeline order, with the columns a list renders."""
    events = Event.objects.all() if queryset is None else queryset
    return events.only(*EVENT_LIST_FIELDS).order_by(F("value_start").asc(nulls_last=True), "id")


def timeline_events(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    text: str = "",
    status: str = "",
    conflict: bool | None = None,
    with_preview: bool = False,
) -> QuerySet[Event]:
    """Events with claims in date order (undated last), as list rows without their claims.

    A date range keeps events whose interval overlaps it, so a year-precision
    event stays in view when the range is one of its months; undated events
    drop out of a range. `conflict` keeps events with (or without) an open finding.
    `with_preview`: as named rows (not model instances) that also hold the ids of the
    claims each one previews (preview_rows_by_event), for the API's pages.
    """
    events = Event.objects.filter(claim_count__gt=0)
    if date_from or date_to:
        events = overlapping(events, date_from, date_to)
    if status:
        events = events.filter(status=status)
    if conflict is not None:
        events = events.filter(has_open_conflict=conflict)
    events = event_list(search_filter(events, text))
    return events.values_list(*EVENT_LIST_FIELDS, "preview_claims", named=True) if with_preview else events


def overlapping(events: QuerySet[Event], date_from: date | None, date_to: date | None) -> QuerySet[Event]:
    """Dated events whose interval overlaps [date_from, date_to] (either end open); an empty range keeps none."""
    if date_from and date_to and date_to < date_from:
        return events.none()
    # Plain column bounds rather than a range overlap: PostgreSQL has statistics for the
    # columns and none for the range expression, so it plans these well (keyset_page).
    events = events.filter(value_start__isnull=False)
    if date_from:
        events = events.filter(value_end__gte=date_from)
    if date_to:
        events = events.filter(value_start__lte=date_to)
    return events


def covering(events: QuerySet[Event], day: date) -> QuerySet[Event]:
    """Dated events whose interval holds `day`: on PostgreSQL, a question for the date-range index."""
    if connections[events.db].vendor == "postgresql":
        return events.extra(where=[f"{_DATERANGE} && daterange(%s::date, %s::date, '[]')"], params=[day, day])
    return events.filter(value_start__lte=day, value_end__gte=day)


def keyset_page(
    events: QuerySet[Event], *, after: Position | None, size: int, undated: bool = True, since: date | None = None
) -> list[Event]:
    """Up to size + 1 events after `after` in timeline order (the extra one says a next page exists).

    Two index-ordered queries at most: the dated events, then (when the page
    is not full, and `undated` says the caller wants them) the undated ones,
    so neither needs a NULLS LAST sort. `since`: the start of the date range
    `events` is filtered to (see _dated_since).
    """
    rows: list[Event] = []
    if after is None or after.value_start is not None:
        dated = events.filter(value_start__isnull=False)
        if after is not None:
            dated = dated.filter(value_start__gte=after.value_start).filter(Q(value_start__gt=after.value_start) | Q(id__gt=after.id))
        rows = _dated_since(dated, since, size) if since else list(dated.order_by("value_start", "id")[: size + 1])
    if undated and len(rows) <= size:
        rest = events.filter(value_start__isnull=True)
        if after is not None and after.value_start is None:
            rest = rest.filter(id__gt=after.id)
        rows += list(rest.order_by("id")[: size + 1 - len(rows)])
    return rows


def _dated_since(dated: QuerySet[Event], since: date, size: int) -> list[Event]:
    """The first size + 1 events of a date range starting at `since`, in timeline order.

    One ordered query over the whole range would walk the timeline's index
    from its beginning and test every earlier event for overlap (90 ms at a
    million claims for a range in 2020). Split at `since`, each part has an
    index that fits: the events begun earlier and still running then are the
    few that cover that day (the date-range index finds them; sorted here),
    and the rest is an index range starting at `since`.
    """
    earlier = sorted(covering(dated.filter(value_start__lt=since), since).order_by(), key=lambda e: (e.value_start, e.id))
    later = list(dated.filter(value_start__gte=since).order_by("value_start", "id")[: size + 1])
    return (earlier + later)[: size + 1]


def claims_with_sentences(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims in reading order with their sentence and their article's summary, never its body.

    The sentence is cut out by the database (`sentence_text`), so no article
    body crosses the wire.
    """
    return (
        claims.select_related("article", "reviewed_by")
        .only(*_CLAIM_FIELDS)
        .annotate(sentence_text=Substr("article__text", F("sentence_start") + 1, F("sentence_end") - F("sentence_start")))
        .order_by("value_start", "article__published_at", "id")
    )


def claims_by_event(event_ids: list[int]) -> dict[int, list[Claim]]:
    """The claims of these events (see claims_with_sentences), grouped by event, in one query."""
    grouped: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims_with_sentences(Claim.objects.filter(event_id__in=event_ids)):
        grouped[claim.event_id].append(claim)
    return grouped


# The same, as plain rows: the timeline API renders hundreds of claims a page,
# and building model instances for them costs more than the query.
CLAIM_ROW_FIELDS = tuple(f for f in _CLAIM_FIELDS if f not in ("start", "end", "sentence_start", "sentence_end")) + ("start", "end", "sentence_start")


def claim_rows_by_event(event_ids: list[int]) -> dict[int, list[dict]]:
    """The claims of these events as dicts of CLAIM_ROW_FIELDS and `sentence_text`, grouped by event."""
    return _grouped_rows(Claim.objects.filter(event_id__in=event_ids))


def preview_rows_by_event(events: list) -> dict[int, list[dict]]:
    """The claims each of these events previews (Event.preview_claims, kept by the pipeline), as claim_rows_by_event.

    A page reads them by id, so it costs the same however many sources an
    event has. A claim that has left its event since is left out.
    """
    previews = {e.id: set(e.preview_claims) for e in events}
    wanted = [claim_id for ids in previews.values() for claim_id in ids]
    if not wanted:
        return {}
    grouped = _grouped_rows(Claim.objects.filter(_id_in(wanted)))
    return {event_id: [r for r in rows if r["id"] in previews.get(event_id, ())] for event_id, rows in grouped.items()}


def _id_in(ids: list[int]) -> Q:
    """`id IN ids`; on PostgreSQL as one array parameter (`= ANY`), which the ORM and the driver
    pass through whole, where a list costs them a conversion per id (a quarter of the calls of a timeline request)."""
    if connections[Claim.objects.db].vendor == "postgresql":
        return Q(id__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    return Q(id__in=ids)


def _grouped_rows(claims: QuerySet[Claim]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in claims_with_sentences(claims).values(*CLAIM_ROW_FIELDS, "sentence_text"):
        grouped[row["event_id"]].append(row)
    return grouped


# How many claims a timeline page shows of each event (the event's own page has them all).
PREVIEW_CLAIMS = 5

# Each dated value an event's sources give comes before a second source for any of them,
# so a preview shows where sources disagree; within that, reading order. One query, done
# by the database's window functions (PostgreSQL, and SQLite since 3.25).
_PREVIEW_SQL = """
SELECT event_id, id, place FROM (
    SELECT id, event_id, ROW_NUMBER() OVER (
        PARTITION BY event_id ORDER BY seen_before, value_start IS NULL, value_start, published_at IS NULL, published_at, id
    ) AS place
    FROM (
        SELECT c.id, c.event_id, c.value_start, a.published_at,
               ROW_NUMBER() OVER (
                   PARTITION BY c.event_id, c.value_start, c.value_end
                   ORDER BY a.published_at IS NULL, a.published_at, c.id
               ) AS seen_before
        FROM claims_claim c JOIN claims_article a ON a.id = c.article_id
        WHERE {where}
    ) AS valued
) AS placed
WHERE place <= {per_event}
ORDER BY event_id, place
"""


def preview_sql(where: str, per_event: int = PREVIEW_CLAIMS) -> str:
    """The preview rule as a query of (event_id, id, place) over the claims (`c`) that `where` keeps."""
    return _PREVIEW_SQL.format(where=where, per_event=int(per_event))


def event_previews(event_ids: list[int], per_event: int = PREVIEW_CLAIMS) -> dict[int, list[int]]:
    """The claims a timeline page shows of each of these events: at most `per_event`, one for
    each value its sources give first (see _PREVIEW_SQL). Every event asked about is in the answer."""
    previews: dict[int, list[int]] = {int(e): [] for e in event_ids}
    if not previews:
        return previews
    sql = preview_sql(f"c.event_id IN ({', '.join(['%s'] * len(previews))})", per_event)
    with connections[Claim.objects.db].cursor() as cursor:
        cursor.execute(sql, list(previews))
        for event_id, claim_id, _place in cursor.fetchall():
            previews[event_id].append(claim_id)
    return previews


def outlets_by_event(event_ids: list[int]) -> dict[int, list[str]]:
    """The outlets reporting each of these events, by name, in one query."""
    rows = Claim.objects.filter(event_id__in=event_ids).exclude(article__outlet="").values_list("event_id", "article__outlet").distinct()
    grouped: dict[int, set[str]] = defaultdict(set)
    for event_id, outlet in rows:
        grouped[event_id].add(outlet)
    return {event_id: sorted(names) for event_id, names in grouped.items()}
