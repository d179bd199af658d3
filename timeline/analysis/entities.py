"""Who, what and where in a sentence.

Places come from maintained data (gazetteer.py: countries and cities in many
languages); people are recognised by form (capitalised names, find_names) and
matched across articles and scripts by their surname (person_key). The alias
table is the editors' correction on top: an alias always outranks a guess.
This module knows how names are written, not which names are in the news:

- initials and dots do not matter: "J.R. Okafor" = "JR Okafor", "U.S." = "US";
- case does not matter, except for short all-capital abbreviations, so the
  alias "US" does not match the pronoun "us";
- Russian nouns inflect, so a Cyrillic alias word also matches the same stem
  with a short ending: "Хартия" matches "Хартию", "Окафор" matches "Окафора".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

from timeline.analysis.gazetteer import gazetteer
from timeline.analysis.lexicon import DOCUMENT_WORDS, Happening, find_happenings, find_roles
from timeline.analysis.types import Alias

DEFAULT_ALIASES = Path(__file__).resolve().parent.parent / "fixtures" / "default_aliases.json"

PERSON, ORGANISATION, PLACE, DOCUMENT = "person", "organisation", "place", "document"
PERSON_KEY = "person:"  # prefix of the keys person_key gives
NAME = "name"  # a capitalised name the alias table does not know (find_names)

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)

# A document the text names itself, capitalised as a proper noun: "the Alpine
# Rail Agreement", "the Charter on Coastal Cooperation". Outlets name a
# new agreement before any editor has put it in the alias table, and two
# reports of its signing must still meet on one event.
_CAP = r"[A-Z][\w'’.-]*"
_NAMED_DOCUMENT = re.compile(
    rf"(?P<before>(?:{_CAP}\s+){{0,5}})"
    r"(?P<head>Charter|Memorandum(?: of Understanding)?|Declaration|Agreement|Treaty|Accord|Convention|Protocol)"
    rf"(?P<after>(?:\s+(?:on|of|for)(?:\s+(?:the|and)?\s*{_CAP})+)?)"
)
_GENERIC_BEFORE = {"the", "a", "an", "this", "that", "joint", "new", "signed", "first"}
_CYRILLIC_ENDING = "аеёиоуыэюяйь"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    canonical: str
    kind: str


def load_default_aliases(path: Path = DEFAULT_ALIASES) -> list[Alias]:
    return [Alias(**row) for row in json.loads(path.read_text(encoding="utf-8"))]


def _is_initial_dot(text: str, i: int) -> bool:
    """The dot of an initial: "J.D.", "U.S." (a single letter before it)."""
    return i > 0 and text[i - 1].isalpha() and (i == 1 or not text[i - 2].isalpha())


def normalize(text: str) -> tuple[str, list[int]]:
    """Letters and digits with single spaces between words, and for each
    character of the result its index in `text`.

    >>> normalize("J.R. Okafor's")[0]
    'JR Okafor s'
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch == "." and _is_initial_dot(text, i):
            continue
        if ch.isalnum():
            out.append(ch)
            index.append(i)
        elif out and out[-1] != " ":
            out.append(" ")
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def _word_pattern(word: str) -> str:
    if word.isupper() and len(word) <= 5:
        return re.escape(word)  # an abbreviation: exact case
    stem = _cyrillic_stem(word)
    if stem is None:
        return f"(?i:{re.escape(word)})"
    return f"(?i:{re.escape(stem)}[а-яё]{{0,3}})"


def _cyrillic_stem(word: str) -> str | None:
    """The stem a Cyrillic word matches with a short ending after it; None if it matches only as written."""
    if not _CYRILLIC.search(word):
        return None
    stem = word
    if len(word) > 4:
        stripped = word.rstrip(_CYRILLIC_ENDING)
        stem = stripped if len(stripped) >= 3 and len(word) - len(stripped) <= 2 else word
    if stem == word and word[-1].lower() in _CYRILLIC_ENDING:
        return None  # short word ending in a vowel: indeclinable ("Баку")
    return stem


