"""Putting claims on events in the database: incremental for new claims, whole-store for repairs.

Placing an article's claims relinks only their neighbourhood: the events the
stored candidate index (EventKey) says they could join, with those events'
claims. Their profiles are stored with the claims, so no other article is
read. The neighbourhood is regrouped by the same `link_claims` as a full
relink, and the groups map back onto stored events by membership, so events
keep their ids (and their findings, history and editors' names).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from claims.extraction.types import Interval, Resolution
from claims.models import Claim
from claims.services import Placement, claims_place_bulk
from factdb.bulk import rows_update
from factdb.locks import pipeline_lock
from timeline.analysis.entities import EntityFinder
from timeline.analysis.linking import DEPENDENT, anchor_key_texts, anchoring_key_texts, claim_key_texts, dependent_key, link_claims
from timeline.analysis.profile import Profile, profile_claim
from timeline.analysis.stored import profile_from_json, profile_to_json
from timeline.analysis.types import EventGroup
from timeline.summaries import events_refresh_summaries
from timeline.models import Event, EventKey
from timeline.records import aliases, claim_records, finder
from timeline.versions import timeline_version_bump
from work.queue import events_mark_dirty


@dataclass(frozen=True)
class LinkSummary:
    claims: int  # claims placed (new ones and their neighbours)
    events_touched: frozenset[int]  # events whose membership changed; each is queued for a re-check
    events_deleted: int


def claims_link(*, claim_ids: list[int]) -> LinkSummary:
    """Place these claims (new or re-extracted) and relink their neighbourhood."""
    with pipeline_lock("link"):  # two articles placed at once could each found the same event
        table, entities = aliases(), finder()
        new = list(Claim.objects.filter(id__in=claim_ids).select_related(None))
        if not new:
            return LinkSummary(0, frozenset(), 0)
        records = claim_records(new)
        new = [c for c in new if c.id in {r.id for r in records}]  # durations and sets date no happening
        if not new:
            return LinkSummary(0, frozenset(), 0)
        profiles = {r.id: profile_claim(r, entities) for r in records}
        _store_profiles(new, profiles)
        keys = set().union(*(claim_key_texts(r, profiles[r.id]) | anchor_key_texts(r, entities) for r in records if r.pinned_event_id is None))
        neighbours = _neighbour_events(keys) | {c.event_id for c in new if c.event_id is not None}
        neighbours |= _anchor_neighbours(neighbours, set().union(*(anchoring_key_texts(p) for p in profiles.values())))
        members = list(Claim.objects.filter(event_id__in=neighbours).exclude(id__in=claim_ids)) if neighbours else []
        stored = _stored_profiles(members, entities)
        groups = link_claims(records + claim_records(members, with_text=False), table, {**profiles, **stored}, entities)
        return _apply(groups, new + members, neighbours, placed={c.id for c in new})


def events_relink_all() -> LinkSummary:
    """Relink every claim from its text (a repair: after an alias or linking change). Slow by nature."""
    with pipeline_lock("link"):
        table, entities = aliases(), finder()
        every = list(Claim.objects.all())
        records = claim_records(every)
        dated = {r.id for r in records}
        claims = [c for c in every if c.id in dated]
        profiles = {r.id: profile_claim(r, entities) for r in records}
        _store_profiles(claims, profiles)
        groups = link_claims(records, table, profiles, entities)
        summary = _apply(groups, claims, set(Event.objects.values_list("id", flat=True)), repair=True)
    return summary


def _neighbour_events(keys: set[str]) -> set[int]:
    """The events filed under any of these keys; the best-matching ones first when there are too many."""
    if not keys:
        return set()
    limit = settings.FACTDB_LINK_NEIGHBOURHOOD
    found: Counter[int] = Counter()
    keys_sorted = sorted(keys)
    for i in range(0, len(keys_sorted), 500):
        rows = EventKey.objects.filter(key__in=keys_sorted[i : i + 500]).values("event_id").annotate(n=Count("id"))
        found.update({row["event_id"]: row["n"] for row in rows})
    # A claim dated "in the 1990s" could join any event of its kind: it meets the closest
    # matches and the newest events, not the whole store (a full relink sees everything).
    return {event_id for event_id, _ in sorted(found.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]}


def _anchor_neighbours(events: set[int], anchoring: set[str]) -> set[int]:
    """The events whose dates count from these events ("three weeks after the charter was signed")
    or from the new claims (`anchoring`: the keys a phrase could find them by), and the events these
    events count from: a date counted from an anchor is counted again whenever either side is
    relinked, so both must be in the neighbourhood."""
    stored = set()
    ids = sorted(events)
    for i in range(0, len(ids), 500):
        stored.update(EventKey.objects.filter(event_id__in=ids[i : i + 500]).values_list("key", flat=True))
    anchors = {k[len(DEPENDENT) :] for k in stored if k.startswith(DEPENDENT)}
    dependents = {dependent_key(k) for k in stored | anchoring if k.startswith(("document|", "actor|"))}
    return _neighbour_events(anchors | dependents)


def _store_profiles(claims: list[Claim], profiles: dict[int, Profile]) -> None:
    changed = []
    for claim in claims:
        data = profile_to_json(profiles[claim.id])
        if claim.profile != data:
            claim.profile = data
            changed.append(claim)
    rows_update(changed, ["profile"])


def _stored_profiles(members: list[Claim], entities: EntityFinder) -> dict[int, Profile]:
    """Members' profiles as stored; one stored before profiles were kept is read from its text once."""
    out = {c.id: profile_from_json(c.profile) for c in members if c.profile is not None}
    missing = [c for c in members if c.profile is None]
    if missing:
        fresh = {r.id: profile_claim(r, entities) for r in claim_records(missing)}
        _store_profiles([c for c in missing if c.id in fresh], fresh)
        out.update(fresh)
    return out


