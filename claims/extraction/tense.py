"""Which way a year-less date or a lone weekday points: back (past) or ahead (future).

The marker nearest to the expression within its sentence decides: a future
marker ("will", "is due", "plans to", "upcoming", "expected"; "будет",
"планируется") points ahead, a past-tense verb back. With no marker at all
("The talks resume on March 10", a headline) the answer is `NEAREST`: the
caller takes whichever occurrence lies closer to the reference day.

A reporting verb after the date ("on Nov. 16, the company said") dates the
report and is skipped. A present-tense verb nearest to the date ("The reduced dividend is payable
Jan. 2") says neither way: `NEAREST`. A past form right after "be" or "is" ("is due to
be published in May", "when the case is heard in May") or after an article ("on a still
unspecified date") or a preposition ("in preferred shares"), or before "by" ("markets untouched
by the crisis"), is a participle and no marker at all. A past verb before a limit ("extended the
offer until Nov. 20", "effective Feb. 1") dates the decision, not the limit: `NEAREST`. A
future marker after "had (been)" ("had been due to expire Friday", "was planned", "were planning
to") is a plan made in the past, for either side of the writing: `NEAREST`, and the auxiliary is
no past of its own; so is an infinitive between a past verb and the date ("voted to sell the
plant in April"). A date that opens its sentence ("In September, it announced ...") takes the
tense of the verb after it. A marker past a word that opens another clause ("warnings on Monday
that it could fail") is that clause's tense.
"""

from __future__ import annotations

import re

from claims.extraction.patterns import Patterns

PAST = -1
FUTURE = 1
NEAREST = 0


def direction(text: str, sentence: tuple[int, int], start: int, end: int, patterns: Patterns) -> int:
    best_distance, best, best_end = None, NEAREST, 0
    next_clause = _next_clause(text, end, sentence[1], patterns)
    markers = [(patterns.future, FUTURE), (patterns.past, PAST)]
    if patterns.present is not None:
        markers.append((patterns.present, NEAREST))
    for regex, value in markers:
        for match in regex.finditer(text, sentence[0], sentence[1]):
            if match.start() < end and match.end() > start:
                continue  # the expression's own words ("next" in "next week")
            if value == PAST and _is_participle(text, match.start(), match.end(), patterns):
                continue
            if value == PAST and _after_future(text, sentence[0], match, patterns):
                continue  # "will redeem preferred shares on Oct. 31": an adjective, no past verb
            if match.start() >= next_clause:
                continue  # "warnings on Thursday that strikes could...": the other clause's tense
            if value == PAST and _before_plan(text, match.end(), sentence[1], patterns):
                continue  # "were planning to": the plan marker after the auxiliary decides
            # "it had been due to expire Friday": a plan made in the past, for a day on either side
            # of the writing: the nearer occurrence
            kind = NEAREST if value == FUTURE and _is_past_plan(text, match.start(), patterns) else value
            if value == PAST and match.start() >= end and _is_reporting(match.group(), patterns) \
                    and "," in text[end : match.start()] and not _fronted(text, sentence[0], start):
                continue  # "... record Nov. 16, the company said": the report's tense, not the date's
                # (but "Bush on Tuesday said": the date's own verb)
            distance = start - match.end() if match.end() <= start else match.start() - end
            # on a tie the future marker (checked first) wins: "is planned" also matches "-ed"
            if best_distance is None or distance < best_distance:
                best_distance, best, best_end = distance, kind, match.end()
    if best == PAST and _is_deadline(text, start, patterns):
        return NEAREST  # "extended the offer to Nov. 20": the past verb dates the decision, not the limit
    if best == PAST and best_end <= start and _has_infinitive(text, best_end, start, patterns):
        return NEAREST  # "voted to buy the unit in February": a plan made in the past, for either side
    return best


def _next_clause(text: str, end: int, sentence_end: int, patterns: Patterns) -> int:
    """Where the clause after the date's own begins ("... on Thursday that ..."); the sentence end if none."""
    opener = patterns.clause_opener.search(text, end, sentence_end) if patterns.clause_opener is not None else None
    return opener.start() if opener is not None else sentence_end


def _before_plan(text: str, position: int, limit: int, patterns: Patterns) -> bool:
    """A past auxiliary right before a future marker ("were planning", "was expected")."""
    gap = _SPACE.match(text, position)
    return gap is not None and patterns.future.match(text, gap.end(), limit) is not None \
        and _is_past_plan(text, gap.end(), patterns)


_SPACE = re.compile(r"\s+")


def _has_infinitive(text: str, verb_end: int, start: int, patterns: Patterns) -> bool:
    infinitive = patterns.infinitive
    return infinitive is not None and infinitive.search(text, verb_end, start) is not None


def _is_deadline(text: str, start: int, patterns: Patterns) -> bool:
    lead = patterns.deadline_lead
    return lead is not None and lead.search(text, max(0, start - 20), start) is not None


def _fronted(text: str, sentence_start: int, start: int) -> bool:
    """"In September, it announced ...": the date opens its sentence, so the verb after it is its own."""
    return _OPENING.fullmatch(text, sentence_start, start) is not None


# at most one word (a preposition) before the date at the start of the sentence
_OPENING = re.compile(r"\W*(?:\w+\s+)?")


def _is_reporting(word: str, patterns: Patterns) -> bool:
    return patterns.reporting is not None and patterns.reporting.fullmatch(word) is not None


def _is_past_plan(text: str, position: int, patterns: Patterns) -> bool:
    lead = patterns.past_plan_lead
    return lead is not None and lead.search(text, max(0, position - 12), position) is not None


def _after_future(text: str, sentence_start: int, match: re.Match, patterns: Patterns) -> bool:
    """An "-ed" form before a noun with a modal before it in its own clause ("will redeem preferred
    shares"): no past verb can follow "will" there, so it is an adjective."""
    adjective, modals, scope_break = patterns.adjective_pasts, patterns.modals, patterns.modal_scope_break
    adjective_match = adjective.match(text, match.start()) if adjective is not None else None
    if adjective_match is None or adjective_match.end() != match.end() or modals is None:
        return False
    for future in modals.finditer(text, sentence_start, match.start()):
        between = text[future.end() : match.start()]
        if (scope_break is None or scope_break.search(between) is None) and (
            patterns.clause_opener is None or patterns.clause_opener.search(between) is None
        ):
            return True
    return False


def _is_participle(text: str, position: int, end: int, patterns: Patterns) -> bool:
    lead, tail = patterns.participle_lead, patterns.participle_tail
    return (lead is not None and lead.search(text, max(0, position - 16), position) is not None) \
        or (tail is not None and tail.match(text, end) is not None)