# Cached: every EntityFinder compiles its alias table, and past re's own cache of 512
# patterns a table of a thousand aliases was recompiled from scratch each time (seconds).
@lru_cache(maxsize=None)
def alias_pattern(alias: str) -> re.Pattern[str] | None:
    words = normalize(alias)[0].split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + " ".join(_word_pattern(w) for w in words) + r"(?!\w)")


def _fold(word: str) -> str:
    # The case-insensitive patterns treat σ and ς (and ſ and s) as one letter; lower() alone does not.
    return word.lower().replace("ς", "σ").replace("ſ", "s")


def _first_word_key(alias: str) -> tuple[str, bool] | None:
    """What a text word must be for the alias's pattern to start there: the folded first word,
    or its stem and True when the pattern lets a short Cyrillic ending follow (_word_pattern)."""
    words = normalize(alias)[0].split()
    if not words:
        return None
    first = words[0]
    stem = None if first.isupper() and len(first) <= 5 else _cyrillic_stem(first)
    return (_fold(stem), True) if stem is not None else (_fold(first), False)


class EntityFinder:
    """Finds alias-table entities in text; longest match wins on overlap."""

    def __init__(self, aliases: list[Alias]):
        # Indexed by the word each pattern starts with, so a sentence is tried only against the
        # aliases whose first word it contains: one scan per alias per sentence was a tenth of a
        # worker's time with a thousand aliases (bench.ingest), and grows with the table.
        self._by_word: dict[str, list[tuple[int, re.Pattern[str], Alias]]] = {}
        self._by_stem: dict[str, list[tuple[int, re.Pattern[str], Alias]]] = {}
        for i, a in enumerate(aliases):
            if (p := alias_pattern(a.alias)) is not None and (key := _first_word_key(a.alias)) is not None:
                (self._by_stem if key[1] else self._by_word).setdefault(key[0], []).append((i, p, a))
        self._heads: dict[str, str] = {}  # document canonical -> its document word ("charter")
        for alias in aliases:
            if alias.kind == DOCUMENT and (head := DOCUMENT_WORDS.search(alias.canonical)):
                self._heads.setdefault(alias.canonical, head.group().casefold())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        end = len(text) if end is None else end
        return list(_find_cached(self, text[start:end], start))

    @staticmethod
    def country_of(canonical: str) -> str:
        """The country of a place the gazetteer knows ("Hanoi" -> "Vietnam"), else ""."""
        return gazetteer().country_of(canonical)

    def document_head(self, canonical: str) -> str:
        if canonical in self._heads:
            return self._heads[canonical]
        head = DOCUMENT_WORDS.search(canonical)
        return head.group().casefold() if head else ""

    def _patterns_for(self, norm: str) -> list[tuple[re.Pattern[str], Alias]]:
        """The patterns that could match in this normalised text, in the alias table's order: those
        whose first word is one of its words (a stem: a word with at most three letters more)."""
        found: dict[int, tuple[re.Pattern[str], Alias]] = {}
        for word in {_fold(w) for w in norm.split()}:
            entries = list(self._by_word.get(word, ()))
            if self._by_stem:
                entries += [e for cut in range(4) for e in self._by_stem.get(word[: len(word) - cut], ())]
            found.update((i, (p, a)) for i, p, a in entries)
        return [found[i] for i in sorted(found)]

    def _find(self, segment: str, offset: int) -> tuple[Mention, ...]:
        norm, index = normalize(segment)
        candidates = []
        for pattern, alias in self._patterns_for(norm):
            for match in pattern.finditer(norm):
                raw_start = index[match.start()]
                raw_end = index[match.end() - 1] + 1
                candidates.append(Mention(offset + raw_start, offset + raw_end, alias.canonical, alias.kind))
        chosen: list[Mention] = []
        places = [Mention(offset + s, offset + e, canonical, PLACE) for s, e, canonical in gazetteer().find(segment)]
        # Alias-table names first: an editor's canonical name outranks a guess.
        for m in sorted(candidates, key=lambda m: (m.start - m.end, m.start)) + places + _named_documents(segment, offset):
            if not any(m.start < c.end and c.start < m.end for c in chosen):
                chosen.append(m)
        return tuple(sorted(chosen, key=lambda m: m.start))


