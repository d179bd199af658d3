"""Bringing findings up to date: for the events that changed, or (nightly, on request) for all.

The checks are plain functions (timeline/analysis/checks); this module picks
the events they must see and syncs what they return into Finding rows.

For a set of changed events D the work is bounded by what D touches:
- the per-event checks (dates, weekdays, durations) run on D;
- publication-time checks judge the articles with relative dates on D, over
  all events those articles date;
- undatable-claim checks look at D's claims;
- precedent checks judge the events stating a precedent that D could confirm
  or contradict, read from the facts each event keeps (Event.facts), so no
  other event's claims are profiled again.
Each check's findings are resolved only within the scope it judged.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims.extraction.types import Resolution, TimexType
from claims.models import Claim
from factdb.bulk import rows_update
from timeline.analysis.checks import (
    PER_EVENT_KINDS,
    event_checks,
    explained_claims,
    precedent_conflict,
    publication_date_suspect,
    unresolved_date,
)
from timeline.analysis.checks.precedent import event_facts, facts_from_json, facts_to_json, statements_of
from timeline.analysis.consensus import consensus
from timeline.analysis.entities import EntityFinder
from timeline.analysis.types import EventView, FindingDraft, FindingKind
from timeline.models import Event, Finding
from timeline.analysis.profile import Profile
from timeline.analysis.stored import profile_from_json
from timeline.records import claim_record, claim_records, finder, suspect_articles
from timeline.summaries import events_refresh_conflict_flags, events_refresh_summaries
from work.queue import rechecks_done, rechecks_lock, rechecks_take

BATCH = 200  # events per transaction: a second or two of work, few enough locks


@dataclass(frozen=True)
class CheckSummary:
    events: int
    findings_new: int
    findings_resolved: int
    # Articles whose relative dates this check has just held back (a suspect publication time):
    # their claims sit where their dates put them, so the caller sends them through linking again.
    held_back: frozenset[int] = frozenset()


def events_check(*, event_ids, consensus_current: bool = False) -> CheckSummary:
    """Re-check these events now (an article's own check stage), taking their queue rows if any.

    `consensus_current`: the caller has just refreshed the events' consensus (linking does).
    """
    ids = sorted(set(event_ids))
    with transaction.atomic():
        rows = rechecks_lock(ids)
        summary = _check(ids, refresh=not consensus_current)
        rechecks_done(rows)
    return summary


def events_recheck_batch(*, limit: int = BATCH) -> CheckSummary:
    """Take up to `limit` queued events no other worker holds and re-check them."""
    with transaction.atomic():
        rows = rechecks_take(limit=limit)
        summary = _check([r.event_id for r in rows]) if rows else CheckSummary(0, 0, 0)
        rechecks_done(rows)
    return summary


def findings_check_all(*, batch_size: int = 100) -> CheckSummary:
    """Every check over every event, in batches, then the cross-event checks over the whole store."""
    ids = list(Event.objects.order_by("id").values_list("id", flat=True))
    new = resolved = 0
    for i in range(0, len(ids), batch_size):
        with transaction.atomic():
            part = _per_event(ids[i : i + batch_size])
        new, resolved = new + part.findings_new, resolved + part.findings_resolved
    with transaction.atomic():
        cross = _cross(None)
    return CheckSummary(len(ids), new + cross.findings_new, resolved + cross.findings_resolved, cross.held_back)


def _check(event_ids: list[int], refresh: bool = True) -> CheckSummary:
    live = list(Event.objects.filter(id__in=event_ids).values_list("id", flat=True))
    if refresh:
        events_refresh_summaries(event_ids=live)  # a verdict can move a consensus
    per = _per_event(live)
    cross = _cross(set(event_ids))
    return CheckSummary(len(live), per.findings_new + cross.findings_new, per.findings_resolved + cross.findings_resolved, cross.held_back)


def _per_event(event_ids: list[int]) -> CheckSummary:
    """The per-event checks for these events; also stores each event's precedent facts."""
    _lock_events(event_ids)
    views = views_of(Event.objects.filter(id__in=event_ids).order_by("id"), with_lengths=True)
    _store_facts(views)
    drafts = event_checks(views, explained_claims(views + _article_neighbours(event_ids)))
    scope = Finding.objects.filter(kind__in=PER_EVENT_KINDS).filter(models.Q(event_id__in=event_ids) | models.Q(subject__event_id__in=event_ids))
    new, resolved = findings_sync(drafts, scope)
    return CheckSummary(len(views), new, resolved)


def _cross(dirty: set[int] | None) -> CheckSummary:
    """The checks that compare events or whole articles, scoped to what `dirty` touches (None: everything)."""
    entities = finder()
    new = resolved = 0
    # Publication times: judged per article, over every event the article dates.
    articles = {a for _, a in _publication_candidates(**({} if dirty is None else {"event_id__in": dirty}))}
    if dirty is not None:
        articles |= _year_off_articles(dirty)
    pub_events = set(_events_with(_publication_candidates(article_id__in=articles)).values_list("id", flat=True)) if articles else set()
    if dirty is not None and articles:
        pub_events |= _year_off_events(articles)
    pub_views = views_of(Event.objects.filter(id__in=pub_events)) if pub_events else []
    owner = {c.id: c.article_id for v in pub_views for c in v.claims}
    drafts = [f.draft for f in publication_date_suspect(pub_views) if owner[min(f.faulty)] in articles]
    scope = Finding.objects.filter(kind=FindingKind.PUBLICATION_DATE_SUSPECT)
    scope = scope if dirty is None else scope.filter(subject__article_id__in=articles)
    watched = articles | set(scope.filter(status=Finding.Status.OPEN).values_list("subject__article_id", flat=True)) - {None}
    held_before = suspect_articles(watched)
    n, r = findings_sync(_unique(drafts), scope)
    new, resolved = new + n, resolved + r
    held_after = suspect_articles(watched)
    part = _steering_changed(held_before ^ held_after)
    new, resolved = new + part.findings_new, resolved + part.findings_resolved
    # Claims that cannot be dated.
    undated = _undated_candidates(**({} if dirty is None else {"event_id__in": dirty}))
    drafts = [f.draft for f in unresolved_date(views_of(_events_with(undated)))]
    scope = Finding.objects.filter(kind=FindingKind.UNRESOLVED_DATE)
    if dirty is not None:
        scope = scope.filter(models.Q(event_id__in=dirty) | models.Q(subject__event_id__in=dirty))
    n, r = findings_sync(_unique(drafts), scope)
    new, resolved = new + n, resolved + r
    # Precedents.
    stating, judged = _precedent_scope(dirty)
    drafts = _precedent_drafts(stating, entities)
    scope = Finding.objects.filter(kind=FindingKind.PRECEDENT_CONFLICT)
    n, r = findings_sync(_unique(drafts), scope if dirty is None else scope.filter(subject__event_id__in=judged))
    new, resolved = new + n, resolved + r
    # Per-event findings left on deleted events, which no event's check owns any more.
    orphans = Finding.objects.filter(kind__in=PER_EVENT_KINDS, event__isnull=True, status=Finding.Status.OPEN)
    resolved += orphans.update(status=Finding.Status.RESOLVED, resolved_at=timezone.now())
    # Only newly held-back articles are relinked: one let back in (its finding resolved by the
    # checks) links by its dates the next time linking places it, and relinking on both changes
    # could send an article back and forth between two placements.
    return CheckSummary(0, new, resolved, frozenset(held_after - held_before))


def _steering_changed(article_ids: set[int]) -> CheckSummary:
    """These articles' relative dates were just held back from their events (a suspect publication
    time) or let back in: their events' dates are recomputed and their per-event checks run again
    on the new dates, now. Linking reads the change (timeline.analysis.linking.as_linked) when the
    caller sends newly held-back articles through it (CheckSummary.held_back), or an editor's
    decision does."""
    if not article_ids:
        return CheckSummary(0, 0, 0)
    events = set(Claim.objects.filter(article_id__in=sorted(article_ids)).exclude(event=None).values_list("event_id", flat=True))
    events_refresh_summaries(event_ids=events)
    return _per_event(sorted(events))


def _unique(drafts: list[FindingDraft]) -> list[FindingDraft]:
    return list({d.fingerprint: d for d in drafts}.values())


# --- precedents ---------------------------------------------------------------------------------


def _store_facts(views: list[EventView]) -> None:
    """Keep each checked event's precedent facts, so later checks match against it without its text."""
    entities = finder()
    known = _stored_profiles(views)
    stored = {row[0]: row[1:] for row in Event.objects.filter(id__in=[v.id for v in views]).values_list("id", "facts", "family", "states_precedent")}
    changed = []
    for view in views:
        facts = event_facts(view, entities, known)
        statements = statements_of(view, entities)
        data = {
            **facts_to_json(facts),
            "statement_families": sorted({s.family for s in statements if s.family}),
            "statements": [facts_to_json(st) for st in statements],
        }
        wanted = (data, facts.family, bool(statements))
        if view.id in stored and stored[view.id] != wanted:
            changed.append(Event(id=view.id, facts=data, family=facts.family, states_precedent=bool(statements)))
    rows_update(changed, ["facts", "family", "states_precedent"])  # only what changed: most events' facts do not


def _stored_profiles(views: list[EventView]) -> dict[int, Profile]:
    ids = [c.id for v in views for c in v.claims]
    found = {}
    for i in range(0, len(ids), 500):
        found.update((i, profile_from_json(p)) for i, p in Claim.objects.filter(id__in=ids[i : i + 500], profile__isnull=False).values_list("id", "profile"))
    return found


def _precedent_scope(dirty: set[int] | None) -> tuple[set[int], set[int]]:
    """(events whose precedent statements must be judged, the events whose findings that settles)."""
    stating = Event.objects.filter(states_precedent=True)
    if dirty is None:
        ids = set(stating.values_list("id", flat=True))
        return ids, ids
    dirty_events = list(Event.objects.filter(id__in=dirty).values("id", "family", "states_precedent", "value_start", "facts"))
    judged = {e["id"] for e in dirty_events if e["states_precedent"]}
    dated = [facts_from_json(e["facts"]) for e in dirty_events if e["family"] and e["value_start"] is not None and e["facts"]]
    if dated:
        # Only statements a changed dated event could confirm or contradict, read from their kept facts.
        for event_id, facts in _stating_candidates(stating, dated).values_list("id", "facts"):
            statements = [facts_from_json(st) for st in (facts or {}).get("statements", ())]
            if any(_may_match(st, d) for st in statements for d in dated):
                judged.add(event_id)
    # A finding that cited one of these events may no longer hold: judge its statement again.
    cited = Finding.objects.filter(kind=FindingKind.PRECEDENT_CONFLICT, status=Finding.Status.OPEN, claims__event_id__in=dirty)
    judged |= set(cited.values_list("subject__event_id", flat=True)) - {None}
    return judged, judged | (dirty - {e["id"] for e in dirty_events})


def _stating_candidates(stating: models.QuerySet, dated: list) -> models.QuerySet:
    """The stating events with a statement of a dated event's family that shares a role or an actor
    with it (_may_match's first tests), found by the GIN index on facts: every stating event's
    facts were read for each article (3,000 of them at a million claims). SQLite reads them all."""
    if connection.vendor != "postgresql" or len(dated) > 200:
        return stating  # (past a few hundred index probes, one read of them all costs no more)
    match = models.Q()
    for d in dated:
        for field, values in (("roles", d.roles), ("actors", d.actors)):
            for value in sorted(values):
                match |= models.Q(facts__contains={"statements": [{"family": d.family, field: [value]}]})
    return stating.filter(match) if match else stating.none()


def _precedent_drafts(stating: set[int], entities: EntityFinder) -> list[FindingDraft]:
    if not stating:
        return []
    views = views_of(Event.objects.filter(id__in=stating))
    known = _stored_profiles(views)
    facts = {v.id: event_facts(v, entities, known) for v in views}
    statements = [s for v in views for s in statements_of(v, entities)]
    stored: dict[int, object] = {}
    for st in statements:
        others = Event.objects.filter(family=st.family, value_start__isnull=False).exclude(id__in=stating)
        if st.places and connection.vendor == "postgresql":
            others = others.filter(facts__places__contains=sorted(st.places))  # served by the GIN index on facts
        stored.update((i, facts_from_json(f)) for i, f in others.values_list("id", "facts") if f and i not in stored)
    # A superset of what precedent._judge accepts: the check itself decides.
    matching = [i for i, f in stored.items() if any(_may_match(st, f) for st in statements)]
    other_views = views_of(Event.objects.filter(id__in=matching), with_text=False)
    facts.update({i: stored[i] for i in matching})
    return [f.draft for f in precedent_conflict(views + other_views, entities, facts=facts)]


def _may_match(statement, facts) -> bool:
    """Could an event with these facts be the precedent a statement speaks of (precedent._judge's first test)?"""
    return (
        facts.family == statement.family
        and statement.places <= facts.places
        and bool(statement.roles & facts.roles or statement.actors & facts.actors)
    )


# --- reading events -----------------------------------------------------------------------------


def views_of(events, *, with_text: bool = True, with_lengths: bool = False) -> list[EventView]:
    """Event views for a queryset of events in three queries (events, claims, articles), not one per event.

    `with_lengths`: also the durations in their claims' sentences (one more query), for the per-event checks.
    """
    events = list(events)
    by_event: dict[int, list[Claim]] = {e.id: [] for e in events}
    ids = list(by_event)
    claims = []
    for i in range(0, len(ids), 500):
        # Not the stored profile (a JSON document per claim): the checks read claims as records.
        claims += Claim.objects.filter(event_id__in=ids[i : i + 500]).defer("profile").order_by("article_id", "start")
    records = {r.id: r for r in claim_records(claims, with_text=with_text)}
    claims = [c for c in claims if c.id in records]  # durations and sets date no happening
    for claim in claims:
        by_event[claim.event_id].append(claim)
    views = []
    for event in events:
        mine = by_event[event.id]
        phases = {c.id: c.phase for c in mine if c.phase}
        event_records = [records[c.id] for c in mine]
        interval, status = consensus(event_records, phases)
        views.append(EventView(id=event.id, label=event.label, claims=event_records, consensus=interval, status=status, phases=phases))
    if with_lengths:
        _attach_lengths(views)
    return views


def _attach_lengths(views: list[EventView]) -> None:
    """Each view's durations: DURATION claims in a sentence one of its dated claims is in."""
    sentences: dict[tuple[int, int], set[int]] = {}
    for view in views:
        for c in view.claims:
            if c.claim.interval is not None:
                sentences.setdefault((c.article_id, c.claim.sentence_start), set()).add(view.id)
    if not sentences:
        return
    articles = sorted({a for a, _ in sentences})
    lengths = []
    for i in range(0, len(articles), 500):
        lengths += Claim.objects.filter(
            article_id__in=articles[i : i + 500], timex_type=TimexType.DURATION.value, sentence_start__in={s for _, s in sentences}
        ).select_related("article").defer("article__raw", "article__text")
    by_id = {view.id: view for view in views}
    for claim in lengths:
        for view_id in sentences.get((claim.article_id, claim.sentence_start), ()):
            by_id[view_id].lengths.append(claim_record(claim, claim.article, with_text=False))


def _events_with(claim_rows) -> models.QuerySet:
    """The events holding any of these (event_id, ...) rows."""
    return Event.objects.filter(id__in={row[0] for row in claim_rows if row[0] is not None})


def _publication_candidates(**where) -> list[tuple]:
    """(event_id, article_id) of the claims publication_date_suspect judges: relative, unquoted, dated, published."""
    rows = Claim.objects.filter(
        resolution=Resolution.RELATIVE, quoted=False, value_start__isnull=False, article__published_at__isnull=False, **where
    ).values_list("event_id", "article_id", "offset")
    return [(e, a) for e, a, offset in rows if not offset]


def _shift_year(day, years: int):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return None


def _year_off(days: set) -> set:
    """The same days a year later and a year earlier."""
    return {x for d in days for x in (_shift_year(d, 1), _shift_year(d, -1)) if x is not None}


def _single_source(event_ids: set[int]) -> set[int]:
    """Those of these events whose claims all come from one article: what _wrong_year can flag."""
    rows = Claim.objects.filter(event_id__in=event_ids).values("event_id").annotate(n=models.Count("article_id", distinct=True))
    return {row["event_id"] for row in rows if row["n"] == 1}


def _year_off_articles(dirty: set[int]) -> set[int]:
    """Articles whose relative day a year off one of these events' day: what the wrong-year check reads.

    Only the claims it can flag: on an event of a single source (one article), as
    checks.publication._wrong_year requires, and only when the changed event could be what
    they are held against (a single day, more than one claim). Without that, every article
    with a relative date a year off was read back (about 2,800 claims per article at a
    million claims, half the time of one more article: bench.ingest).
    """
    days = Event.objects.filter(id__in=dirty, value_start=models.F("value_end"), claim_count__gt=1).values_list("value_start", flat=True)
    shifted = _year_off(set(days))
    if not shifted:
        return set()
    pairs = [(e, a) for e, a in _publication_candidates(value_start__in=shifted, value_end=models.F("value_start")) if e is not None]
    if not pairs:
        return set()
    single = _single_source({e for e, _ in pairs})
    return {a for e, a in pairs if e in single}


def _year_off_events(articles: set[int]) -> set[int]:
    """Events dated a year off these articles' relative days, which the wrong-year check compares them with.

    As in _year_off_articles, only what it can use: days of claims on a single-source
    event (the ones it can flag), and events of one day with more than one claim (the
    ones it can hold them against).
    """
    rows = list(
        Claim.objects.filter(
            article_id__in=articles, resolution=Resolution.RELATIVE, value_start__isnull=False, value_end=models.F("value_start"),
            event_id__isnull=False,
        ).values_list("event_id", "value_start")
    )
    if not rows:
        return set()
    single = _single_source({e for e, _ in rows})
    shifted = _year_off({d for e, d in rows if e in single})
    if not shifted:
        return set()
    targets = _publication_candidates(
        event__value_start__in=shifted, event__value_end=models.F("event__value_start"), event__claim_count__gt=1
    )
    return set(_events_with(targets).values_list("id", flat=True))


def _undated_candidates(**where) -> list[tuple]:
    rows = Claim.objects.filter(value_start__isnull=True, article__published_at__isnull=True, **where).values_list("event_id", "offset")
    return [(e,) for e, offset in rows if not offset]


def _article_neighbours(event_ids: list[int]) -> list[EventView]:
    """The other events an article with relative dates on these events also has relative dates on.

    publication_date_suspect judges an article over all its relative dates, so
    the per-event checks need them to know which date conflicts that verdict explains.
    """
    articles = {a for _, a in _publication_candidates(event_id__in=event_ids)}
    if not articles:
        return []
    others = _events_with(_publication_candidates(article_id__in=articles)).exclude(id__in=event_ids)
    return views_of(others)


# --- findings -----------------------------------------------------------------------------------


def findings_sync(drafts: list[FindingDraft], scope) -> tuple[int, int]:
    """Upsert drafts by identity; resolve the open findings in `scope` no draft produced. Returns (new, resolved).

    A finding seen again keeps its status (dismissed stays dismissed) unless it
    had been resolved, which reopens it. Only findings whose content changed
    are saved (with a history row); the rest just get last_seen_at.
    """
    now = timezone.now()
    known, known_claims = _existing(drafts)
    seen_ids, fresh = [], {}
    for draft in drafts:
        finding = known.get(draft.fingerprint) or known.get(draft.legacy_fingerprint)
        if finding is None:
            fresh.setdefault(draft.fingerprint, draft)
            continue
        _refresh(finding, draft, known_claims.get(finding.id, set()))
        known_claims[finding.id] = set(draft.claim_ids)
        seen_ids.append(finding.id)
    created = _create(list(fresh.values()), now)
    seen_ids += [f.id for f in created]
    new = len(created)
    for i in range(0, len(seen_ids), 500):
        Finding.objects.filter(id__in=seen_ids[i : i + 500]).update(last_seen_at=now)
    seen = set(seen_ids)
    # Compared here rather than in an `exclude(id__in=...)`: a big scope would exceed SQLite's parameter limit.
    gone = [pk for pk in scope.filter(status=Finding.Status.OPEN).values_list("pk", flat=True).distinct() if pk not in seen]
    resolved = 0
    for i in range(0, len(gone), 500):
        resolved += Finding.objects.filter(pk__in=gone[i : i + 500]).update(status=Finding.Status.RESOLVED, resolved_at=now)
    events_refresh_conflict_flags(event_ids=_events_of_findings(seen_ids + gone))
    return new, resolved


def _create(drafts: list[FindingDraft], now) -> list[Finding]:
    """New findings with their history rows and cited claims, a few statements for all of them."""
    created = bulk_create_with_history(
        [
            Finding(
                fingerprint=d.fingerprint, kind=d.kind, severity=d.severity, message=d.message, event_id=d.event_id,
                subject_id=d.subject_id, last_seen_at=now,
            )
            for d in drafts
        ],
        Finding,
        batch_size=500,
    )
    cites = Finding.claims.through
    cites.objects.bulk_create(
        [cites(finding_id=f.id, claim_id=c) for f, d in zip(created, drafts) for c in sorted(set(d.claim_ids))], batch_size=1000
    )
    return created


def _events_of_findings(finding_ids: list[int]) -> set[int]:
    """The events these findings count against (their own and their claims'), for the lists' conflict flag."""
    events: set[int] = set()
    for i in range(0, len(finding_ids), 500):
        chunk = finding_ids[i : i + 500]
        events |= set(Finding.objects.filter(id__in=chunk).exclude(event_id=None).values_list("event_id", flat=True))
        events |= set(Finding.claims.through.objects.filter(finding_id__in=chunk).values_list("claim__event_id", flat=True))
    return events - {None}


def _existing(drafts: list[FindingDraft]) -> tuple[dict[str, Finding], dict[int, set[int]]]:
    """The stored findings by fingerprint, and the ids of the claims each cites (ids only:
    prefetching loaded every cited claim in full, to compare its id)."""
    keys = sorted({d.fingerprint for d in drafts} | {d.legacy_fingerprint for d in drafts if d.legacy_fingerprint})
    found: dict[str, Finding] = {}
    for i in range(0, len(keys), 500):
        found.update((f.fingerprint, f) for f in Finding.objects.filter(fingerprint__in=keys[i : i + 500]))
    cited: dict[int, set[int]] = {}
    ids = sorted({f.id for f in found.values()})
    for i in range(0, len(ids), 500):
        for finding_id, claim_id in Finding.claims.through.objects.filter(finding_id__in=ids[i : i + 500]).values_list("finding_id", "claim_id"):
            cited.setdefault(finding_id, set()).add(claim_id)
    return found, cited


def _refresh(finding: Finding, draft: FindingDraft, cited: set[int]) -> None:
    fields = {
        "fingerprint": draft.fingerprint,
        "message": draft.message,
        "severity": draft.severity,
        "event_id": draft.event_id,
        "subject_id": draft.subject_id,
    }
    if finding.status == Finding.Status.RESOLVED:
        fields.update(status=Finding.Status.OPEN, resolved_at=None)
    if any(getattr(finding, f) != v for f, v in fields.items()):
        for f, v in fields.items():
            setattr(finding, f, v)
        finding.save()
    if cited != set(draft.claim_ids):
        finding.claims.set(draft.claim_ids)


# --- locks --------------------------------------------------------------------------------------

_EVENT_LOCK_SPACE = zlib.crc32(b"event") - 2**31  # the first key of the two-int form is an int4


def _lock_events(event_ids: list[int]) -> None:
    """Lock each event for the rest of the transaction, in id order so two overlapping checks cannot deadlock.

    Blocking rather than try-lock: a second check of the same event waits and
    then runs on what the first one wrote, which is the same answer (the
    checks are idempotent), so nothing is skipped.
    """
    if connection.vendor != "postgresql" or not event_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(%s, id)) FROM unnest(%s::int[]) AS id",
            [_EVENT_LOCK_SPACE, sorted(event_ids)],
        )
