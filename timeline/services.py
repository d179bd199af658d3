"""Writes to events and findings: linking, consensus, the cross-check."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from claims.extraction.types import Resolution
from claims.models import Claim
from factdb.locks import pipeline_lock
from timeline.analysis.checks import run_checks
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
            event = _event_for(group)
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
        Event.objects.exclude(id__in=touched).filter(key__isnull=False, claims__isnull=True).delete()
        for event in Event.objects.filter(id__in=touched):
            event_refresh_consensus(event=event)
    return len(touched)


def _event_for(group) -> Event:
    if group.event_id is not None:
        return Event.objects.get(pk=group.event_id)
    event, created = Event.objects.get_or_create(key=group.key, defaults={"label": group.label[:300]})
    if not created and event.label != group.label[:300]:
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


def consistency_check() -> CheckSummary:
    """Run every check over every event and bring the findings up to date.

    Findings are keyed by fingerprint: one seen again is left as it is (a
    dismissed one stays dismissed), one no longer produced is resolved.
    """
    with pipeline_lock("pipeline"):
        views = [event_view(e) for e in Event.objects.prefetch_related("claims")]
        drafts = run_checks(views, aliases())
        now = timezone.now()
        seen, new = set(), 0
        for draft in drafts:
            seen.add(draft.fingerprint)
            finding, created = Finding.objects.get_or_create(
                fingerprint=draft.fingerprint,
                defaults={
                    "kind": draft.kind,
                    "severity": draft.severity,
                    "message": draft.message,
                    "event_id": draft.event_id,
                    "last_seen_at": now,
                },
            )
            new += created
            if not created:
                finding.message, finding.severity, finding.last_seen_at = draft.message, draft.severity, now
                if finding.status == Finding.Status.RESOLVED:
                    finding.status, finding.resolved_at = Finding.Status.OPEN, None
                finding.save()
            finding.claims.set(draft.claim_ids)
        gone = Finding.objects.filter(status=Finding.Status.OPEN).exclude(fingerprint__in=seen)
        resolved = gone.update(status=Finding.Status.RESOLVED, resolved_at=now)
        open_count = Finding.objects.filter(status=Finding.Status.OPEN).count()
    return CheckSummary(events=len(views), findings_open=open_count, findings_new=new, findings_resolved=resolved)


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
