"""The candidate index changes how fast claims are linked, never which groups they form.

The reference below is linking as it was before the index: every claim scored
against every group, each group's summary recomputed from its members.
"""

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from bench.linking import generate
from claims.extraction.types import Granularity, Interval, Resolution
from timeline.analysis.dates import precision_rank
from timeline.analysis.entities import EntityFinder, load_default_aliases
from timeline.analysis.linking import _buckets, _group_claims, _score, in_linking_order
from timeline.analysis.profile import profile_claim
from timeline.tests.test_analysis_support import ALIASES, _tasks_in_process, day, record  # noqa: F401


class _ReferenceGroup:
    def __init__(self, event_id=None):
        self.members, self.profiles, self.event_id = [], [], event_id

    def add(self, record, profile):
        self.members.append(record)
        self.profiles.append(profile)

    @property
    def family(self):
        families = Counter(p.family for p in self.profiles if p.family)
        return families.most_common(1)[0][0] if families else ""

    @property
    def actors(self):
        return {a for p in self.profiles for a in p.actors}

    @property
    def places(self):
        return {n for p in self.profiles for n in p.places}

    @property
    def origins(self):
        return {n for p in self.profiles for n in p.origins}

    @property
    def names(self):
        return {n for p in self.profiles for n in p.names}

    @property
    def dated_articles(self):
        return {r.article_id for r in self.members if r.claim.interval is not None and r.claim.offset is None}

    @property
    def destinations(self):
        return {d for p in self.profiles for d in p.destinations}

    @property
    def documents(self):
        return {p.document for p in self.profiles if p.document}

    @property
    def kinds(self):
        return {p.kind for p in self.profiles}

    @property
    def mentions(self):
        return {(r.article_id, p.anchor) for r, p in zip(self.members, self.profiles) if p.anchor}

    @property
    def anchor(self):
        dated = [r for r in self.members if r.claim.interval is not None and r.claim.offset is None]
        if not dated:
            return None
        best = min(dated, key=lambda r: (precision_rank(r.claim.interval), r.claim.resolution != Resolution.ABSOLUTE))
        return best.claim.interval


def _reference(claims, profiles):
    groups, pinned = [], {}
    for record in claims:
        if record.pinned_event_id is not None:
            pinned.setdefault(record.pinned_event_id, _ReferenceGroup(record.pinned_event_id)).add(record, profiles[record.id])
    groups.extend(pinned.values())
    for record in in_linking_order(claims, profiles):
        profile = profiles[record.id]
        scored = [(s, -i) for i, g in enumerate(groups) if (s := _score(record, profile, g)) is not None]
        if scored:
            groups[-max(scored)[1]].add(record, profile)
        else:
            group = _ReferenceGroup()
            group.add(record, profile)
            groups.append(group)
    return groups


def _partition(groups):
    return [([r.id for r in g.members], g.event_id) for g in groups]


def _varied(records):
    """Generated claims crowded into a few months, with some undated, some spanning a
    decade (wider than the index files by bucket), some relative days years before
    the rest (only a decade reaches them), some a week, and some pinned: event 1
    dated, event 2 undated (a group with actors and no anchor)."""
    varied = []
    for n, r in enumerate(records):
        c, pinned = r.claim, None
        if n % 11 == 0:
            c = replace(c, interval=None, resolution=Resolution.UNRESOLVED)
            pinned = 2 if n % 22 == 0 and n % 3 == 0 else None
        elif n % 13 == 0:
            c = replace(c, interval=Interval(date(2010, 1, 1), date(2019, 12, 31), Granularity.YEAR))
        elif n % 10 == 5:
            early = date(2012, 6, 1 + n % 28)
            c = replace(c, interval=Interval(early, early, Granularity.DAY), resolution=Resolution.RELATIVE)
        elif n % 7 == 0 and c.interval is not None:
            c = replace(c, interval=Interval(c.interval.start, c.interval.start + timedelta(days=6), Granularity.WEEK))
        varied.append(replace(r, claim=c, pinned_event_id=pinned or (1 if n % 29 == 0 else None)))
    return varied


def _both(records):
    finder = EntityFinder(load_default_aliases())
    profiles = {r.id: profile_claim(r, finder) for r in records}
    return _partition(_group_claims(records, profiles)), _partition(_reference(records, profiles))


def test_indexed_linking_forms_the_groups_of_scoring_every_group():
    indexed, reference = _both(generate(600, days=120))
    assert indexed == reference
    assert 20 < len(indexed) < 600  # claims did join groups, and not all one group


def test_indexed_linking_matches_with_undated_wide_and_pinned_claims():
    indexed, reference = _both(_varied(generate(600, days=90)))
    assert indexed == reference
    assert {event_id for _, event_id in indexed} >= {1, 2}


def test_a_day_sits_in_one_bucket_and_an_interval_wider_than_the_cap_is_filed_as_wide():
    one_day = Interval(date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)
    assert len(_buckets(one_day, 7)) == 1
    assert len(_buckets(one_day, 32, pad=60)) in (4, 5)
    assert _buckets(Interval(date(1900, 1, 1), date(2000, 12, 31), Granularity.YEAR), 7) == ["wide"]


def test_a_day_reported_later_joins_a_group_formed_around_a_decade():
    decade = record("Negotiators held talks in Baku throughout the 2010s.", "the 2010s", Interval(date(2010, 1, 1), date(2019, 12, 31), Granularity.YEAR))
    later = record("Negotiators held talks in Baku yesterday.", "yesterday", day(2012, 6, 1), article_id=2, resolution=Resolution.RELATIVE)
    finder = EntityFinder(ALIASES)
    profiles = {r.id: profile_claim(r, finder) for r in (decade, later)}
    indexed = _partition(_group_claims([decade, later], profiles))
    assert indexed == _partition(_reference([decade, later], profiles)) == [([decade.id, later.id], None)]
