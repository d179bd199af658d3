"""Putting claims about the same happening on one event, across articles.

Each claim gets a profile (profile.py): the kind of happening nearest to it,
who, where, which named document. Claims then join groups greedily, the most
trustworthy first (stated dates before relative ones, precise before coarse,
undated last), so a vague "last year" attaches to a group already formed
around precise dates instead of chaining unrelated ones together.

A claim joins a group when:
- it names the same happening word in the same sentence as a member, and
  the dates overlap ("signed on Tuesday, committing to a line by 2031", "the
  two strikes, on September 10 and September 17" date two happenings); or
- it is the signing of the same named document within `NEARBY_DAYS` (a
  document is signed once, so a wrong date nearby links: that is what the
  date check is for; a year apart it is the drafting or the plan); or
- the kind of happening is of the same family, no named place or actor
  contradicts the group's, and either the dates overlap or a shared actor
  and the same kind of happening make a nearby date (within `NEARBY_DAYS`)
  from another article the same happening reported off (a wrong
  publication date, a typo). Overlapping dates with no actor, place or
  document on either side link only the same kind on the same dates.
Undated claims join only on a shared actor or document. A capitalised name
the alias table does not know ("Marta Lindqvist") counts as a shared actor
when both sides give it, and is never a reason to keep claims apart.

Each claim is scored only against the groups an index says it could join
(`_Index`), so linking grows with the number of claims, not its square.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from claims.extraction.types import Granularity, Interval, Resolution
from timeline.analysis.anchoring import resolve_offsets
from timeline.analysis.consensus import consensus, source_of
from timeline.analysis.dates import gap_days, precision_rank
from timeline.analysis.entities import PERSON_KEY, EntityFinder, article_people_names
from timeline.analysis.profile import Profile, profile_claim, profile_phrase
from timeline.analysis.text import format_interval
from timeline.analysis.types import Alias, ClaimRecord, EventGroup

NEARBY_DAYS = 60
_PLACE_NEARBY_DAYS = 7  # a shared place (and kind) links dates only this close
_PHASE_DAYS = 14  # a visit's arrival and departure given by one text: at most this far apart
# Candidate blocking (see _Index): dates fall in buckets of this many days; an
# interval wider than _MAX_BUCKETS buckets is filed once as "wide" instead.
_OVERLAP_BUCKET = 7
_NEARBY_BUCKET = 32
_MAX_BUCKETS = 200
_WIDE = "wide"


@dataclass
class _Group:
    """Claims on one happening, and the summary `_score` reads, kept up to date by `add`."""

    members: list[ClaimRecord] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    event_id: int | None = None
    family: str = ""  # the most common family; the first seen wins a tie
    actors: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    destinations: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    mentions: set[tuple[int, tuple[int, int]]] = field(default_factory=set)
    dated_articles: set[int] = field(default_factory=set)  # articles of the members with a stated date
    anchor: Interval | None = None  # the date the group formed around: its most precise stated date
    _families: Counter[str] = field(default_factory=Counter)
    _anchor_rank: tuple[int, bool] | None = None

    def add(self, record: ClaimRecord, profile: Profile) -> None:
        self.members.append(record)
        self.profiles.append(profile)
        if profile.family:
            self._families[profile.family] += 1
            self.family = self._families.most_common(1)[0][0]
        self.actors |= profile.actors
        self.names |= profile.names
        self.destinations |= profile.destinations
        self.places |= profile.places
        self.origins |= profile.origins
        if profile.document:
            self.documents.add(profile.document)
        self.kinds.add(profile.kind)
        if profile.anchor:
            self.mentions.add((record.article_id, profile.anchor))
        c = record.claim
        if c.interval is not None and c.offset is None:
            self.dated_articles.add(record.article_id)
            rank = (precision_rank(c.interval), c.resolution != Resolution.ABSOLUTE)
            if self._anchor_rank is None or rank < self._anchor_rank:
                self.anchor, self._anchor_rank = c.interval, rank


def _score(record: ClaimRecord, profile: Profile, group: _Group) -> int | None:
    """How well a claim fits a group; None when it must not join."""
    interval, anchor = record.claim.interval, group.anchor
    # One word dating two dates that do not overlap dates two happenings: "signed the charter on
    # Tuesday, committing to a power line by 2031", "first increase since 2022".
    # (A date computed from an offset may miss: that is what the duration check is for.)
    apart = interval is not None and anchor is not None and not interval.overlaps(anchor) and record.claim.offset is None
    if profile.anchor and (record.article_id, profile.anchor) in group.mentions and not apart:
        return 100
    if profile.dateline:
        return None
    if not profile.family or not group.family:
        return _unnamed(record, profile, group)
    near = interval is None or anchor is None or gap_days(interval, anchor) <= NEARBY_DAYS
    if profile.document and profile.kind == "signing" and profile.document in group.documents and near:
        return 50
    if profile.family != group.family:
        return None
    if profile.document and group.documents and profile.document not in group.documents:
        return None
    if profile.destinations and group.destinations and not profile.destinations & group.destinations:
        return None
    # One cannot arrive from where one is: "arrived from Hanoi on Wednesday" is not the Hanoi visit.
    if profile.origins & group.destinations or profile.destinations & group.origins:
        return None
    shared = profile.actors & group.actors
    if profile.actors and group.actors and not shared:
        return None
    # A name the alias table does not know counts as a shared actor; two different ones reject nothing
    # ("Helena Nangolo" and "the electoral commission's chair" may be one person).
    evidence = len(shared) + len(profile.names & group.names)
    if interval is None or anchor is None:
        return 10 + evidence if evidence else None
    if interval.overlaps(anchor):
        if not evidence and not _checkable(profile) and group.places and profile.setting and not profile.setting & group.places:
            return None  # nothing in its sentence, and its article is set elsewhere
        if not evidence and not _checkable(profile) and not (group.actors or group.places or group.documents):
            # Overlapping dates alone: "the committee meets next week" and "the summit runs from
            # March 10 to 12" overlap; with no actor, place or document on either side to agree or
            # disagree (an unshared name can do neither), only the same kind on the same dates links.
            if profile.kind not in group.kinds or interval != anchor:
                return None
        return 20 + 5 * evidence + (profile.kind in group.kinds)
    same_kind = profile.family == "visit" or profile.kind in group.kinds
    # Across nearby dates the same kind of happening in the same places counts as a shared
    # participant ("the agreement Kenya and Indonesia signed in Nairobi on 5 March" and "Kenya and
    # Indonesia signed on Tuesday, March 3").
    # Only a few days apart: a typo or a misread weekday, not next month's meeting in the same city.
    if profile.kind in group.kinds and gap_days(interval, anchor) <= _PLACE_NEARBY_DAYS:
        evidence += len(profile.places & group.places)
    # A source misreports another source's date; one text giving two dates a few days apart
    # ("declared on Saturday, August 15, three days after the vote on Aug. 12") tells two happenings.
    other_source = record.article_id not in group.dated_articles
    if evidence and same_kind and other_source and gap_days(interval, anchor) <= NEARBY_DAYS:
        return 10 + evidence
    # ...but one text may give a visit's arrival and its departure ("arrived on April 13 and
    # leaves tonight"): an end after the group's date, or a start before it, is a phase of it.
    phase_of_it = profile.family == "visit" and (
        (profile.phase == "end" and interval.start >= anchor.start) or (profile.phase == "start" and interval.end <= anchor.end)
    )
    if evidence and phase_of_it and gap_days(interval, anchor) <= _PHASE_DAYS:
        return 10 + evidence
    return None


def _unnamed(record: ClaimRecord, profile: Profile, group: _Group) -> int | None:
    """A date with no happening word near it ("21 сентября 2026 г.", "from 2015 to 2020"), or a
    group formed by such dates: only the very same precise date, from another text, with a
    person, actor or place in common and none contradicting."""
    interval, anchor = record.claim.interval, group.anchor
    if interval is None or interval != anchor or record.article_id in group.dated_articles:
        return None
    if interval.granularity != Granularity.DAY and interval.end.year == interval.start.year:
        return None  # "in 2025", "in March": too coarse to say it is the same happening
    if profile.destinations and group.destinations and not profile.destinations & group.destinations:
        return None
    if profile.actors and group.actors and not profile.actors & group.actors:
        return None
    evidence = len(profile.actors & group.actors) + len(profile.names & group.names) + len(profile.places & group.places)
    return 15 + evidence if evidence else None


def _checkable(profile: Profile) -> bool:
    """Does the claim name anything a group could agree or disagree with, besides its date?"""
    return bool(profile.actors or profile.places or profile.document)


def _buckets(interval: Interval, size: int, pad: int = 0) -> list[int | str]:
    first, last = (interval.start.toordinal() - pad) // size, (interval.end.toordinal() + pad) // size
    return [_WIDE] if last - first >= _MAX_BUCKETS else list(range(first, last + 1))


class _Index:
    """Which groups a claim can join at all, so it is scored against a few
    groups instead of every group formed so far.

    Each key mirrors one way into `_score` (a shared happening word, a signed
    document, the family with a shared actor, the family with an overlapping or
    nearby anchor); `candidates` returns every group `_score` could accept, and
    maybe some it rejects. A group is re-filed whenever `add` changes it.
    """

    def __init__(self) -> None:
        self._groups: dict[tuple, set[int]] = defaultdict(set)
        self._keys: dict[int, set[tuple]] = {}  # group -> its keys derived from family, anchor, actors
        self._signatures: dict[int, tuple] = {}

    def file(self, i: int, group: _Group, record: ClaimRecord, profile: Profile) -> None:
        """File group `i` after `record` joined it."""
        if profile.anchor:
            self._groups[("mention", record.article_id, profile.anchor)].add(i)
        if profile.document:
            self._groups[("document", profile.document)].add(i)
        signature = (group.family, group.anchor, len(group.actors), len(group.names), len(group.places))
        if self._signatures.get(i) == signature:
            return  # what the other keys derive from is unchanged
        self._signatures[i] = signature
        keys = self._derived_keys(group)
        old = self._keys.get(i, set())
        for key in keys - old:
            self._groups[key].add(i)
        for key in old - keys:
            self._groups[key].discard(i)
        self._keys[i] = keys

    @staticmethod
    def _derived_keys(group: _Group) -> set[tuple]:
        family = group.family
        exact = {("exact", group.anchor)} if group.anchor is not None else set()  # _unnamed
        if not family:
            # Only this kind of group takes a claim that names a happening by its date alone
            # (_unnamed): such a claim looks up "unnamed", not "exact", which every dated group
            # of that day is filed under (a hundred a day in a large store).
            return exact | ({("unnamed", group.anchor)} if group.anchor is not None else set())
        keys: set[tuple] = {("family", family), *exact}
        who = group.actors | group.names
        keys.update(("actor", family, a) for a in who)
        if group.anchor is None:
            keys.update(("undated", family, a) for a in who)
            return keys
        overlap = _buckets(group.anchor, _OVERLAP_BUCKET)
        keys.update(("overlap", family, b) for b in overlap)
        if not group.actors:
            keys.update(("overlap-no-actor", family, b) for b in overlap)
        nearby = _buckets(group.anchor, _NEARBY_BUCKET, NEARBY_DAYS)
        # a shared place is evidence across nearby dates too (same kind: _score checks)
        keys.update(("nearby", family, a, b) for a in who | group.places for b in nearby)
        return keys

    def candidates(self, record: ClaimRecord, profile: Profile) -> set[int]:
        found: set[int] = set()
        for key in self.candidate_keys(record, profile):
            found |= self._groups.get(key, set())
        return found

    @staticmethod
    def group_keys(group: _Group) -> set[tuple]:
        """Every key `file` has filed the group under, from its summary alone."""
        keys = {("mention", article_id, anchor) for article_id, anchor in group.mentions}
        keys.update(("document", d) for d in group.documents)
        return keys | _Index._derived_keys(group)

    @staticmethod
    def candidate_keys(record: ClaimRecord, profile: Profile) -> list[tuple]:
        """The keys under which every group `_score` could accept this claim is filed."""
        keys: list[tuple] = []
        if profile.anchor:
            keys.append(("mention", record.article_id, profile.anchor))
        family, interval = profile.family, record.claim.interval
        if interval is not None and not profile.dateline:
            keys.append(("unnamed", interval) if family else ("exact", interval))  # _unnamed
        if family and not profile.dateline:
            if profile.document and profile.kind == "signing":
                keys.append(("document", profile.document))
            who = profile.actors | profile.names
            if interval is None:
                keys.extend(("actor", family, a) for a in who)
            else:
                keys.extend(("undated", family, a) for a in who)
                overlap = _buckets(interval, _OVERLAP_BUCKET)
                # A group naming other actors is rejected, so a claim with actors needs only
                # groups without any (overlapping dates) or sharing one (overlapping or nearby).
                tag = "overlap-no-actor" if profile.actors else "overlap"
                keys.extend(("family", family) if b == _WIDE else (tag, family, b) for b in overlap)
                keys.append((tag, family, _WIDE))
                nearby = _buckets(interval, _NEARBY_BUCKET)
                for actor in who | profile.places:
                    keys.extend(("actor", family, actor) if b == _WIDE else ("nearby", family, actor, b) for b in nearby)
                    keys.append(("nearby", family, actor, _WIDE))
        return keys


def _order(record: ClaimRecord, support: int = 1) -> tuple:
    """Where a claim comes in the greedy pass: the most trustworthy dates first; among equally
    trustworthy ones, the dates more sources give; then by content, never by arrival.

    The first claim of a group sets its anchor, so which of two equally good dates comes first
    decides where a borderline claim goes (one that links only by overlapping the anchor). The
    article id said "first ingested", so two arrival orders could group it differently; a date
    more sources state is the likelier anchor, and the article's content hash and the claim's
    offset in it name the same claim in any store.
    """
    c = record.claim
    return (
        c.offset is not None,
        c.interval is None,
        c.resolution != Resolution.ABSOLUTE,
        precision_rank(c.interval) if c.interval else 9,
        -support,
        record.content_hash,
        c.start,
        record.article_id,  # syndicated copies share the hash: identical claims, either may go first
    )


def _date_support(claims: list[ClaimRecord], profiles: dict[int, Profile]) -> dict[int, int]:
    """claim id -> how many sources give the same kind of happening the same date as the claim."""
    sources: dict[tuple, set[str]] = defaultdict(set)
    for record in claims:
        if record.claim.interval is not None:
            sources[(profiles[record.id].family, record.claim.interval)].add(source_of(record))
    return {r.id: len(sources[(profiles[r.id].family, r.claim.interval)]) if r.claim.interval is not None else 0 for r in claims}


def in_linking_order(claims: list[ClaimRecord], profiles: dict[int, Profile]) -> list[ClaimRecord]:
    """The unpinned claims in the order the greedy pass takes them: a function of the set, not of ids."""
    support = _date_support(claims, profiles)
    return sorted((c for c in claims if c.pinned_event_id is None), key=lambda r: _order(r, support[r.id]))


def _group_claims(claims: list[ClaimRecord], profiles: dict[int, Profile]) -> list[_Group]:
    groups: list[_Group] = []
    pinned: dict[int, _Group] = {}
    for record in claims:
        if record.pinned_event_id is not None:
            group = pinned.setdefault(record.pinned_event_id, _Group(event_id=record.pinned_event_id))
            group.add(record, profiles[record.id])
    groups.extend(pinned.values())
    index = _Index()
    for i, group in enumerate(groups):
        for record, profile in zip(group.members, group.profiles):
            index.file(i, group, record, profile)
    for record in in_linking_order(claims, profiles):
        profile = profiles[record.id]
        # The best score wins; among equals, the group formed first.
        scored = [(s, -i) for i in index.candidates(record, profile) if (s := _score(record, profile, groups[i])) is not None]
        if scored:
            i = -max(scored)[1]
        else:
            i = len(groups)
            groups.append(_Group())
        groups[i].add(record, profile)
        index.file(i, groups[i], record, profile)
    return groups


def _top(values: list[str]) -> str:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def _describe(group: _Group, interval: Interval | None) -> tuple[str, str]:
    """(stable key, human label) from what, who and where, never from ids: "Visit by Camila
    Rojas to Vietnam (2026-04-13–15)", "Visit by a foreign minister to Laos", "Strike in Lisbon"."""
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
        return key, f"Report ({when})"
    person = _top([_person_name(r, p, n) for r, p in zip(group.members, group.profiles) for n in sorted(p.names) if n.startswith(PERSON_KEY)])
    role = _top([r for p in group.profiles for r in sorted(p.roles)])
    by = actor or person or (f"a {role}" if role else "")
    visit = family == "visit"
    if visit:
        # a visit is to a country; anything else happens in a city
        countries = [d for p in group.profiles for d in sorted(p.destinations) if EntityFinder.country_of(d) == d]
        place = _top(countries) or place
    parts = ["Visit" if visit else kind.capitalize()]
    if document:
        parts.append(f"of {document}")
    if by and not (document and not actor and not person):
        parts.append(f"by {by}")
    if place:
        parts.append(f"{'to' if visit else 'in'} {place}")
    return key, f"{' '.join(parts)} ({when})"


