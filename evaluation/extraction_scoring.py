"""Extraction scores over analysis-format dicts (shared/corpus/README.md), pure functions.

    >>> gold = [{"start": 0, "end": 9, "text": "yesterday", "value": "2026-02-10", "optional": False}]
    >>> predicted = [{"start": 0, "end": 9, "text": "yesterday", "value_start": "2026-02-10",
    ...               "value_end": "2026-02-10", "resolution": "relative"}]
    >>> score = match_claims(predicted, gold)
    >>> (score.precision, score.recall, score.value_accuracy)
    (1.0, 1.0, 1.0)

A prediction matches a gold item when their spans overlap (one to one, the
largest overlaps first, non-optional gold first). Predictions on optional
items count for nothing; a gold value "unresolved" needs an unresolved
prediction; otherwise the predicted first and last day must equal gold's.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from claims.extraction.types import TemporalClaim


@dataclass
class ExtractionScore:
    predicted: int = 0  # predictions that count (not on an optional item)
    correct: int = 0  # of those, the ones on a non-optional gold item
    gold: int = 0  # non-optional gold items
    found: int = 0  # of those, the ones some prediction overlaps
    right_values: int = 0  # found items whose value is right
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    wrong_values: list[dict] = field(default_factory=list)
    precision: float = 1.0
    recall: float = 1.0
    value_accuracy: float = 1.0

    def __post_init__(self) -> None:
        self._finish()

    def _finish(self) -> None:
        self.precision = self.correct / self.predicted if self.predicted else 1.0
        self.recall = self.found / self.gold if self.gold else 1.0
        self.value_accuracy = self.right_values / self.found if self.found else 1.0

    def __add__(self, other: ExtractionScore) -> ExtractionScore:
        return ExtractionScore(
            predicted=self.predicted + other.predicted,
            correct=self.correct + other.correct,
            gold=self.gold + other.gold,
            found=self.found + other.found,
            right_values=self.right_values + other.right_values,
            misses=self.misses + other.misses,
            false_positives=self.false_positives + other.false_positives,
            wrong_values=self.wrong_values + other.wrong_values,
        )

    def describe(self) -> list[str]:
        """One line per miss, false positive and wrong value, for a person to read."""
        lines = [f"miss      {m.get('file', '')} {m['start']}-{m['end']} {m['text']!r} gold {m['value']}" for m in self.misses]
        lines += [
            f"false pos {p.get('file', '')} {p['start']}-{p['end']} {p.get('text', '')!r} -> {_shown(p)}"
            for p in self.false_positives
        ]
        lines += [
            f"wrong     {w.get('file', '')} {w['start']}-{w['end']} {w['text']!r} gold {w['gold']} got {w['predicted']}"
            for w in self.wrong_values
        ]
        return lines


def _shown(predicted: dict) -> str:
    if predicted.get("value_start") is None:
        return "unresolved"
    if predicted["value_start"] == predicted["value_end"]:
        return predicted["value_start"]
    return f"{predicted['value_start']}/{predicted['value_end']}"


def gold_interval(value: str) -> tuple[date, date]:
    """"2008" -> 2008-01-01..2008-12-31; "2025-08" -> the month; "A/B" -> A's first to B's last day."""
    first, _, last = value.partition("/")
    return _bounds(first)[0], _bounds(last or first)[1]


def _bounds(value: str) -> tuple[date, date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


def value_is_right(predicted: dict, gold_value: str) -> bool:
    if gold_value == "unresolved":
        return predicted.get("value_start") is None
    if predicted.get("value_start") is None:
        return False
    start, end = gold_interval(gold_value)
    return predicted["value_start"] == start.isoformat() and predicted["value_end"] == end.isoformat()


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def counts_as_date(predicted: dict) -> bool:
    """The corpus gold marks dates (DATE and TIME): durations, sets and vague references are left out."""
    return predicted.get("type", "DATE") in ("DATE", "TIME") and not str(predicted.get("timex") or "").endswith("_REF")


def _score_article(predicted: list[dict], gold: list[dict], file: str = "") -> ExtractionScore:
    predicted = [p for p in predicted if counts_as_date(p)]
    pairs = [
        (g["optional"], -_overlap(p, g), pi, gi)
        for pi, p in enumerate(predicted)
        for gi, g in enumerate(gold)
        if _overlap(p, g) > 0
    ]
    pairs.sort()
    gold_of: dict[int, int] = {}
    used_gold: set[int] = set()
    for _optional, _neg, pi, gi in pairs:
        if pi not in gold_of and gi not in used_gold:
            gold_of[pi] = gi
            used_gold.add(gi)
    optional_touched = {pi for _o, _n, pi, gi in pairs if gold[gi]["optional"]}
    score = ExtractionScore()
    for pi, p in enumerate(predicted):
        gi = gold_of.get(pi)
        if gi is not None and not gold[gi]["optional"]:
            score.predicted += 1
            score.correct += 1
        elif gi is None and pi in optional_touched:
            continue  # on an optional item: neither helps nor hurts
        elif gi is None:
            score.predicted += 1
            score.false_positives.append({"file": file, **p})
    for gi, g in enumerate(gold):
        if g["optional"]:
            continue
        score.gold += 1
        pi = next((pi for pi, matched in gold_of.items() if matched == gi), None)
        if pi is None:
            score.misses.append({"file": file, **g})
            continue
        score.found += 1
        if value_is_right(predicted[pi], g["value"]):
            score.right_values += 1
        else:
            score.wrong_values.append(
                {"file": file, "start": g["start"], "end": g["end"], "text": g["text"], "gold": g["value"],
                 "predicted": _shown(predicted[pi])}
            )
    score._finish()
    return score


def match_claims(predicted, gold) -> ExtractionScore:
    """Score one article (`predicted`: list of claim dicts, `gold`: its `timexes`) or a whole
    corpus (`predicted`: {file: [claim dicts]}, `gold`: the parsed gold.json)."""
    if isinstance(gold, dict):
        total = ExtractionScore()
        for file, annotated in gold["articles"].items():
            total = total + _score_article(predicted.get(file, []), annotated["timexes"], file)
        return total
    return _score_article(predicted, gold)


def claim_as_dict(claim: TemporalClaim) -> dict:
    """A claim in the analysis format (without id/event, which later stages add)."""
    interval = claim.interval
    return {
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "value_start": interval.start.isoformat() if interval else None,
        "value_end": interval.end.isoformat() if interval else None,
        "granularity": claim.granularity.value,
        "resolution": claim.resolution.value,
        "type": claim.timex_type.value,
        "timex": claim.timex_value,
    }
