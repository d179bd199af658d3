"""TempEval-3 scoring of TIMEX3s, pure functions (UzZaman et al. 2013).

    >>> gold = [Timex(0, 9, "yesterday", "DATE", "1998-02-12")]
    >>> score = score_timexes([Timex(0, 9, "yesterday", "DATE", "1998-02-12")], gold)
    >>> (score.relaxed_f1, score.value_f1)
    (1.0, 1.0)

System and gold expressions are matched one to one by any overlap (relaxed;
the largest overlaps first) or by an identical span (strict). Value accuracy
is over the relaxed matches; value F1 counts a hit only where the value string
is equal, so it is relaxed F1 scaled by value accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.extraction.baseline import baseline_claims
from claims.extraction.extractor import extract
from claims.extraction.timeml import Timex, TimemlDoc, claim_timexes
from claims.extraction.types import ArticleText


@dataclass
class TimexScore:
    system: int = 0
    gold: int = 0
    strict: int = 0  # identical spans
    relaxed: int = 0  # one-to-one overlaps
    values: int = 0  # relaxed matches whose value string is equal
    misses: list[Timex] = field(default_factory=list)
    false_positives: list[Timex] = field(default_factory=list)
    wrong_values: list[tuple[Timex, Timex]] = field(default_factory=list)  # (gold, system)

    def __add__(self, other: TimexScore) -> TimexScore:
        return TimexScore(
            self.system + other.system, self.gold + other.gold, self.strict + other.strict,
            self.relaxed + other.relaxed, self.values + other.values, self.misses + other.misses,
            self.false_positives + other.false_positives, self.wrong_values + other.wrong_values,
        )

    def _f1(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.system if self.system else 1.0
        recall = hits / self.gold if self.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def relaxed_f1(self) -> float:
        return self._f1(self.relaxed)[2]

    @property
    def value_f1(self) -> float:
        return self._f1(self.values)[2]

    def summary(self) -> dict[str, float | int]:
        sp, sr, sf = self._f1(self.strict)
        rp, rr, rf = self._f1(self.relaxed)
        vp, vr, vf = self._f1(self.values)
        return {
            "system": self.system, "gold": self.gold,
            "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
            "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
            "value_accuracy": self.values / self.relaxed if self.relaxed else 1.0,
            "value_precision": vp, "value_recall": vr, "value_f1": vf,
        }


def score_timexes(system: list[Timex], gold: list[Timex]) -> TimexScore:
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_s, used_g = set(), set()
    score = TimexScore(system=len(system), gold=len(gold))
    for _overlap, i, j in pairs:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        s, g = system[i], gold[j]
        score.relaxed += 1
        score.strict += (s.start, s.end) == (g.start, g.end)
        if s.value == g.value:
            score.values += 1
        else:
            score.wrong_values.append((g, s))
    score.misses = [g for j, g in enumerate(gold) if j not in used_g]
    score.false_positives = [s for i, s in enumerate(system) if i not in used_s]
    return score


def only_dates(timexes: list[Timex]) -> list[Timex]:
    """The DATE subset (the *_REF values are DATEs in TimeML, and count here too)."""
    return [t for t in timexes if t.type == "DATE"]


def factdb_timexes(doc: TimemlDoc, language: str = "en") -> list[Timex]:
    """factdb's expressions in a TimeML document, the DCT as the publication time."""
    extraction = extract(ArticleText(text=doc.text, language=language, published_at=doc.published_at))
    return [t for c in extraction.claims for t in claim_timexes(c)]


def dateparser_timexes(doc: TimemlDoc) -> list[Timex]:
    """Plain `search_dates`, every hit a DATE with its day as the value."""
    return [
        Timex(c["start"], c["end"], c["text"], "DATE", c["value_start"])
        for c in baseline_claims(doc.text, "en", doc.published_at)
    ]


@dataclass
class Evaluation:
    factdb: TimexScore = field(default_factory=TimexScore)
    factdb_dates: TimexScore = field(default_factory=TimexScore)
    dateparser: TimexScore = field(default_factory=TimexScore)
    dateparser_dates: TimexScore = field(default_factory=TimexScore)
    documents: int = 0

    def summary(self) -> dict:
        result = {"documents": self.documents}
        for name in ("factdb", "factdb_dates", "dateparser", "dateparser_dates"):
            score = getattr(self, name)
            result[name] = None if score.system == 0 and score.gold == 0 else score.summary()
        return result


def evaluate_documents(docs: list[TimemlDoc], baseline: bool = True) -> Evaluation:
    """TE-3 scores of factdb (all types and DATE only) and, measured in the same run, plain dateparser."""
    result = Evaluation(documents=len(docs))
    for doc in docs:
        mine = factdb_timexes(doc)
        result.factdb += score_timexes(mine, doc.timexes)
        result.factdb_dates += score_timexes(only_dates(mine), only_dates(doc.timexes))
        if baseline:
            theirs = dateparser_timexes(doc)
            result.dateparser += score_timexes(theirs, doc.timexes)
            result.dateparser_dates += score_timexes(theirs, only_dates(doc.timexes))
    return result