def _person_name(record: ClaimRecord, profile: Profile, key: str) -> str:
    """The full name the article gives a person: kept in the profile, or read from the text."""
    kept = dict(pair.split("\t", 1) for pair in profile.people)
    name = kept.get(key) or (article_people_names(record.article_text).get(key, "") if record.article_text else "")
    return "" if name.casefold() in record.outlet.casefold() else name  # the outlet is nobody in the story


def key_text(key: tuple) -> str:
    """An index key as the database stores it (EventKey.key)."""
    return "|".join(map(str, key)).casefold()[:300]


def as_linked(record: ClaimRecord) -> ClaimRecord:
    """The claim as linking reads it: a held-back date (ClaimRecord.held_back), or one its event lent
    it (ClaimRecord.dated_by_event), is no date, so it
    neither joins nor forms a group by it, and files no event under its days; the claim still
    joins on a shared actor or document, like any undated claim. A date linking counted from an
    anchor (ClaimRecord.dated_by_anchor) is no date either: it is counted again from the anchor's
    date as it is now, so it cannot keep the date of whatever anchored it first."""
    if (record.held_back or record.dated_by_event or record.dated_by_anchor) and record.claim.interval is not None:
        return replace(record, claim=record.claim.evolve(interval=None))
    return record


def claim_key_texts(record: ClaimRecord, profile: Profile) -> set[str]:
    """The stored keys of the events this claim could join."""
    return {key_text(k) for k in _Index.candidate_keys(as_linked(record), profile)}


