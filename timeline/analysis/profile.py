"""What one temporal expression is about: its happening, who and where.

A sentence can date several happenings ("met executives yesterday and is due
in Tbilisi tomorrow"), so each expression takes the happening word nearest to
it. Words behind a clause break cost extra, and words inside a clause opened
by "after"/"before"/"ahead of" (a reference point, not the thing dated) cost
a lot: "wrapped up his visit yesterday after signing the charter" dates the
visit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.analysis.entities import (
    DOCUMENT,
    ORGANISATION,
    PERSON,
    PLACE,
    EntityFinder,
    Mention,
    article_people,
    article_people_names,
    find_names,
    is_person_name,
    person_key,
)
from timeline.analysis.lexicon import DOCUMENT_WORDS, Happening, find_happenings, find_roles, phase_near
from timeline.analysis.text import CLAUSE_BREAK, clause_breaks_between, distance, subordinate_spans
from timeline.analysis.types import ClaimRecord

_CLAUSE_COST = 40
_AND_COST = 25  # "met X yesterday and is due in Y tomorrow": "and" starts another happening
_AFTER_COST = 10  # a date usually follows its verb ("met them yesterday")
_SUBORDINATE_COST = 1000
_WINDOW = 120  # a happening word further than this from the date is not its happening
_LOCATIVE = re.compile(r"(?:\b(?:in|to|at|into|visit(?:ed|s|ing)?)|(?<!\w)(?:в|во|на|посетил\w*))\s+(?:the\s+)?$", re.IGNORECASE)
_AND = re.compile(r"\s(?:and|и|а также)\s", re.IGNORECASE)
# ", and" / "; and" / ", а" joins two clauses, each with its own happening: "the union strikes
# tomorrow, and the board meets on Friday" - the meeting is not tomorrow.
_CLAUSE_AND = re.compile(r"[,;]\s+(?:and|but|while|whereas|и|а|но)\s", re.IGNORECASE)
# "and" before a second past-tense verb starts a second predicate: in "talks opened in 2019 and
# collapsed in May" or "signed in 2020 and ratified in 2021" the later date is not the talks' or the signing's.
_AND_VERB = re.compile(r"\s(?:and|but)\s+(?:then\s+|later\s+)?(?-i:[a-z]{3,}ed)\b", re.IGNORECASE)
# After a place, a lowercase word other than these makes it an adjective
# ("the US administration"), not where something happened.
_PLACE_FOLLOWERS = re.compile(
    r"^\s*(?:$|[^\w\s]|[A-ZА-ЯЁ0-9]|(?:on|in|at|for|from|with|and|to|by|during|after|before|yesterday|tomorrow|today|"
    r"last|this|next|which|where|when|as|amid|earlier|later|в|во|на|с|и|по|для|вчера|завтра|сегодня)\b)"
)
_WHERE = re.compile(r",?\s+(?:where|где)\b", re.IGNORECASE)  # "from Yerevan, where he had held talks"
_WHERE_REACH = 40
# Where a happening did not take place: where one came from, or left for ("left for Accra").
_FROM = re.compile(r"(?:\bfrom|\b(?:left|leaving|leaves|leave|flew|flies|departed|bound) for|(?<!\w)из)\s+(?:the\s+)?$", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[а-яё]", re.IGNORECASE)  # Russian marks adjectives by form, not position
_DATELINE = re.compile(r"^\s*[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]+,\s*$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]*\))?\s*[-—–]")


@dataclass(frozen=True)
class Profile:
    kind: str  # "" when no happening is named near the date
    family: str
    phase: str  # start / end / whole
    actors: frozenset[str]  # people and organisations
    places: frozenset[str]  # every place named in the claim's own clauses
    destinations: frozenset[str]  # places after "in"/"to"/"в": where it happened
    document: str  # a named document the happening is about, or ""
    roles: frozenset[str]
    anchor: tuple[int, int] | None  # span of the happening word
    dateline: bool = False  # "OSLO, Mar 4 (Wire) -": the report's date, not an event's
    names: frozenset[str] = frozenset()  # capitalised names not in the alias table: evidence for, never against
    origins: frozenset[str] = frozenset()  # where it did not happen: "arrived from Hanoi", "left for Accra", "из"
    setting: frozenset[str] = frozenset()  # where its article's happenings take place: an unlocated sentence's setting
    # "person key<TAB>full name" for the people among `names`, as the article gives them: labels
    # read names from here, so a claim's profile kept without its text still names its people.
    people: frozenset[str] = frozenset()


def _own_ranges(record: ClaimRecord) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(subordinate clauses that do not hold the claim, the claim's own clause if subordinate)."""
    text, c = record.article_text, record.claim
    spans = subordinate_spans(text, c.sentence_start, c.sentence_end)
    # The cue of "exactly three weeks after X" sits inside the claim: X is still a reference point.
    foreign = [s for s in spans if not (s[0] < c.start < s[1]) or s[0] >= c.start]
    return foreign, [s for s in spans if s not in foreign]


