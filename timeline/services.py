"""Writes to events and findings: linking, consensus, the cross-check."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from claims.extraction.types import Resolution
from claims.models import Claim
from factdb.locks import pipeline_lock
from timeline.analysis.checks import (
    CROSS_EVENT_KINDS,
    PER_EVENT_KINDS,
    event_checks,
    explained_claims,
    precedent_conflict,
    publication_date_suspect,
    unresolved_date,
)
from timeline.analysis.checks.precedent import _event_facts, _statement
from timeline.analysis.entities import EntityFinder
from timeline.analysis.lexicon import find_precedents
from timeline.analysis.consensus import consensus
from timeline.analysis.linking import link_claims
from timeline.analysis.types import EventView
from timeline.models import Event, Finding
from timeline.records import aliases, claim_records


@dataclass(frozen=True)
class CheckSummary:
    events: int
    findings_open: int
    findings_new: int
    findings_resolved: int


def events_relink() -> int:
    """Link every claim to an event and refresh each event's consensus.

    Groups map onto stored events by the key linking gives them, so events
    keep their ids (and their history) across re-runs; pinned claims stay put.
    """
    with pipeline_lock("pipeline"):
        records = claim_records(Claim.objects.all())
        groups = link_claims(records, aliases())
        claims = {c.id: c for c in Claim.objects.select_for_update()}
        touched: set[int] = set()
        for group in groups:
            event = _event_for(group, touched)
            touched.add(event.id)
            for claim_id in group.claim_ids:
                claim = claims[claim_id]
                claim.event = event
                claim.phase = group.phases.get(claim_id, "")
                resolved = group.resolved.get(claim_id)
                if resolved is not None and claim.value_start is None:
                    claim.value_start, claim.value_end = resolved.start, resolved.end
                    claim.granularity, claim.resolution = resolved.granularity, Resolution.ANCHORED
            Claim.objects.bulk_update(
                [claims[i] for i in group.claim_ids],
                ["event", "phase", "value_start", "value_end", "granularity", "resolution"],
            )
        # An event nobody links to any more was linking's own; editors' events carry no key.
        Event.objects.exclude(id__in=touched).filter(key__isnull=False, claims__isnull=True, label_locked=False).delete()
        for event in Event.objects.filter(id__in=touched):
            event_refresh_consensus(event=event)
    return len(touched)


def _event_for(group, touched: set[int] = frozenset()) -> Event:
    if group.event_id is not None:
        return Event.objects.get(pk=group.event_id)
    event = Event.objects.filter(key=group.key).first()
    if event is None:
        # An editor's name survives relinking: the renamed event holding most of this group's
        # claims takes the group's new key rather than give way to a new event.
        event = (
            Event.objects.filter(label_locked=True, claims__id__in=group.claim_ids)
            .exclude(id__in=touched)
            .annotate(shared=models.Count("claims"))
            .order_by("-shared", "id")
            .first()
        )
        if event is None:
            return Event.objects.create(key=group.key, label=group.label[:300])
        event.key = group.key
        event.save(update_fields=["key", "updated_at"])
    if not event.label_locked and event.label != group.label[:300]:
        event.label = group.label[:300]
        event.save(update_fields=["label", "updated_at"])
    return event


def event_view(event: Event) -> EventView:
    claims = list(event.claims.all())
    records = claim_records(claims)
    phases = {c.id: c.phase for c in claims if c.phase}
    interval, status = consensus(records, phases)
    return EventView(id=event.id, label=event.label, claims=records, consensus=interval, status=status, phases=phases)


def event_refresh_consensus(*, event: Event) -> Event:
    view = event_view(event)
    if view.consensus is None:
        event.value_start = event.value_end = None
        event.granularity = ""
    else:
        event.value_start, event.value_end = view.consensus.start, view.consensus.end
        event.granularity = view.consensus.granularity
    event.status = view.status
    event.save()
    return event


def consistency_check(*, batch_size: int = 500) -> CheckSummary:
    """Run every check over every event and bring the findings up to date, in this process.

    The same two services the Celery run shards (`findings_check_events` per
    batch of events, then `findings_cross_check`), so there is one code path;
    used by tests and by the nightly report, which is one task anyway.
    """
    ids = event_ids_all()
    totals = [findings_check_events(event_ids=ids[i : i + batch_size]) for i in range(0, len(ids), batch_size)]
    cross = findings_cross_check()
    return CheckSummary(
        events=len(ids),
        findings_open=Finding.objects.filter(status=Finding.Status.OPEN).count(),
        findings_new=sum(t.findings_new for t in totals) + cross.findings_new,
        findings_resolved=sum(t.findings_resolved for t in totals) + cross.findings_resolved,
    )


def event_ids_all() -> list[int]:
    return list(Event.objects.order_by("id").values_list("id", flat=True))


def findings_check_events(*, event_ids: list[int]) -> CheckSummary:
    """The per-event checks (date, weekday, duration) for these events, and their findings brought up to date.

    Only these events' per-event findings are touched, so shards running side
    by side never resolve each other's. Each event is locked for the
    transaction: two workers never check one event at once.
    """
    event_ids = sorted(set(event_ids))
    with transaction.atomic():
        _lock_shared("pipeline")  # relinking (which moves claims) waits for running shards, and they for it
        _lock_events(event_ids)
        views = _views(Event.objects.filter(id__in=event_ids).order_by("id"))
        drafts = event_checks(views, explained_claims(views + _article_neighbours(event_ids)))
        scope = Finding.objects.filter(kind__in=PER_EVENT_KINDS, event_id__in=event_ids)
        new, resolved = _findings_sync(drafts, scope)
    return CheckSummary(events=len(views), findings_open=-1, findings_new=new, findings_resolved=resolved)


def findings_cross_check() -> CheckSummary:
    """The checks that compare events or whole articles, and their findings brought up to date.

    Each check reads only the events it can matter to (chosen by a query, or
    for precedents from compact per-event facts), so the whole store is never
    held at once. Also resolves per-event findings left on deleted events,
    which no shard owns any more.
    """
    with transaction.atomic():
        _lock_shared("pipeline")
        with pipeline_lock("cross-checks"):
            finder = EntityFinder(aliases())
            found = publication_date_suspect(_views(_events_with(_publication_candidates())))
            found += unresolved_date(_views(_events_with(_undated_candidates())))
            found += precedent_conflict(_views(_precedent_events(finder)), finder)
            drafts = list({f.draft.fingerprint: f.draft for f in found}.values())
            new, resolved = _findings_sync(drafts, Finding.objects.filter(kind__in=CROSS_EVENT_KINDS))
            orphans = Finding.objects.filter(kind__in=PER_EVENT_KINDS, event__isnull=True, status=Finding.Status.OPEN)
            resolved += orphans.update(status=Finding.Status.RESOLVED, resolved_at=timezone.now())
    return CheckSummary(events=-1, findings_open=-1, findings_new=new, findings_resolved=resolved)


def _findings_sync(drafts, scope) -> tuple[int, int]:
    """Upsert drafts by fingerprint; resolve the open findings in `scope` no draft produced.

    A finding seen again keeps its status (dismissed stays dismissed) unless it
    had been resolved, which reopens it. Returns (new, resolved).
    """
    now = timezone.now()
    new = 0
    for draft in drafts:
        finding, created = Finding.objects.get_or_create(
            fingerprint=draft.fingerprint,
            defaults={"kind": draft.kind, "severity": draft.severity, "message": draft.message, "event_id": draft.event_id, "last_seen_at": now},
        )
        new += created
        if not created:
            finding.message, finding.severity, finding.last_seen_at = draft.message, draft.severity, now
            if finding.status == Finding.Status.RESOLVED:
                finding.status, finding.resolved_at = Finding.Status.OPEN, None
            finding.save()
        finding.claims.set(draft.claim_ids)
    seen = {d.fingerprint for d in drafts}
    # Compared here rather than in an `exclude(fingerprint__in=...)`: a big shard would exceed SQLite's parameter limit.
    gone = [pk for pk, fp in scope.filter(status=Finding.Status.OPEN).values_list("pk", "fingerprint") if fp not in seen]
    resolved = 0
    for i in range(0, len(gone), 500):
        resolved += Finding.objects.filter(pk__in=gone[i : i + 500]).update(status=Finding.Status.RESOLVED, resolved_at=now)
    return new, resolved


def _views(events) -> list[EventView]:
    """Event views for a queryset of events in three queries (events, claims, articles), not one per event."""
    events = list(events)
    by_event: dict[int, list[Claim]] = {e.id: [] for e in events}
    ids = list(by_event)
    claims = []
    for i in range(0, len(ids), 500):
        claims += Claim.objects.filter(event_id__in=ids[i : i + 500]).order_by("article_id", "start")
    records = dict(zip((c.id for c in claims), claim_records(claims)))
    for claim in claims:
        by_event[claim.event_id].append(claim)
    views = []
    for event in events:
        mine = by_event[event.id]
        phases = {c.id: c.phase for c in mine if c.phase}
        event_records = [records[c.id] for c in mine]
        interval, status = consensus(event_records, phases)
        views.append(EventView(id=event.id, label=event.label, claims=event_records, consensus=interval, status=status, phases=phases))
    return views


def _events_with(claim_rows) -> models.QuerySet:
    """The events (in the store's order) holding any of these (event_id, ...) rows."""
    return Event.objects.filter(id__in={row[0] for row in claim_rows if row[0] is not None})


def _publication_candidates(**where) -> list[tuple]:
    """(event_id, article_id) of the claims publication_date_suspect judges: relative, unquoted, dated, published."""
    rows = Claim.objects.filter(
        resolution=Resolution.RELATIVE, quoted=False, value_start__isnull=False, article__published_at__isnull=False, **where
    ).values_list("event_id", "article_id", "offset")
    return [(e, a) for e, a, offset in rows if not offset]


def _undated_candidates() -> list[tuple]:
    rows = Claim.objects.filter(value_start__isnull=True, article__published_at__isnull=True).values_list("event_id", "offset")
    return [(e,) for e, offset in rows if not offset]


def _article_neighbours(event_ids: list[int]) -> list[EventView]:
    """The other events an article with relative dates on these events also has relative dates on.

    publication_date_suspect judges an article over all its relative dates, so
    a shard needs them to know which of its date conflicts that verdict explains.
    """
    articles = {a for _, a in _publication_candidates(event_id__in=event_ids)}
    if not articles:
        return []
    others = _events_with(_publication_candidates(article_id__in=articles)).exclude(id__in=event_ids)
    return _views(others)


def _precedent_events(finder: EntityFinder, chunk: int = 500) -> models.QuerySet:
    """The events precedent_conflict needs: those stating a precedent, and the dated events that could contradict one.

    A first pass keeps only compact facts per event (family, places, roles,
    actors); the claims are read again only for the events returned. The
    matching rule is precedent._judge's, so the result is the same as over all events.
    """
    facts, dated, statements, stating = {}, set(), [], set()
    ids = event_ids_all()
    for i in range(0, len(ids), chunk):
        for view in _views(Event.objects.filter(id__in=ids[i : i + chunk])):
            facts[view.id] = _event_facts(view, finder)
            if view.consensus is not None:
                dated.add(view.id)
            for claim in view.claims:
                c = claim.claim
                for precedent in find_precedents(claim.article_text, c.sentence_start, c.sentence_end):
                    stating.add(view.id)
                    statements.append(_statement(claim, precedent.start, finder))
    needed = set(stating)
    for st in statements:
        if not st.family or not (st.roles or st.actors):
            continue
        needed |= {
            e
            for e in dated
            if facts[e].family == st.family and st.places <= facts[e].places and (st.roles & facts[e].roles or st.actors & facts[e].actors)
        }
    return Event.objects.filter(id__in=needed)


def _lock_shared(name: str) -> None:
    """Share `pipeline_lock(name)`: any number of holders, but not while someone holds it exclusively."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [zlib.crc32(name.encode())])


_EVENT_LOCK_SPACE = zlib.crc32(b"event") - 2**31  # the first key of the two-int form is an int4


def _lock_events(event_ids: list[int]) -> None:
    """Lock each event for the rest of the transaction, in id order so two overlapping shards cannot deadlock.

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


def finding_dismiss(*, finding: Finding, editor, reason: str) -> Finding:
    from factdb.errors import FactdbError

    if not reason or not reason.strip():
        raise FactdbError.on("reason", "say why the finding is a false alarm")
    with transaction.atomic():
        finding.status = Finding.Status.DISMISSED
        finding.dismissed_by = editor
        finding.dismiss_reason = reason.strip()
        finding.save()
    return finding


def finding_reopen(*, finding: Finding) -> Finding:
    finding.status, finding.dismissed_by, finding.dismiss_reason, finding.resolved_at = Finding.Status.OPEN, None, "", None
    finding.save()
    return finding


def event_merge(*, target: Event, sources: list[Event]) -> Event:
    """An editor says these events are one happening: their claims move onto target, pinned.

    Pinning keeps linking from pulling them apart again; the emptied sources
    are deleted (their history stays), and the checks re-run on the result.
    """
    from factdb.errors import FactdbError
    from timeline.tasks import enqueue_recheck

    source_ids = {e.pk for e in sources} - {None}
    if not source_ids:
        raise FactdbError.on("sources", "choose at least one event to merge into the target")
    if target.pk in source_ids:
        raise FactdbError.on("sources", "an event cannot be merged into itself")
    with transaction.atomic():
        found = set(Event.objects.select_for_update().filter(pk__in=source_ids | {target.pk}).values_list("pk", flat=True))
        missing = (source_ids | {target.pk}) - found
        if missing:
            raise FactdbError.on("sources", f"no event with id {', '.join(map(str, sorted(missing)))}")
        # One save per claim rather than update(), so each move is in the claim's history.
        for claim in Claim.objects.select_for_update().filter(event_id__in=source_ids):
            claim.event, claim.event_pinned = target, True
            claim.save()
        Event.objects.filter(pk__in=source_ids).delete()
        enqueue_recheck()
    return target


def event_rename(*, event: Event, label: str) -> Event:
    """An editor names an event; relinking keeps the name (label_locked) from then on."""
    from factdb.errors import FactdbError

    label = (label or "").strip()
    if not label:
        raise FactdbError.on("label", "name the event")
    if len(label) > 300:
        raise FactdbError.on("label", "at most 300 characters")
    event.label, event.label_locked = label, True
    event.save(update_fields=["label", "label_locked", "updated_at"])
    return event


def event_split(*, event: Event, claim_ids: list[int], label: str) -> Event:
    """An editor says some of an event's claims are about another happening: they move to a new event.

    The new event has no key (linking did not make it, so relinking never
    deletes it) and its claims are pinned there; the checks re-run.
    """
    from factdb.errors import FactdbError
    from timeline.tasks import enqueue_recheck

    label = (label or "").strip()
    if not label:
        raise FactdbError.on("label", "name the new event")
    wanted = set(claim_ids)
    if not wanted:
        raise FactdbError.on("claim_ids", "choose the claims to split off")
    with transaction.atomic():
        on_event = {c.pk: c for c in Claim.objects.select_for_update().filter(event=event)}
        strangers = wanted - on_event.keys()
        if strangers:
            raise FactdbError.on("claim_ids", f"claim {', '.join(map(str, sorted(strangers)))} is not on the event {event.label!r}")
        if wanted == on_event.keys():
            raise FactdbError.on("claim_ids", "leave at least one claim on the event")
        new_event = Event.objects.create(key=None, label=label[:300])
        for claim_id in sorted(wanted):
            claim = on_event[claim_id]
            claim.event, claim.event_pinned, claim.phase = new_event, True, ""
            claim.save()
        enqueue_recheck()
    return new_event