def _apply(groups: list[EventGroup], claims: list[Claim], neighbours: set[int], repair: bool = False, placed: set[int] = frozenset()) -> LinkSummary:
    """`placed`: the claims being placed; their events' keys and labels are brought up to date even
    when no claim moved (a claim whose date is now held back stays put, but files its event under
    no day)."""
    by_id = {c.id: c for c in claims}
    owners = _owners(groups, by_id)
    placements, touched = [], set()
    for group, event in owners:
        if event.id not in neighbours:
            touched.add(event.id)  # a new event
        for claim_id in group.claim_ids:
            place = _placement(by_id[claim_id], group, event)
            if place is not None:
                placements.append(place)
    touched |= claims_place_bulk(placements=placements)
    # Only an event whose claims changed, or whose placed claims may read differently now, can have
    # other keys or another label (a repair redoes them all).
    own = {event.id for group, event in owners if placed & set(group.claim_ids)}
    changed = [(group, event) for group, event in owners if repair or event.id in touched | own]
    _refile(changed)
    for group, event in changed:
        if event.key is not None and group.label[:300] != event.label and not event.label_locked:
            Event.objects.filter(pk=event.pk).update(label=group.label[:300])
    kept = {event.id for _, event in owners}
    # An event nobody links to any more was linking's own; editors' events carry no key, and one they
    # named stays (its name is theirs).
    gone = Event.objects.filter(id__in=neighbours - kept, key__isnull=False, claims__isnull=True, label_locked=False)
    deleted = len(gone_ids := set(gone.values_list("id", flat=True)))
    Event.objects.filter(id__in=gone_ids).delete()
    touched -= gone_ids
    events_refresh_summaries(event_ids=touched | own)  # own: a relinked claim may read differently
    if changed or gone_ids:
        timeline_version_bump()  # labels and the list of events changed: cached pages are stale
    events_mark_dirty(touched | gone_ids)  # a deleted event's findings are resolved by the checker
    return LinkSummary(len(claims), frozenset(touched), deleted)


def _placement(claim: Claim, group: EventGroup, event: Event) -> Placement | None:
    """Where linking puts the claim, or None when that is where it already is."""
    phase = group.phases.get(claim.id, "")
    resolved = _recounted(claim, group)
    if claim.event_id == event.id and claim.phase == phase and resolved is None:
        return None
    if resolved is None:
        return Placement(claim.id, event.id, phase)
    return Placement(claim.id, event.id, phase, resolved.start, resolved.end, resolved.granularity, Resolution.ANCHORED)


def _recounted(claim: Claim, group: EventGroup) -> Interval | None:
    """The date linking counted for a claim the text leaves undated, or counted last time from an
    anchor; None when there is none or it is the date the claim already has."""
    if claim.value_start is not None and not claim.dated_by_anchor:
        return None  # the text's own date
    counted = group.resolved.get(claim.id)
    if counted is None:
        return None
    unchanged = (counted.start, counted.end, counted.granularity) == (claim.value_start, claim.value_end, claim.granularity)
    return None if unchanged else counted


def _owners(groups: list[EventGroup], claims: dict[int, Claim]) -> list[tuple[EventGroup, Event]]:
    """Map each group onto a stored event: its pinned event, else the event holding most of its claims.

    Biggest groups choose first, so an event that splits stays with its larger
    part; a group with no stored event (or whose event went to a larger group)
    gets a new one.
    """
    taken: set[int] = set()
    chosen: dict[int, int] = {}
    for index, group in sorted(enumerate(groups), key=lambda ig: -len(ig[1].claim_ids)):
        if group.event_id is not None:
            chosen[index] = group.event_id
            taken.add(group.event_id)
    for index, group in sorted(enumerate(groups), key=lambda ig: (-len(ig[1].claim_ids), ig[0])):
        if index in chosen:
            continue
        votes = Counter(claims[i].event_id for i in group.claim_ids if claims[i].event_id is not None and not claims[i].event_pinned)
        for event_id, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if event_id not in taken:
                chosen[index] = event_id
                taken.add(event_id)
                break
    events = Event.objects.in_bulk(set(chosen.values()))
    owners = []
    for index, group in enumerate(groups):
        event = events.get(chosen.get(index))
        if event is None or event.key is None and group.event_id is None:
            event = Event.objects.create(key=group.key[:300], label=group.label[:300])
        owners.append((group, event))
    return owners


def _refile(owners: list[tuple[EventGroup, Event]]) -> None:
    """Bring each event's stored index keys to its group's, writing only the difference."""
    wanted = {event.id: set(group.keys) for group, event in owners}
    ids = sorted(wanted)
    old: dict[int, set[str]] = {i: set() for i in ids}
    for i in range(0, len(ids), 500):
        for event_id, key in EventKey.objects.filter(event_id__in=ids[i : i + 500]).values_list("event_id", "key"):
            old[event_id].add(key)
    stale = [(e, k) for e in ids for k in old[e] - wanted[e]]
    for e in {e for e, _ in stale}:
        EventKey.objects.filter(event_id=e, key__in=old[e] - wanted[e]).delete()
    EventKey.objects.bulk_create([EventKey(event_id=e, key=k) for e in ids for k in wanted[e] - old[e]], ignore_conflicts=True, batch_size=1000)