def _inside(pos: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos[0] and pos[1] <= b for a, b in spans)


def _candidates(text: str, start: int, end: int) -> list[Happening]:
    """Happening words, and document nouns as the signing they stand for
    ("six months later, the charter became reality")."""
    happenings = find_happenings(text, start, end)
    for word in DOCUMENT_WORDS.finditer(text, start, end):
        if not any(h.start <= word.start() < h.end for h in happenings):
            happenings.append(Happening(word.start(), word.end(), "signing", "diplomacy", "whole"))
    return happenings


def nearest_happening(record: ClaimRecord) -> Happening | None:
    text, c = record.article_text, record.claim
    foreign, _ = _own_ranges(record)
    best, best_cost = None, None
    for happening in _candidates(text, c.sentence_start, c.sentence_end):
        span = (happening.start, happening.end)
        if c.start <= span[0] and span[1] <= c.end:
            continue  # a word of the expression itself ("six months later")
        gap = distance(span, (c.start, c.end))
        if gap > _WINDOW:
            continue
        if _CLAUSE_AND.search(text, min(span[1], c.end), max(span[0], c.start)):
            continue
        if span[1] <= c.start and _AND_VERB.search(text, span[1], c.start):
            continue
        lo, hi = sorted((span[0], c.start))
        cost = gap + _CLAUSE_COST * clause_breaks_between(text, span[0], c.start) + _AND_COST * len(_AND.findall(text, lo, hi))
        cost += _AFTER_COST if span[0] > c.start else 0
        if _inside(span, foreign):
            cost += _SUBORDINATE_COST
        if best_cost is None or cost < best_cost:
            best, best_cost = happening, cost
    return best


def _previous_happening(record: ClaimRecord) -> Happening | None:
    """The last happening word of the sentence right before the claim's, if it is in the same paragraph."""
    text, c = record.article_text, record.claim
    before = text[: c.sentence_start]
    if "\n\n" in before[-3:] or before.rstrip(" ").endswith("\n"):
        return None  # a new paragraph starts a new subject
    start = max(before.rfind(". ", 0, len(before) - 2), before.rfind("\n")) + 1
    found = find_happenings(text, start, c.sentence_start)
    return found[-1] if found else None


def _is_dateline(record: ClaimRecord) -> bool:
    text, c = record.article_text, record.claim
    return bool(_DATELINE.match(text[c.sentence_start : c.start]) and _DATELINE_TAIL.match(text[c.end : c.end + 60]))


def _nearest_document(text: str, around: tuple[int, int], start: int, end: int, mentions: list[Mention]) -> tuple[str, str, int]:
    """(canonical name or "", document word, distance) of the document nearest to `around`."""
    best = ("", "", 10**9)
    for m in mentions:
        if m.kind == DOCUMENT and (gap := distance((m.start, m.end), around)) < best[2]:
            best = (m.canonical, "", gap)
    for word in DOCUMENT_WORDS.finditer(text, start, end):
        gap = distance(word.span(), around)
        inside_named = any(m.kind == DOCUMENT and m.start <= word.start() < m.end for m in mentions)
        if gap < best[2] and not inside_named:
            best = ("", word.group().casefold(), gap)
    return best


