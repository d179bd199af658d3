"""Precedent claims ("never before", "the first ... since 2008", "only once
before") against the earlier events the other sources report.

A precedent is about a kind of happening, a place and a subject (a role such as
"vice president", or a named actor). An earlier event counts against it only
when it is of the same family, happened in the places the statement names, and
shares the role or actor; a visit to another country is not a precedent. The
event the statement is about is the latest matching one its article dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from timeline.analysis.checks.common import Found, found, outlets, topic
from timeline.analysis.entities import EntityFinder
from timeline.analysis.lexicon import PRECEDENT_NEVER, PRECEDENT_ONCE, PRECEDENT_SINCE, find_happenings, find_precedents, find_roles
from timeline.analysis.linking import NEARBY_DAYS
from timeline.analysis.profile import profile_claim
from timeline.analysis.text import CLAUSE_BREAK
from timeline.analysis.types import ClaimRecord, EventView, FindingKind, Severity

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A place the alias table does not know yet, read from the text: a capitalised
# name after "to"/"in"/"visited" ("a visit by a minister to Ruritania"), never a
# month or weekday ("in August 2015").
_GUESSED_PLACE = re.compile(
    r"(?:\b(?:to|in|into|visit(?:ed|s|ing)?)\s+(?:the\s+)?|(?<!\w)(?:в|во|посети\w*)\s+)"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"(?-i:([A-ZА-ЯЁ][\w'’-]+(?:\s+[A-Z][\w'’-]+)*))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Facts:
    family: str
    places: frozenset[str]
    roles: frozenset[str]
    actors: frozenset[str]
    guessed_places: frozenset[str] = frozenset()


def _guess_places(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(m.group(1).casefold() for m in _GUESSED_PLACE.finditer(text, start, end))


def event_facts(event: EventView, finder: EntityFinder, known: dict | None = None) -> _Facts:
    """`known` holds claims' profiles already read (claim id -> Profile); the others are read from the text."""
    known = known or {}
    profiles = [known.get(c.id) or profile_claim(c, finder) for c in event.claims]
    families = [p.family for p in profiles if p.family]
    return _Facts(
        family=max(set(families), key=families.count) if families else "",
        places=frozenset(x for p in profiles for x in p.places),
        roles=frozenset(x for p in profiles for x in p.roles),
        actors=frozenset(x for p in profiles for x in p.actors),
        guessed_places=frozenset(
            x for c in event.claims for x in _guess_places(c.article_text, c.claim.sentence_start, c.claim.sentence_end)
        ),
    )


def facts_to_json(facts: _Facts) -> dict:
    return {"family": facts.family, **{k: sorted(getattr(facts, k)) for k in ("places", "roles", "actors", "guessed_places")}}


def facts_from_json(data: dict) -> _Facts:
    return _Facts(data.get("family", ""), *(frozenset(data.get(k, ())) for k in ("places", "roles", "actors", "guessed_places")))


def statements_of(event: EventView, finder: EntityFinder) -> list[_Facts]:
    """The precedent statements ("the first visit by a ... to ...") its claims' sentences make, with a subject."""
    out, seen = [], set()
    for claim in event.claims:
        key = (claim.article_id, claim.claim.sentence_start)
        if key in seen:
            continue
        seen.add(key)
        for precedent in find_precedents(claim.article_text, claim.claim.sentence_start, claim.claim.sentence_end):
            statement = _statement(claim, precedent.start, finder)
            if statement.family and (statement.roles or statement.actors):
                out.append(statement)
    return out


