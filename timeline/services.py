"""Editors' writes to events and findings: dismiss, reopen, merge, split.

Linking lives in timeline/linker.py, the checks in timeline/checker.py; the
pipeline (pipeline/stages.py) calls them in order. A write here that changes
what the checks see queues the events for a re-check in its own transaction.
"""

from __future__ import annotations

from django.db import transaction

from claims import validation
from claims.models import Article, Claim
from claims.services import article_reprocess
from factdb.errors import FactdbConflict, FactdbError
from timeline.analysis.types import EventView, FindingKind
from timeline.checker import views_of
from timeline.models import Event, Finding
from timeline.summaries import events_refresh_conflict_flags
from timeline.versions import timeline_version_bump
from work.queue import events_request_recheck


def event_view(event: Event) -> EventView:
    return views_of([event], with_lengths=True)[0]


def dismissal_reason(value: object) -> str:
    """The reason an editor gives for dismissing a finding: a note that says something."""
    reason = validation.note_field(value, field="reason")
    if not reason:
        raise FactdbError.on("reason", "say why the finding is a false alarm")
    return reason


def finding_dismiss(*, finding: Finding, editor, reason: str) -> Finding:
    reason = dismissal_reason(reason)
    with transaction.atomic():
        _finding_lock(finding)
        finding.status = Finding.Status.DISMISSED
        finding.dismissed_by = editor
        finding.dismiss_reason = reason
        # Only the editor's fields: the checks may have updated the rest meanwhile.
        finding.save(update_fields=["status", "dismissed_by", "dismiss_reason"])
        events_refresh_conflict_flags(event_ids=_finding_event_ids(finding))
        _steer_again(finding)
    return finding


def finding_reopen(*, finding: Finding) -> Finding:
    with transaction.atomic():
        _finding_lock(finding)
        finding.status, finding.dismissed_by, finding.dismiss_reason, finding.resolved_at = Finding.Status.OPEN, None, "", None
        finding.save(update_fields=["status", "dismissed_by", "dismiss_reason", "resolved_at"])
        events_refresh_conflict_flags(event_ids=_finding_event_ids(finding))
        _steer_again(finding)
    return finding


def _steer_again(finding: Finding) -> None:
    """A suspect publication time holds its article's relative dates back from linking and the
    events' dates (timeline.records.suspect_articles) until an editor decides. Dismissing the
    finding is that decision (reopening it takes it back): the article goes through the pipeline
    again, so its dates link and vote again (or are held back again), and the events its claims are
    on are re-checked, which recomputes their dates even where linking moves nothing."""
    if finding.kind != FindingKind.PUBLICATION_DATE_SUSPECT or finding.subject_id is None:
        return
    article = Article.objects.filter(claims__id=finding.subject_id).first()
    if article is not None:
        events_request_recheck(article.claims.values_list("event_id", flat=True))
        article_reprocess(article=article)


def _finding_lock(finding: Finding) -> None:
    if not Finding.objects.select_for_update().filter(pk=finding.pk).values_list("pk", flat=True).first():
        raise FactdbConflict("this finding was removed meanwhile (the checks ran again); reload and retry")


def _finding_event_ids(finding: Finding) -> set[int]:
    """The events a finding counts against: its own and its claims'."""
    ids = set(finding.claims.exclude(event_id=None).values_list("event_id", flat=True))
    return ids | {finding.event_id} if finding.event_id else ids


def event_merge(*, target: Event, sources: list[Event]) -> Event:
    """An editor says these events are one happening: their claims move onto target, pinned.

    Pinning keeps linking from pulling them apart again; the emptied sources
    are deleted (their history stays), and the checks re-run on the result.
    """
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
        events_request_recheck(source_ids | {target.pk})
    return target


def event_rename(*, event: Event, label: str) -> Event:
    """An editor names an event; relinking keeps the name (label_locked) from then on."""
    label = validation.text_field(label, field="label", max_length=300)
    if not label:
        raise FactdbError.on("label", "name the event")
    event.label, event.label_locked = label, True
    event.save(update_fields=["label", "label_locked", "updated_at"])
    timeline_version_bump()  # the public page shows the name
    return event


def event_split(*, event: Event, claim_ids: list[int], label: str) -> Event:
    """An editor says some of an event's claims are about another happening: they move to a new event.

    The new event has no key (linking did not make it, so relinking never
    deletes it) and its claims are pinned there; the checks re-run.
    """
    label = validation.text_field(label, field="label", max_length=300)
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
        events_request_recheck({event.pk, new_event.pk})
    return new_event
