"""Scoring an analysis (shared/corpus/README.md format) against gold annotations.

Plain Python over the JSON dicts, so any analysis file can be scored. The
extraction scores come from evaluation.extraction_scoring; this module adds event
linking, findings, false alarms and must-not-flag violations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from evaluation.extraction_scoring import match_claims

HIGH = {"medium", "high"}


@dataclass
class Evaluation:
    extraction: object  # evaluation.extraction_scoring.ExtractionScore
    linking_precision: float = 0.0
    linking_recall: float = 0.0
    findings_recall: float = 0.0
    findings_missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    must_not_flag_violations: list[str] = field(default_factory=list)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _gold_slug_of_claims(analysis: dict, gold: dict) -> dict[int, str | None]:
    """claim id -> the gold event of the gold timex it overlaps (None if none)."""
    slug_of = {}
    for article in analysis["articles"]:
        timexes = gold["articles"].get(article["file"], {}).get("timexes", [])
        for claim in article["claims"]:
            match = next((t for t in timexes if _overlaps(claim["start"], claim["end"], t["start"], t["end"])), None)
            slug_of[claim["id"]] = match["event"] if match else None
    return slug_of


def _linking(analysis: dict, gold: dict) -> tuple[float, float]:
    event_of = {c["id"]: c.get("event") for a in analysis["articles"] for c in a["claims"]}
    # Each non-optional gold timex with an event, and the predicted claim on it.
    gold_items = []
    for article in analysis["articles"]:
        for timex in gold["articles"].get(article["file"], {}).get("timexes", []):
            if timex["optional"] or not timex["event"]:
                continue
            claim = next((c for c in article["claims"] if _overlaps(c["start"], c["end"], timex["start"], timex["end"])), None)
            gold_items.append((timex["event"], claim["id"] if claim else None))
    gold_pairs = [(a, b) for a, b in combinations(gold_items, 2) if a[0] == b[0]]
    found = sum(1 for a, b in gold_pairs if a[1] and b[1] and event_of.get(a[1]) is not None and event_of.get(a[1]) == event_of.get(b[1]))
    recall = found / len(gold_pairs) if gold_pairs else 1.0
    predicted_pairs = [
        (a, b) for a, b in combinations([g for g in gold_items if g[1]], 2) if event_of.get(a[1]) is not None and event_of.get(a[1]) == event_of.get(b[1])
    ]
    correct = sum(1 for a, b in predicted_pairs if a[0] == b[0])
    precision = correct / len(predicted_pairs) if predicted_pairs else 1.0
    return precision, recall


def _event_slugs(analysis: dict, slug_of: dict[int, str | None]) -> dict[int, str | None]:
    """product event id -> the gold event most of its claims belong to."""
    result = {}
    for event in analysis["events"]:
        votes = Counter(slug_of.get(c) for c in event["claims"] if slug_of.get(c))
        result[event["id"]] = votes.most_common(1)[0][0] if votes else None
    return result


def _finding_matches(finding: dict, expected: dict, event_slug: dict, file_of_claim: dict) -> bool:
    kinds = {expected["kind"], *expected.get("alt_kinds", [])}
    files = {file_of_claim.get(c) for c in finding["claims"]}
    return finding["kind"] in kinds and event_slug.get(finding["event"]) == expected["event"] and bool(files & set(expected["articles"]))


def _describe(finding: dict) -> str:
    return f"[{finding['severity']}] {finding['kind']} #{finding['id']}: {finding['message']}"


def evaluate(analysis: dict, gold: dict, texts: dict[str, str]) -> Evaluation:
    """`texts`: each article's raw text by file, to find must-not-flag quotes."""
    predicted = {a["file"]: a["claims"] for a in analysis["articles"]}
    extraction = match_claims(predicted, gold)
    slug_of = _gold_slug_of_claims(analysis, gold)
    event_slug = _event_slugs(analysis, slug_of)
    file_of_claim = {c["id"]: a["file"] for a in analysis["articles"] for c in a["claims"]}
    live = [f for f in analysis["findings"] if f.get("status", "open") == "open"]
    result = Evaluation(extraction=extraction)
    result.linking_precision, result.linking_recall = _linking(analysis, gold)

    expected = gold.get("findings", [])
    hits = 0
    for item in expected:
        if any(_finding_matches(f, item, event_slug, file_of_claim) for f in live):
            hits += 1
        else:
            result.findings_missed.append(f"{item['kind']} on {item['event']} in {', '.join(item['articles'])} ({item['quote']!r})")
    result.findings_recall = hits / len(expected) if expected else 1.0
    alarms = [f for f in live if f["severity"] in HIGH and not any(_finding_matches(f, e, event_slug, file_of_claim) for e in expected)]
    result.false_alarms = [_describe(f) for f in alarms]
    result.must_not_flag_violations = _must_not_flag(analysis, gold, texts, alarms)
    return result


def _must_not_flag(analysis: dict, gold: dict, texts: dict[str, str], alarms: list[dict]) -> list[str]:
    """A listed quote extracted though gold has no date there, or caught in a false alarm."""
    violations = []
    for item in gold.get("must_not_flag", []):
        article = next((a for a in analysis["articles"] if a["file"] == item["article"]), None)
        text = texts.get(item["article"]) or ""
        where = text.find(item["quote"])
        if article is None or where < 0:
            continue
        span = (where, where + len(item["quote"]))
        touching = {
            c["id"]
            for c in article["claims"]
            if _overlaps(c["start"], c["end"], *span) or c["sentence_start"] <= span[0] < c["sentence_end"]
        }
        at_quote = [c for c in article["claims"] if _overlaps(c["start"], c["end"], *span)]
        timexes = gold["articles"].get(item["article"], {}).get("timexes", [])
        no_date_there = not any(_overlaps(t["start"], t["end"], *span) for t in timexes)
        if no_date_there and at_quote:
            violations.append(f"{item['article']}: {item['quote']!r} was extracted as a date")
        for alarm in alarms:
            if touching & set(alarm["claims"]):
                violations.append(f"{item['article']}: {item['quote']!r} flagged by {_describe(alarm)}")
    return violations