def anchor_key_texts(record: ClaimRecord, finder: EntityFinder) -> set[str]:
    """The stored keys of the events a date-arithmetic phrase could count from ("three weeks after
    the charter was signed": the charter's signing), so the anchor is in the neighbourhood relinked."""
    offset = record.claim.offset
    if offset is None or as_linked(record).claim.interval is not None or not offset.anchor_text.strip():
        return set()
    return anchoring_key_texts(profile_phrase(offset.anchor_text.strip(), finder))


# An event holding a claim counted from an anchor is also filed under the anchor's keys with this
# prefix, so placing a claim about the anchor finds the events whose dates count from it.
DEPENDENT = "anchor|"


def dependent_key(anchor_key: str) -> str:
    """The key an event waits under for the anchor filed under `anchor_key` (cut to EventKey's length)."""
    return (DEPENDENT + anchor_key)[:300]


def dependent_key_texts(record: ClaimRecord, finder: EntityFinder) -> set[str]:
    """The keys under which the event of a claim counted from an anchor waits for that anchor to change."""
    return {dependent_key(k) for k in anchor_key_texts(record, finder)}


def anchoring_key_texts(profile: Profile) -> set[str]:
    """The keys an anchor phrase could find this claim's event by (what `anchor_key_texts` looks up)."""
    keys = {("document", profile.document)} if profile.document else set()
    if profile.family:
        keys.update(("actor", profile.family, a) for a in profile.actors)
    return {key_text(k) for k in keys}


def _stored_keys(group: _Group, finder: EntityFinder) -> frozenset[str]:
    """The keys its event is filed under: the index's, and its dependents' anchors'."""
    own = {key_text(k) for k in _Index.group_keys(group)}
    return frozenset(own.union(*(dependent_key_texts(r, finder) for r in group.members)))


def link_claims(
    claims: list[ClaimRecord], aliases: list[Alias], profiles: dict[int, Profile] | None = None, finder: EntityFinder | None = None
) -> list[EventGroup]:
    """Group claims into events; every claim lands in exactly one group.

    `profiles` are the claims' profiles when already known (stored with the
    claims); the others are read from the text. `finder` is the one built for
    `aliases`, when the caller keeps one.
    """
    finder = finder or EntityFinder(aliases)
    profiles = dict(profiles or {})
    for c in claims:
        if c.id not in profiles:
            profiles[c.id] = profile_claim(c, finder)
    groups = _group_claims([as_linked(c) for c in claims], profiles)
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
                keys=_stored_keys(group, finder),
            )
        )
    return result