def _earlier_document(record: ClaimRecord, finder: EntityFinder, head: str) -> str:
    """"the charter" -> the last named document with that head word earlier in the article."""
    text, c = record.article_text, record.claim
    for m in reversed(finder.find(text, 0, c.sentence_end)):
        if m.kind == DOCUMENT and finder.document_head(m.canonical).startswith(head[:5]):
            return m.canonical
    return ""


def _destinations(text: str, mentions: list[Mention], around: tuple[int, int], claim: tuple[int, int], stop: int) -> frozenset[str]:
    """Places where the happening took place: after "in"/"to"/"в", near the
    happening word and the date, and not used as an adjective."""
    lo = max(0, min(around[0], claim[0]) - 25)
    hi = min(stop, max(around[1], claim[1]) + 40)
    if (cut := CLAUSE_BREAK.search(text, max(around[1], claim[1]), hi)) is not None:
        hi = cut.start()
    found = {
        m.canonical
        for m in mentions
        if m.kind == PLACE
        and m.start < hi
        and (
            (lo <= m.start and _LOCATIVE.search(text[max(0, m.start - 20) : m.start]))
            # "from Yerevan, where he had held talks": the relative clause says where it happened
            or (lo - _WHERE_REACH <= m.start and _WHERE.match(text, m.end))
        )
        and (_CYRILLIC_WORD.match(text[m.start : m.end]) or _PLACE_FOLLOWERS.match(text[m.end : m.end + 20]))
    }
    return _with_countries(found)


@lru_cache(maxsize=2048)
def _setting(text: str, finder: EntityFinder) -> frozenset[str]:
    """Where an article's happenings take place: the places it puts something "in"/"to"/"в",
    or failing those every place it names."""
    places = [m for m in finder.find(text) if m.kind == PLACE]
    located = [m for m in places if _LOCATIVE.search(text[max(0, m.start - 20) : m.start])]
    return _with_countries(m.canonical for m in located or places)


def _with_countries(places) -> frozenset[str]:
    """A city stands for its country too: "in Hanoi" and "to Vietnam" agree, "in Vientiane" does not."""
    found = set(places)
    return frozenset(found | {country for place in found if (country := EntityFinder.country_of(place))})


_WORD = re.compile(r"(?<![\w'’-])[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?")


def _names(record: ClaimRecord, finder: EntityFinder, foreign: list[tuple[int, int]]) -> frozenset[str]:
    """Capitalised names in the claim's own clauses, bar the outlet's own ("..., Wire One reported"):
    who reports a happening says nothing about which happening it is. A person counts by the
    key of their surname (entities.person_key), so "Camila Rojas", a later "Rojas" and a Russian
    "Рохас" are one; a surname alone counts when the article names that person in full."""
    text, c = record.article_text, record.claim
    known = finder.find(text, c.sentence_start, c.sentence_end)
    outlet = record.outlet.casefold()
    names = set()
    for m in find_names(text, c.sentence_start, c.sentence_end, known):
        if _inside((m.start, m.end), foreign) or (outlet and (m.canonical.casefold() in outlet or outlet in m.canonical.casefold())):
            continue
        key = person_key(m.canonical) if is_person_name(m.canonical) else ""
        names.add(key or m.canonical)
    people = article_people(text)
    # The outlet's name in its own article ("..., Plains Record reported") can read as a person's
    # ("Record"): then every event its articles report would share that "person".
    own = [m.span() for m in re.compile(re.escape(record.outlet), re.IGNORECASE).finditer(text, c.sentence_start, c.sentence_end)] if record.outlet.strip() else []
    for word in _WORD.finditer(text, c.sentence_start, c.sentence_end):
        if not _inside(word.span(), foreign + own) and (key := person_key(word.group())) in people:
            names.add(key)
    return frozenset(names)