def _named_documents(segment: str, offset: int) -> list[Mention]:
    """Proper-noun document names, canonicalised so variants meet:
    "the Chile-Norway Charter on Coastal Cooperation" and "the Charter on
    Coastal Cooperation" are both "charter on coastal cooperation".

    >>> [m.canonical for m in _named_documents("They signed the Alpine Rail Agreement.", 0)]
    ['alpine rail agreement']
    """
    found = []
    for match in _NAMED_DOCUMENT.finditer(segment):
        before = [w for w in match.group("before").split() if w.casefold() not in _GENERIC_BEFORE]
        after = match.group("after").strip()
        if not before and not after:
            continue  # "the Agreement" alone names nothing in particular
        words = [match.group("head"), after] if after else [*before, match.group("head")]
        canonical = " ".join(normalize(" ".join(words))[0].casefold().split())
        start = match.start("head") if after else match.start("before") + match.group("before").find(before[0])
        found.append(Mention(offset + start, offset + match.end(), canonical, DOCUMENT))
    return found


# A name the alias table does not know: two or more capitalised words in a row
# ("Helena Nangolo", "Southern Times Wire"). Title case only, so an all-capital
# dateline ("OSLO,") is not one; a word with an apostrophe ends the run
# ("Namibia's"). Linking takes such a name as evidence for, never against.
_NAME_WORD = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?(?![\w'’])"
_NAME_RUN = re.compile(rf"(?<![\w'’.-]){_NAME_WORD}(?:\s+{_NAME_WORD})+")
# Words that start or sit in a capitalised run without being part of a name:
# sentence openers, and the calendar ("Tuesday March 3", "Since January").
_NOT_NAME = frozenset(
    "the a an this that these those in on at by for from to of and but or as after before since under until during "
    "when while with without his her its their our my your some many most why what how who where published updated posted".split()
    + "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mondays tuesdays wednesdays thursdays fridays saturdays sundays".split()
)


def find_names(text: str, start: int = 0, end: int | None = None, known: list[Mention] = ()) -> list[Mention]:
    """Capitalised multi-word names in text[start:end] that no `known` mention covers.

    >>> [m.canonical for m in find_names("Analysts said Helena Nangolo won on Saturday, August 15.")]
    ['Helena Nangolo']
    >>> [m.canonical for m in find_names("The Central Bank met.")]
    ['Central Bank']
    >>> [m.canonical for m in find_names("Prime Minister Anna Berg signed the Nordic Accord No. 4.")]
    ['Anna Berg']
    """
    end = len(text) if end is None else end
    names = []
    for run in _NAME_RUN.finditer(text, start, end):
        # A role, a document word or a known entity is no part of a name: "Prime Minister",
        # "the Accord No. 4", "Президент Ганы Ама Овусу".
        # (a role may run past the run: "Вице-президент" is the run's "Вице" and more)
        generic = [(s - run.start(), e - run.start()) for s, e, _ in find_roles(text, run.start(), min(len(text), run.end() + 30)) if s < run.end()]
        generic += [(m.start - run.start(), m.end - run.start()) for m in known if m.start < run.end() and run.start() < m.end]
        generic += [w.span() for w in DOCUMENT_WORDS.finditer(run.group())]
        words: list[re.Match[str]] = []
        for word in [*re.finditer(r"\S+", run.group()), None]:
            if word is not None and word.group().casefold() not in _NOT_NAME and not any(
                s < word.end() and word.start() < e for s, e in generic
            ):
                words.append(word)
                continue
            if len(words) >= 2:
                first, last = run.start() + words[0].start(), run.start() + words[-1].end()
                names.append(Mention(first, last, " ".join(w.group() for w in words), NAME))
            words = []
    return names


@lru_cache(maxsize=4096)
def _find_cached(finder: EntityFinder, segment: str, offset: int) -> tuple[Mention, ...]:
    return finder._find(segment, offset)


def find_entities(text: str, aliases: list[Alias]) -> list[Mention]:
    """Convenience for one-off use; build an EntityFinder to reuse the patterns."""
    return EntityFinder(aliases).find(text)


def find_what(text: str, start: int = 0, end: int | None = None) -> list[Happening]:
    """The kinds of happening named in text[start:end] (see lexicon)."""
    return find_happenings(text, start, end)


# Words that make a capitalised run an organisation, an outlet or a thing, not a person.
_NOT_PERSON = frozenset(
    "bank wire press times herald court commission council union ministry airport agency party group company "
    "hospital station university summit forum daily news post review tribune chronicle observer online notebook "
    "energy trade central national southern northern eastern western new united pacific atlantic ocean great "
    "international republic federal state states city street house office association institute fund capital "
    "partnership award prize dispatch secretary deputy minister president chancellor senator governor mayor "
    "agreement charter treaty memorandum declaration accord fraternity human "
    "банк агентство совет союз министерство комиссия суд партия".split()
)
_SKELETON_RULES = [
    ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("j", "h"), ("ch", "4"), ("ce", "se"), ("ci", "si"), ("ck", "k"), ("qu", "k"), ("q", "k"), ("c", "k"),
    ("4", "ch"), ("x", "ks"), ("w", "v"), ("ph", "f"), ("th", "t"), ("y", "i"), ("lh", "l"), ("tz", "ts"),
]
_RUSSIAN_CASE = re.compile(r"(?:om|em|ym|im|oi|ei|iu|ia|ogo|ego|omu|emu)$")


def _skeleton(word: str) -> str:
    """A spelling-blind form of one name word: "Rojas" and "Рохас", "Carvalho" and
    "Карвалью", "Echeverry" and "Эчеверри" meet (transliteration by unidecode, then
    the consonants that survive a trip between Latin and Cyrillic spelling)."""
    cyrillic = bool(_CYRILLIC.search(word))
    latin = re.sub(r"[^a-z]", "", unidecode(word).casefold())
    if cyrillic:
        latin = _RUSSIAN_CASE.sub("", latin) if len(latin) > 5 else latin
    for old, new in _SKELETON_RULES:
        latin = latin.replace(old, new)
    latin = re.sub(r"h$", "", latin)
    if not latin:
        return ""
    head, rest = latin[0], re.sub(r"[aeiou]", "", latin[1:])
    return re.sub(r"(.)\1+", r"\1", head + rest)


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The key linking compares people by: the skeleton of the surname (the last word,
    each part of a double-barrelled one), or "" when too short to tell people apart."""
    last = name.split()[-1]
    parts = [_skeleton(p) for p in last.split("-") if p]
    key = "-".join(p for p in parts if p)
    return f"{PERSON_KEY}{key}" if len(key.replace("-", "")) >= 3 else ""


def is_person_name(name: str) -> bool:
    """A capitalised run that looks like a person's name by form: two to four words, none of
    them an organisation's or an outlet's word ("Camila Rojas", not "Central Bank")."""
    words = name.split()
    return 2 <= len(words) <= 4 and not any(w.casefold() in _NOT_PERSON for w in words)


@lru_cache(maxsize=1024)
def article_people(text: str) -> dict[str, str]:
    """Surname skeleton -> person key for every person named in full in `text`, so a later
    "Rojas" alone (or "Рохас") is the same person as "Camila Rojas"."""
    people = {}
    for m in find_names(text):
        if is_person_name(m.canonical) and (key := person_key(m.canonical)):
            people[key] = key
    # A name right after a title is a person whatever its form: "Foreign Minister KT Osei".
    for _, end, _ in find_roles(text):
        if (after := _AFTER_TITLE.match(text, end)) and not after.group(1).casefold() in _NOT_NAME and (key := person_key(after.group(1))):
            people[key] = key
    return people


_AFTER_TITLE = re.compile(r"\s+(?:(?:[A-ZА-ЯЁ][\w.'’]*|[A-Z]\.)\s+){0,3}([A-ZА-ЯЁ][a-zа-яё'’-]+)\b")


@lru_cache(maxsize=1024)
def article_people_names(text: str) -> dict[str, str]:
    """Person key -> the longest full name `text` gives that person ("Camila Rojas"), for labels."""
    names: dict[str, str] = {}
    for m in find_names(text):
        if is_person_name(m.canonical) and (key := person_key(m.canonical)) and len(m.canonical) > len(names.get(key, "")):
            names[key] = m.canonical
    return names