def _clause(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The clause of text[start:end] around position `at`."""
    lo = max((m.end() for m in CLAUSE_BREAK.finditer(text, start, at)), default=start)
    hi = next((m.start() for m in CLAUSE_BREAK.finditer(text, at, end)), end)
    return lo, hi


def _statement(claim: ClaimRecord, at: int, finder: EntityFinder) -> _Facts:
    text, c = claim.article_text, claim.claim
    lo, hi = _clause(text, c.sentence_start, c.sentence_end, at)
    mentions = finder.find(text, lo, hi)
    places = frozenset(m.canonical for m in mentions if m.kind == "place") or frozenset(
        m.canonical for m in finder.find(text, c.sentence_start, c.sentence_end) if m.kind == "place"
    )
    happenings = find_happenings(text, lo, hi) or find_happenings(text, c.sentence_start, c.sentence_end)
    return _Facts(
        family=happenings[0].family if happenings else "",
        places=places,
        roles=frozenset(r for _, _, r in find_roles(text, lo, hi)),
        actors=frozenset(m.canonical for m in mentions if m.kind in ("person", "organisation")),
        guessed_places=frozenset() if places else _guess_places(text, lo, hi),
    )


def precedent_conflict(events: list[EventView], finder: EntityFinder, facts: dict[int, _Facts] | None = None) -> list[Found]:
    """`facts` may hold events' facts kept from an earlier read; the others are read from their claims."""
    facts = dict(facts or {})
    for e in events:
        if e.id not in facts:
            facts[e.id] = event_facts(e, finder)
    dated = [e for e in events if e.consensus is not None]
    results, seen = [], set()
    for event in events:
        for claim in event.claims:
            key = (claim.article_id, claim.claim.sentence_start)
            if key in seen:
                continue
            seen.add(key)
            text, c = claim.article_text, claim.claim
            for precedent in find_precedents(text, c.sentence_start, c.sentence_end):
                statement = _statement(claim, precedent.start, finder)
                if not statement.family or not (statement.roles or statement.actors):
                    continue  # no subject to compare ("met for the first time")
                if result := _judge(claim, precedent, statement, dated, facts):
                    results.append(result)
    return results


def _judge(claim: ClaimRecord, precedent, statement: _Facts, dated: list[EventView], facts) -> Found | None:
    matching = [
        e
        for e in dated
        if facts[e.id].family == statement.family
        and statement.places <= facts[e.id].places
        # the alias table knows no place in the statement: the names the text gives must meet
        and (not statement.guessed_places or not facts[e.id].guessed_places
             or statement.guessed_places & facts[e.id].guessed_places)
        and (statement.roles & facts[e.id].roles or statement.actors & facts[e.id].actors)
    ]
    own = [e for e in matching if any(c.article_id == claim.article_id for c in e.claims)]
    if not own:
        return None
    subject = max(own, key=lambda e: e.consensus.start)
    # Within NEARBY_DAYS an "earlier" event of the same kind, place and office is more likely a part
    # of the same trip that linking kept apart (the talks on the 16th, the dam visit on the 17th).
    before = subject.consensus.start - timedelta(days=NEARBY_DAYS)
    earlier = sorted((e for e in matching if e.consensus.end < before), key=lambda e: e.consensus.start)
    text = claim.article_text
    said = text[precedent.start : _clause(text, claim.claim.sentence_start, claim.claim.sentence_end, precedent.start)[1]]
    if precedent.kind == PRECEDENT_NEVER and earlier:
        against, severity = [earlier[-1]], Severity.HIGH
    elif precedent.kind == PRECEDENT_ONCE and len(earlier) >= 2:
        against, severity = earlier, Severity.MEDIUM
    elif precedent.kind == PRECEDENT_SINCE and (year := _YEAR.search(text, precedent.end, claim.claim.sentence_end)):
        against, severity = [e for e in earlier if e.consensus.start.year > int(year.group())], Severity.MEDIUM
        if not against:
            return None
    else:
        return None
    statement_text = text[claim.claim.sentence_start : claim.claim.sentence_end]
    opening = statement_text[: statement_text.find(said) + len(said)] if said in statement_text else said
    first = against[-1]
    reporters = [c for e in against for c in e.claims if c.article_id != claim.article_id]
    message = (
        f"{claim.outlet} says “{opening.strip()}”, but {outlets(reporters)} report an earlier "
        f"{topic(first.label)} ({first.consensus.start.year}); the precedent claim needs correcting."
    )
    mine = [c.id for e in dated for c in e.claims if c.article_id == claim.article_id and c.claim.sentence_start == claim.claim.sentence_start]
    return found(FindingKind.PRECEDENT_CONFLICT, severity, message, first.id, mine, [c.id for e in against for c in e.claims])
