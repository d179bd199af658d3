"""Dates that only the event stage can fix: "exactly three weeks after the
charter was signed", "six months later".

The anchor is the event the phrase names (its named document, or the same kind
of happening with a shared actor); with no phrase ("later") it is the event of
the nearest dated claim before it in the same article, the way a reader takes
it. The date is calendar arithmetic from that event's consensus.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.types import Interval
from timeline.analysis.dates import apply_offset
from timeline.analysis.entities import EntityFinder
from timeline.analysis.profile import Profile, profile_claim, profile_phrase
from timeline.analysis.types import ClaimRecord


@dataclass(frozen=True)
class Anchor:
    interval: Interval
    group: int  # index of the anchor's group
    implicit: bool  # no phrase named it; it was taken from the text before


def _named_anchor(profile: Profile, groups: list[tuple[list[ClaimRecord], list[Profile], Interval | None]], own: int) -> int | None:
    best, best_score = None, 0
    for i, (_, profiles, interval) in enumerate(groups):
        if i == own or interval is None:
            continue
        score = 0
        if profile.document and profile.document in {p.document for p in profiles}:
            score += 10
        if profile.family and profile.family in {p.family for p in profiles}:
            score += 2
        score += len(profile.actors & {a for p in profiles for a in p.actors})
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 3 or (profile.document and best is not None) else None


def _preceding_anchor(record: ClaimRecord, groups, group_of: dict[int, int]) -> int | None:
    """The group of the last dated, non-derived claim before `record` in its article."""
    before = [
        (r.claim.start, r.id)
        for members, _, _ in groups
        for r in members
        if r.article_id == record.article_id and r.claim.start < record.claim.start and r.claim.interval is not None and r.claim.offset is None
    ]
    if not before:
        return None
    return group_of[max(before)[1]]


def find_anchor(record: ClaimRecord, groups, finder: EntityFinder) -> Anchor | None:
    group_of = {r.id: i for i, (members, _, _) in enumerate(groups) for r in members}
    own = group_of[record.id]
    text = record.claim.offset.anchor_text.strip()
    index = _named_anchor(profile_phrase(text, finder), groups, own) if text else _preceding_anchor(record, groups, group_of)
    if index is None or groups[index][2] is None:
        return None
    return Anchor(groups[index][2], index, implicit=not text)


def resolve_offsets(groups_members, intervals, finder: EntityFinder, profiles=None) -> dict[int, Interval]:
    """claim id -> interval for every offset claim without a date whose anchor is found."""
    groups = _with_profiles(groups_members, intervals, finder, profiles)
    resolved: dict[int, Interval] = {}
    for members, _, _ in groups:
        for record in members:
            if record.claim.offset is None or record.claim.interval is not None:
                continue
            anchor = find_anchor(record, groups, finder)
            if anchor is not None:
                resolved[record.id] = apply_offset(anchor.interval, record.claim.offset)
    return resolved


def _with_profiles(groups_members, intervals, finder, profiles):
    profiles = profiles or {}
    return [
        (members, [profiles.get(r.id) or profile_claim(r, finder) for r in members], interval)
        for members, interval in zip(groups_members, intervals)
    ]
