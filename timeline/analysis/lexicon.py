"""Per-language keyword lexicons for the "what" of a sentence.

General vocabulary only: kinds of happening, the phase words of a visit, the
roles people hold and the phrases that claim a precedent. Names of people,
places and documents live in the alias table, never here.

Russian entries are stems followed by `\\w*` so inflected forms match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# kind -> (family, phase, patterns). Kinds in one family can describe the same
# happening ("the summit" / "the signing of the memorandum" / "the meeting").
_HAPPENINGS: dict[str, tuple[str, str, list[str]]] = {
    "arrival": ("visit", "start", [
        r"arriv\w*", r"welcom\w*", r"(?:is|are|was|were) due (?:in|to arrive)", r"landed", r"touch(?:ed|es) down",
        r"прибы\w*", r"прибуд\w*", r"прилет\w*", r"прилёт\w*", r"встреча\w* в аэропорту",
    ]),
    "departure": ("visit", "end", [
        r"wrap(?:ped|s)? up", r"conclud\w*", r"depart\w*", r"leaves", r"left", r"leaving", r"(?:ended|ends|end of) (?:his|her|their|the) (?:visit|trip|tour)",
        r"заверши\w*", r"покину\w*", r"покида\w*", r"отбы\w*", r"вылете\w*",
    ]),
    "visit": ("visit", "whole", [
        r"visit\w*", r"trip\w*", r"travel\w*", r"tour(?:s|ed|ing)?", r"flew", r"flies", r"(?:will|would) be in",
        r"stay(?:ed|s)? in", r"визит\w*", r"посети\w*", r"посещ\w*", r"поездк\w*", r"находи\w* в", r"пребыва\w*", r"побыва\w*",
    ]),
    # Going home after a trip is not a part of the visit abroad: its own family.
    "return": ("return", "whole", [r"return(?:ed|ing|s)?(?=\s+(?:home|to)\b)", r"вернул\w*", r"возвраща\w*", r"возвращени\w*"]),
    # Happenings of public life beyond diplomacy; each its own family, so a strike and a
    # rate decision on one day are never one event.
    "strike": ("labour", "whole", [
        r"strike(?:s|d)?(?!\s+down)", r"striking", r"struck(?!\s+down)", r"walk-?outs?", r"забастовк\w*", r"бастуют", r"бастова\w*",
    ]),
    "opening": ("opening", "whole", [
        r"inaugurat(?:ed|es|ing)", r"cut the ribbon", r"open(?:ed|s)?(?=\s+(?:the|a|an|its|their)?\s*(?:[\w'’-]+\s+){0,3}"
        r"(?:line|hospital|bridge|road|station|airport|port|plant|factory|school|museum|metro|railway|route|terminal|stadium)s?\b)",
        r"открыл\w*(?=\s+(?:\w+\s+){0,3}(?:лини\w*|больниц\w*|мост\w*|дорог\w*|станци\w*|аэропорт\w*|завод\w*|метро))", r"откро\w*(?=\s+(?:\w+\s+){0,3}(?:лини\w*|больниц\w*|мост\w*|дорог\w*|станци\w*|аэропорт\w*|завод\w*|метро))",
    ]),
    "rate decision": ("monetary", "whole", [
        r"(?:raise[sd]?|rais(?:ing)|cut(?:s|ting)?|lower(?:ed|s)?|h[ie]ld|kept|hike[sd]?)\s+(?:its\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}rates?",
        r"rate (?:decision|hike|cut|increase)s?", r"(?:half|quarter)-point (?:hike|cut|increase)", r"hikes?",
        r"(?:next|rate|policy) decision", r"(?:another|further) (?:rate )?(?:increase|hike|cut)s?", r"(?:central )?bank meets",
        r"повыси\w*(?:\s+\w+)?\s+ставк\w*", r"снизи\w*(?:\s+\w+)?\s+ставк\w*", r"следующее решение(?: будет принято)?",
    ]),
    "tenure": ("office", "whole", [r"served as", r"(?:был|была|были)\s+(?:министр|президент|премьер|мэр|губернатор)\w*"]),
    "independence": ("independence", "whole", [r"independence", r"независимост\w*"]),
    "inauguration": ("office", "whole", [
        r"sworn in", r"swearing-in", r"inauguration", r"took office", r"take office", r"инаугураци\w*", r"вступ\w* в должность",
    ]),
    "signing": ("diplomacy", "whole", [
        r"sign\w*", r"ink(?:ed|s)?", r"put (?:their|his|her) names? to", r"agreements? (?:was |were )?reached", r"conclu\w* an? agreement",
        r"подпис\w*", r"заключ\w*",
    ]),
    "summit": ("diplomacy", "whole", [r"summit\w*", r"саммит\w*"]),
    "meeting": ("diplomacy", "whole", [
        r"meet\w*", r"met", r"talks", r"talked", r"discuss\w*", r"обсуд\w*", r"обсужда\w*", r"negotiat\w*", r"round of", r"(?:second|third|next|first) round", r"ministerial", r"conference",
        r"встреч\w*", r"встрети\w*", r"переговор\w*", r"раунд\w*", r"совещани\w*", r"конференци\w*",
        r"заседани\w*", r"собер[её]тся", r"соберутся", r"собрал\w*", r"convene\w*",
    ]),
    "call": ("call", "whole", [
        r"(?:tele)?phone (?:call|conversation|talk)s?", r"spoke by phone", r"call(?:ed)? (?:with|to)", r"телефонн\w* разговор\w*", r"созвони\w*",
    ]),
    "letter": ("letter", "whole", [r"letters?", r"письм\w*", r"послани\w*"]),
    "award": ("award", "whole", [r"award\w*", r"prize\w*", r"honou?red", r"recogni[sz]ed with", r"наград\w*", r"преми\w*"]),
    "election": ("election", "whole", [
        r"elect(?:ed|ion|ions)", r"(?:re-)?elected", r"выбор\w*", r"избра\w*",
        # declaring the winner is the election's result, not an announcement of its own
        r"declared\s+(?:\w+\s+){0,3}(?:the\s+)?winner", r"объяви\w*\s+(?:\w+\s+){0,3}победител\w*",
        # "the vote on Aug. 12": the polling day, apart from the day the result is declared
        r"(?:the|a|general|presidential|parliamentary|popular)\s+vote", r"voting", r"ballot(?:ing)?", r"голосовани\w*",
    ]),
    "announcement": ("announcement", "whole", [
        r"announc\w*", r"(?:in|a) post", r"posted", r"statement", r"объяви\w*", r"заяви\w*", r"заявлени\w*",
        # a speech verb right before a date dates the saying: "the ministry said on Wednesday"
        r"(?:said|says|told\s+\w+)(?=\s+(?:on|late\s+on|early\s+on|yesterday|today|last|this)\b)",
        r"сообщи\w*(?=\s+(?:вчера|сегодня|накануне|во?\s))",
    ]),
    "construction": ("construction", "whole", [r"construct\w*", r"build\w*", r"built", r"строительств\w*", r"постро\w*", r"стро(?:ит|ят)\w*"]),
    "relations": ("relations", "whole", [
        r"(?:diplomatic|bilateral) (?:ties|relations)", r"установ\w* дипломатическ\w* отношени\w*", r"дипломатическ\w* отношени\w*",
    ]),
    "establishment": ("establishment", "whole", [r"set up", r"establish\w*", r"found(?:ed|ing)", r"creat(?:ed|ion)", r"созда\w*", r"учрежд\w*", r"основа\w*"]),
    "adoption": ("law", "whole", [r"adopt\w*", r"enact\w*", r"introduc\w*", r"passed", r"приня\w*", r"приним\w*"]),
    "reception": ("reception", "whole", [r"reception\w*", r"ceremon\w*", r"приём\w*", r"прием\w*", r"церемони\w*"]),
}

# Nouns that name a document; a sentence that dates a document without a verb
# ("six months later, the charter became reality") dates its signing.
DOCUMENT_WORDS = re.compile(
    r"\b(?:charter|memorand\w*|declaration|agreement|treaty|accord|deal|convention|protocol|"
    r"харти\w*|меморандум\w*|деклараци\w*|соглашени\w*|договор\w*|конвенци\w*|протокол\w*)\b",
    re.IGNORECASE,
)

_PHASE_WORDS = {
    "start": re.compile(r"\b(?:arriv\w*|welcom\w*|began|begins|start\w*|kick\w* off|opened|прибы\w*|начал\w*|прилет\w*)\b", re.I),
    "end": re.compile(r"\b(?:wrap\w* up|conclud\w*|ended|ends|end of|leaves|left|depart\w*|заверши\w*|покину\w*|отбы\w*)\b", re.I),
}

# Roles, most specific first so "vice president" is not read as "president".
_ROLES: list[tuple[str, str]] = [
    ("vice president", r"vice[- ]president\w*|вице-президент\w*"),
    ("deputy secretary of state", r"deputy secretary of state|заместител\w* госсекретар\w*"),
    ("secretary of state", r"secretary of state|госсекретар\w*"),
    ("prime minister", r"prime minister\w*|премьер-министр\w*|премьер\w*"),
    ("foreign minister", r"foreign minister\w*|minister of foreign affairs|министр\w* иностранных дел"),
    ("president", r"president\w*|президент\w*"),
    ("head of state", r"head of state|глав\w* государств\w*"),
]

PRECEDENT_NEVER = "never"  # "never before", "the first ever", "впервые"
PRECEDENT_SINCE = "since"  # "the first ... since 2008"
PRECEDENT_ONCE = "once"  # "only once before"

_PRECEDENTS: list[tuple[str, str]] = [
    (PRECEDENT_SINCE, r"first\b[^.;]{0,80}?\bsince\b|впервые\s+с\b|впервые\s+после\b"),
    (PRECEDENT_ONCE, r"only once before|only one (?:previous|earlier)|лишь однажды|только однажды|единственный раз"),
    (PRECEDENT_NEVER, r"never before|first[- ]ever|for the first time ever|the first time in history|most senior\b[^.;]{0,80}\bever|"
                      r"никогда (?:ранее|прежде|раньше)|впервые в истории|"
                      # "the first visit by a Chilean foreign minister to Vietnam", "the first by a ...":
                      # a first of its kind by a holder of an office (never "not the first")
                      r"(?<!not )(?<!isn't )the first (?:(?:official |state |working )?(?:visit|trip)s? )?(?:by|of) an?(?= )|"
                      r"(?<!не )перв\w+ (?:официальн\w+ )?(?:визит|поездк)\w*(?=(?: \w+){0,4} во? )"),
]


@dataclass(frozen=True)
class Happening:
    start: int
    end: int
    kind: str
    family: str
    phase: str


@dataclass(frozen=True)
class Precedent:
    start: int
    end: int
    kind: str  # PRECEDENT_NEVER / _SINCE / _ONCE


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


_HAPPENING_RES = [(kind, family, phase, _compile(patterns)) for kind, (family, phase, patterns) in _HAPPENINGS.items()]
_ROLE_RES = [(role, _compile([pattern])) for role, pattern in _ROLES]
_PRECEDENT_RES = [(kind, _compile([pattern])) for kind, pattern in _PRECEDENTS]


def find_happenings(text: str, start: int = 0, end: int | None = None) -> list[Happening]:
    """Every happening word in text[start:end], offsets into `text`.

    >>> [h.kind for h in find_happenings("The minister arrived in Lima and signed the charter.")]
    ['arrival', 'signing']
    """
    end = len(text) if end is None else end
    found: list[Happening] = []
    taken: list[tuple[int, int]] = []
    for kind, family, phase, pattern in _HAPPENING_RES:
        for match in pattern.finditer(text, start, end):
            span = (match.start(), match.end())
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue  # the earlier (more specific) kind already claimed these words
            taken.append(span)
            found.append(Happening(span[0], span[1], kind, family, phase))
    return sorted(found, key=lambda h: h.start)


def phase_near(text: str, start: int, end: int) -> str:
    """"start"/"end" when a phase word sits in text[start:end], else ""."""
    for phase, pattern in _PHASE_WORDS.items():
        if pattern.search(text, start, end):
            return phase
    return ""


def find_roles(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    found: list[tuple[int, int, str]] = []
    for role, pattern in _ROLE_RES:
        for match in pattern.finditer(text, start, end):
            if not any(match.start() < b and a < match.end() for a, b, _ in found):
                found.append((match.start(), match.end(), role))
    return sorted(found)


def find_precedents(text: str, start: int = 0, end: int | None = None) -> list[Precedent]:
    """Phrases that claim something never, or only so often, happened before.

    >>> [p.kind for p in find_precedents("Never before has a vice president visited.")]
    ['never']
    """
    end = len(text) if end is None else end
    found: list[Precedent] = []
    for kind, pattern in _PRECEDENT_RES:
        for match in pattern.finditer(text, start, end):
            if not any(match.start() < p.end and p.start < match.end() for p in found):
                found.append(Precedent(match.start(), match.end(), kind))
    return found
