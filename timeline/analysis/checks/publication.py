"""Checks on an article's publication time, seen through its relative dates.

"Yesterday" is only as good as the publication time it is counted from. When
an article reports as past an event that other sources put after its stated
publication time, or all its relative dates miss by the same number of days,
the publication time is the likelier error, and the message says which date
would make the article agree. A page dated a year off is found from the
happening the others date a year away (_wrong_year).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from claims.extraction.types import Granularity, Resolution
from timeline.analysis.checks.common import Found, found, outlets, quote, topic
from timeline.analysis.dates import WHOLE, agrees, phase_target
from timeline.analysis.entities import EntityFinder, find_names, is_person_name, person_key
from timeline.analysis.profile import claim_kind, profile_claim
from timeline.analysis.text import format_interval
from timeline.analysis.types import ClaimRecord, EventView, FindingKind, Severity


def _drift(claim: ClaimRecord, expected, phase: str) -> int | None:
    """Days to add to the claim's date to meet the other sources, 0 if it agrees."""
    interval = claim.claim.interval
    if agrees(interval, expected, phase):
        return 0
    if interval.granularity != Granularity.DAY or expected.granularity != Granularity.DAY:
        return None
    target = phase_target(expected, phase)
    if interval.end < target.start:
        return (target.start - interval.end).days
    return (target.end - interval.start).days


def publication_date_suspect(events: list[EventView]) -> list[Found]:
    by_article: dict[int, list[tuple[ClaimRecord, EventView, int, object]]] = defaultdict(list)
    for event in events:
        for c in event.claims:
            tc = c.claim
            if tc.resolution != Resolution.RELATIVE or tc.quoted or tc.offset or tc.interval is None or c.published_at is None:
                continue
            # Judge against the event's consensus, and only when other articles back it.
            expected = event.consensus
            others = [o for o in event.claims if o.article_id != c.article_id and o.claim.interval is not None and o.claim.offset is None]
            if expected is None or not any(agrees(o.claim.interval, expected, event.phases.get(o.id) or WHOLE) for o in others):
                continue
            drift = _drift(c, expected, event.phases.get(c.id) or WHOLE)
            if drift is not None:
                by_article[c.article_id].append((c, event, drift, expected))
    results = []
    for items in by_article.values():
        published = items[0][0].published_at.date()
        off = [(c, e, d, x) for c, e, d, x in items if d]
        if not off:
            continue
        # Reported as past, but the others put it after the stated publication time.
        impossible = [i for i in off if i[0].claim.interval.end < published < phase_target(i[3], i[1].phases.get(i[0].id) or WHOLE).start]
        consistent = len(off) >= 2 and len({d for _, _, d, _ in off}) == 1 and len(off) == len(items)
        if not impossible and not consistent:
            continue
        c, event, drift, expected = (impossible or off)[0]
        supporters = [o for o in event.claims if o.article_id != c.article_id and o.claim.interval is not None and o.claim.offset is None]
        likely = published + timedelta(days=drift)
        message = (
            f"{c.outlet}'s article is dated {published.isoformat()}, but its {quote(c)} about {topic(event.label)} "
            f"only fits {outlets(supporters)} ({format_interval(expected)}) if it was published around {likely.isoformat()}; check its publication date."
        )
        severity = Severity.HIGH if impossible else Severity.MEDIUM
        faulty = [i[0].id for i in off]
        results.append(found(FindingKind.PUBLICATION_DATE_SUSPECT, severity, message, event.id, faulty, [s.id for s in supporters]))
    judged = {c.article_id for items in by_article.values() for c, *_ in items}
    return results + _wrong_year(events, judged)


def _sources(event: EventView) -> set[int]:
    return {c.article_id for c in event.claims}


def _wrong_year(events: list[EventView], judged: set[int]) -> list[Found]:
    """A page dated a year off: its "yesterday" lands a year away from the happening every other
    source dates, so linking (rightly) cannot join them; the same kind of happening with the same
    people or places, on the same day of the next or previous year, backed by two other sources,
    is the likelier reading and the publication time the likelier error."""
    backed: dict[object, list[EventView]] = defaultdict(list)
    for event in events:
        if event.consensus is not None and event.consensus.days == 1 and len(_sources(event)) >= 2:
            backed[event.consensus.start].append(event)
    finder, facts, target_kinds, results = None, {}, {}, []
    for event in events:
        if len(_sources(event)) != 1:
            continue
        for c in event.claims:
            tc = c.claim
            if c.article_id in judged or tc.resolution != Resolution.RELATIVE or tc.quoted or tc.offset or c.published_at is None:
                continue
            if tc.interval is None or tc.interval.days != 1:
                continue
            days = [day for years in (1, -1) if (day := _same_day(tc.interval.start, years)) in backed]
            if not days:
                continue
            finder = finder or EntityFinder([])
            kinds, who, where = _facts([c], finder)
            if not kinds or not (who or where):
                continue  # it names nothing an event a year off could share: no need to read theirs
            for day in days:
                for target in backed[day]:
                    if target.id not in target_kinds:
                        target_kinds[target.id] = {k for o in target.claims if (k := claim_kind(o))}
                    if not kinds & target_kinds[target.id]:
                        continue  # a different kind of happening: no need to read who and where
                    if target.id not in facts:
                        facts[target.id] = _facts(target.claims, finder)
                    _, people, places = facts[target.id]
                    if who & people or where & places:
                        results.append(_wrong_year_found(c, target, day))
                        judged.add(c.article_id)
                        break
    return results


def _same_day(day: date, years: int) -> date | None:
    """The same day `years` later (or earlier); None for 29 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return None


def _wrong_year_found(c: ClaimRecord, target: EventView, day: date) -> Found:
    published = c.published_at.date()
    likely = published + (day - c.claim.interval.start)
    supporters = [o for o in target.claims if o.claim.interval is not None and o.claim.offset is None]
    message = (
        f"{c.outlet}'s article is dated {published.isoformat()}, but its {quote(c)} about {topic(target.label)} "
        f"only fits {outlets(supporters)} ({format_interval(target.consensus)}) if it was published around "
        f"{likely.isoformat()}; check its publication date."
    )
    return found(FindingKind.PUBLICATION_DATE_SUSPECT, Severity.HIGH, message, target.id, [c.id], [o.id for o in supporters])


def _facts(claims: list[ClaimRecord], finder: EntityFinder) -> tuple[set[str], set[str], set[str]]:
    """(kinds of happening, people and names, places) the claims name."""
    kinds, who, where = set(), set(), set()
    for c in claims:
        p = profile_claim(c, finder)
        if p.kind:
            kinds.add(p.kind)
        who |= p.actors | p.names
        where |= p.places
        # the whole sentence's people, reference clauses too ("a few hours after President X opened it")
        text, tc = c.article_text, c.claim
        who |= {k for m in find_names(text, tc.sentence_start, tc.sentence_end) if is_person_name(m.canonical) and (k := person_key(m.canonical))}
    return kinds, who, where


def unresolved_date(events: list[EventView]) -> list[Found]:
    results = []
    for event in events:
        for c in event.claims:
            tc = c.claim
            if tc.interval is not None or tc.offset is not None or c.published_at is not None:
                continue
            message = (
                f"{c.outlet}'s article has no publication time, so {quote(c)} cannot be dated; "
                f"add the publication time to resolve it."
            )
            results.append(found(FindingKind.UNRESOLVED_DATE, Severity.INFO, message, event.id, [c.id]))
    return results