def _happenings(record: ClaimRecord, dateline: bool):
    """(the happening its sentence names, the one it continues from the sentence before)."""
    happening = None if dateline else nearest_happening(record)
    borrowed = None if happening or dateline else _previous_happening(record)
    return happening, borrowed


def claim_kind(record: ClaimRecord) -> str:
    """The kind of happening a claim dates, as profile_claim reads it, without reading who and where
    (a fraction of the cost: a check that needs a shared kind before anything else asks this first)."""
    happening, borrowed = _happenings(record, _is_dateline(record))
    source = happening or borrowed
    return source.kind if source else ""


def profile_claim(record: ClaimRecord, finder: EntityFinder) -> Profile:
    text, c = record.article_text, record.claim
    foreign, _ = _own_ranges(record)
    dateline = _is_dateline(record)
    happening, borrowed = _happenings(record, dateline)
    mentions = [m for m in finder.find(text, c.sentence_start, c.sentence_end) if not _inside((m.start, m.end), foreign)]
    around = (happening.start, happening.end) if happening else (c.start, c.end)
    named, word, _ = _nearest_document(text, around, c.sentence_start, c.sentence_end, mentions)
    if not named and word:
        named = _earlier_document(record, finder, word)
    kind, family, phase = (happening.kind, happening.family, happening.phase) if happening else ("", "", "whole")
    if borrowed is not None:
        # "Вторая забастовка прошла 17 сентября. Первая прошла 10 сентября.": a sentence that names
        # no happening continues the one before (its anchor stays unset: not the same mention).
        kind, family = borrowed.kind, borrowed.family
    # "opened a two-day summit on Tuesday", "talks began on Monday": the first day, not the whole
    if phase == "whole" and happening:
        lo = max(c.sentence_start, happening.start - 30)
        phase = phase_near(text, lo, happening.start) or "whole"
    if kind != "signing":
        named = ""  # "working groups set up under the charter met" is not the charter's signing
    roles = frozenset(r for s, e, r in find_roles(text, c.sentence_start, c.sentence_end) if not _inside((s, e), foreign))
    destinations = _destinations(text, mentions, around, (c.start, c.end), c.sentence_end)
    names = _names(record, finder, foreign)
    origins = _with_countries(m.canonical for m in mentions if m.kind == PLACE and _FROM.search(text[max(0, m.start - 16) : m.start]))
    return Profile(
        kind=kind,
        family=family,
        phase=phase,
        actors=frozenset(m.canonical for m in mentions if m.kind in (PERSON, ORGANISATION)),
        places=_with_countries(m.canonical for m in mentions if m.kind == PLACE),
        destinations=destinations,
        document=named,
        roles=roles,
        anchor=around if happening else None,
        dateline=dateline,
        names=names,
        origins=origins - destinations,
        setting=_setting(text, finder),
        people=frozenset(f"{key}\t{name}" for key, name in article_people_names(text).items() if key in names),
    )


def profile_phrase(text: str, finder: EntityFinder) -> Profile:
    """The profile of a free phrase, such as an offset's anchor ("the charter was signed")."""
    happenings = find_happenings(text)
    mentions = finder.find(text)
    first = happenings[0] if happenings else None
    named = next((m.canonical for m in mentions if m.kind == DOCUMENT), "")
    kind, family = (first.kind, first.family) if first else ("", "")
    if named and not first:
        kind, family = "signing", "diplomacy"
    return Profile(
        kind=kind,
        family=family,
        phase=first.phase if first else "whole",
        actors=frozenset(m.canonical for m in mentions if m.kind in (PERSON, ORGANISATION)),
        places=frozenset(m.canonical for m in mentions if m.kind == PLACE),
        destinations=frozenset(),
        document=named,
        roles=frozenset(r for _, _, r in find_roles(text)),
        anchor=None,
    )
