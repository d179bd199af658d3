"""Putting claims about the same happening on one event, across articles.

Each claim gets a profile (profile.py): the kind of happening nearest to it,
who, where, which named document. Claims then join groups greedily, the most
trustworthy first (stated dates before relative ones, precise before coarse,
undated last), so a vague "last year" attaches to a group already formed
around precise dates instead of chaining unrelated ones together.

A claim joins a group when:
- it names the same happening word in the same sentence as a member; or
- it is the signing of the same named document (a document is signed once,
  so even a wrong date links: that is what the date check is for); or
- the kind of happening is of the same family, no named place or actor
  contradicts the group's, and either the dates overlap or a shared actor
  and the same kind of happening make a nearby date (within `NEARBY_DAYS`)
  the same happening reported off (a wrong publication date, a typo).
Undated claims join only on a shared actor or document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from claims.extraction.types import Interval, Resolution
from timeline.analysis.anchoring import resolve_offsets
from timeline.analysis.consensus import consensus
from timeline.analysis.dates import gap_days, precision_rank
from timeline.analysis.entities import EntityFinder
from timeline.analysis.profile import Profile, profile_claim
from timeline.analysis.text import format_interval
from timeline.analysis.types import Alias, ClaimRecord, EventGroup

NEARBY_DAYS = 60


@dataclass
class _Group:
    members: list[ClaimRecord] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    event_id: int | None = None

    def add(self, record: ClaimRecord, profile: Profile) -> None:
        self.members.append(record)
        self.profiles.append(profile)

    @property
    def family(self) -> str:
        families = Counter(p.family for p in self.profiles if p.family)
        return families.most_common(1)[0][0] if families else ""

    @property
    def actors(self) -> set[str]:
        return {a for p in self.profiles for a in p.actors}

    @property
    def destinations(self) -> set[str]:
        return {d for p in self.profiles for d in p.destinations}

    @property
    def documents(self) -> set[str]:
        return {p.document for p in self.profiles if p.document}

    @property
    def mentions(self) -> set[tuple[int, tuple[int, int]]]:
        return {(r.article_id, p.anchor) for r, p in zip(self.members, self.profiles) if p.anchor}

    @property
    def anchor(self) -> Interval | None:
        """The date the group formed around: its most precise stated date."""
        dated = [r for r in self.members if r.claim.interval is not None and r.claim.offset is None]
        if not dated:
            return None
        best = min(dated, key=lambda r: (precision_rank(r.claim.interval), r.claim.resolution != Resolution.ABSOLUTE))
        return best.claim.interval


def _score(record: ClaimRecord, profile: Profile, group: _Group) -> int | None:
    """How well a claim fits a group; None when it must not join."""
    if profile.anchor and (record.article_id, profile.anchor) in group.mentions:
        return 100
    if profile.dateline or not profile.family:
        return None
    if profile.document and profile.kind == "signing" and profile.document in group.documents:
        return 50
    if profile.family != group.family:
        return None
    if profile.document and group.documents and profile.document not in group.documents:
        return None
    if profile.destinations and group.destinations and not profile.destinations & group.destinations:
        return None
    shared = profile.actors & group.actors
    if profile.actors and group.actors and not shared:
        return None
    interval, anchor = record.claim.interval, group.anchor
    if interval is None or anchor is None:
        return 10 + len(shared) if shared else None
    if interval.overlaps(anchor):
        return 20 + 5 * len(shared) + (profile.kind in {p.kind for p in group.profiles})
    same_kind = profile.family == "visit" or profile.kind in {p.kind for p in group.profiles}
    if shared and same_kind and gap_days(interval, anchor) <= NEARBY_DAYS:
        return 10 + len(shared)
    return None


def _order(record: ClaimRecord) -> tuple:
    c = record.claim
    return (
        c.offset is not None,
        c.interval is None,
        c.resolution != Resolution.ABSOLUTE,
        precision_rank(c.interval) if c.interval else 9,
        record.article_id,
        c.start,
    )


def _group_claims(claims: list[ClaimRecord], profiles: dict[int, Profile]) -> list[_Group]:
    groups: list[_Group] = []
    pinned: dict[int, _Group] = {}
    for record in claims:
        if record.pinned_event_id is not None:
            group = pinned.setdefault(record.pinned_event_id, _Group(event_id=record.pinned_event_id))
            group.add(record, profiles[record.id])
    groups.extend(pinned.values())
    for record in sorted((c for c in claims if c.pinned_event_id is None), key=_order):
        profile = profiles[record.id]
        scored = [(s, -i) for i, g in enumerate(groups) if (s := _score(record, profile, g)) is not None]
        if scored:
            groups[-max(scored)[1]].add(record, profile)
        else:
            group = _Group()
            group.add(record, profile)
            groups.append(group)
    return groups


def _top(values: list[str]) -> str:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def _describe(group: _Group, interval: Interval | None) -> tuple[str, str]:
    """(stable key, human label) from what and who, never from ids."""
    kind = _top([p.kind for p in group.profiles]) or "event"
    family = group.family or kind
    document = _top([p.document for p in group.profiles])
    actor = _top([a for p in group.profiles for a in sorted(p.actors)])
    place = _top([d for p in group.profiles for d in sorted(p.destinations)]) or _top(
        [d for p in group.profiles for d in sorted(p.places)]
    )
    when = format_interval(interval) if interval else "undated"
    year = str(interval.start.year) if interval else "undated"
    who = document or actor
    key = "|".join([family, who or "-", place or "-", year]).casefold()
    if group.profiles and all(p.dateline for p in group.profiles):
        key, kind = f"dateline|{group.members[0].outlet}|{when}".casefold(), "report"
    parts = [kind.capitalize()]
    if who:
        parts.append(("of " if document else "by ") + who)
    if place:
        parts.append(f"in {place}")
    return key, f"{' '.join(parts)} ({when})"


def link_claims(claims: list[ClaimRecord], aliases: list[Alias]) -> list[EventGroup]:
    """Group claims into events; every claim lands in exactly one group."""
    finder = EntityFinder(aliases)
    profiles = {c.id: profile_claim(c, finder) for c in claims}
    groups = _group_claims(claims, profiles)
    phases = {c.id: profiles[c.id].phase for c in claims}
    intervals = {id(g): consensus(g.members, phases)[0] for g in groups}
    resolved = resolve_offsets(groups_members=[g.members for g in groups], intervals=[intervals[id(g)] for g in groups], finder=finder, profiles=profiles)
    result: list[EventGroup] = []
    used: Counter[str] = Counter()
    for group in groups:
        members = [replace(r, claim=replace(r.claim, interval=resolved[r.id])) if r.id in resolved else r for r in group.members]
        interval = consensus(members, phases)[0]
        key, label = _describe(group, interval)
        used[key] += 1
        if used[key] > 1:
            key = f"{key}|{format_interval(interval) if interval else used[key]}"
        result.append(
            EventGroup(
                key=key,
                label=label,
                claim_ids=[r.id for r in group.members],
                event_id=group.event_id,
                phases={r.id: phases[r.id] for r in group.members},
                resolved={r.id: resolved[r.id] for r in group.members if r.id in resolved},
            )
        )
    return result
