"""Development score of linking and the checks on a corpus folder, without Django.

    .venv/bin/python -m evaluation.devscore_linking /work/shared/corpus [--gold-claims] [-v]

With --gold-claims the claims are built from gold.json's timexes (so linking
and the checks can be measured apart from extraction); otherwise they come
from claims.extraction.extract with the metadata of articles.json. It prints
event-linking pairwise precision/recall, every gold finding matched or missed,
every medium/high finding that matches no gold finding, and must-not-flag
violations. The shared evaluation (evaluation.scoring) remains the reference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from claims.extraction.types import ArticleText, Granularity, Interval, Offset, Resolution, TemporalClaim
from timeline.analysis.checks import run_checks
from timeline.analysis.consensus import consensus
from timeline.analysis.entities import load_default_aliases
from timeline.analysis.linking import link_claims
from timeline.analysis.text import sentence_spans
from timeline.analysis.types import ClaimRecord, EventView, Severity

_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_OFFSET = re.compile(
    r"(?:(?P<hedge>exactly|about|nearly|almost|roughly|some)\s+)?(?P<n>\d+|\w+)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>after|later|before|earlier|ago)",
    re.IGNORECASE,
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RELATIVE = re.compile(
    r"\b(?:yesterday|tomorrow|today|last|next|this|ago|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|накануне|вчера|завтра|сегодня",
    re.IGNORECASE,
)


def _interval(value: str, granularity: str | None) -> Interval:
    def bounds(part: str) -> tuple[date, date]:
        bits = [int(b) for b in part.split("-")]
        if len(bits) == 3:
            return date(*bits), date(*bits)
        if len(bits) == 2:
            nxt = date(bits[0] + bits[1] // 12, bits[1] % 12 + 1, 1)
            return date(bits[0], bits[1], 1), date.fromordinal(nxt.toordinal() - 1)
        return date(bits[0], 1, 1), date(bits[0], 12, 31)

    first, _, last = value.partition("/")
    start, end = bounds(first)[0], bounds(last or first)[1]
    default = Granularity.DAY if len(first) == 10 else Granularity.MONTH if len(first) == 7 else Granularity.YEAR
    return Interval(start, end, Granularity(granularity) if granularity else default)


def _offset(text: str, sentence: str, after_claim: str) -> Offset | None:
    match = _OFFSET.search(text)
    if not match:
        return None
    n = match.group("n").lower()
    amount = int(n) if n.isdigit() else _NUMBERS.get(n)
    if amount is None:
        return None
    direction = match.group("dir").lower()
    sign = -1 if direction in ("before", "earlier", "ago") else 1
    anchor = after_claim.strip().rstrip(".") if direction in ("after", "before") else ""
    return Offset(sign * amount, match.group("unit").lower() + "s", (match.group("hedge") or "").lower(), anchor)


def _quoted(text: str, start: int, sentence_start: int) -> bool:
    before = text[sentence_start:start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("«") > before.count("»")


def gold_claims(text: str, timexes: list[dict]) -> list[TemporalClaim]:
    spans = sentence_spans(text)
    claims = []
    for t in timexes:
        if t["value"] is None:
            continue
        s_start, s_end = next(((a, b) for a, b in spans if a <= t["start"] < b), (t["start"], t["end"]))
        offset = _offset(t["text"], text[s_start:s_end], text[t["end"] : s_end])
        quoted = _quoted(text, t["start"], s_start)
        if t["value"] == "unresolved":
            interval, resolution = None, Resolution.UNRESOLVED
        elif offset is not None and offset.unit and t["text"].lower().split()[-1] != "ago":
            interval, resolution = None, Resolution.ANCHORED
        else:
            interval = _interval(t["value"], t["granularity"])
            resolution = Resolution.ANCHORED if quoted else Resolution.RELATIVE if _RELATIVE.search(t["text"]) else Resolution.ABSOLUTE
        lowered = t["text"].lower()
        weekday = next((i for i, w in enumerate(_WEEKDAYS) if w in lowered), None) if re.search(r"\d", lowered) else None
        granularity = Granularity(t["granularity"]) if t["granularity"] else interval.granularity if interval else Granularity.DAY
        claims.append(
            TemporalClaim(t["start"], t["end"], t["text"], s_start, s_end, interval, granularity, resolution, quoted, offset, weekday)
        )
    return claims


def _published(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def build_records(folder: Path, gold: dict, use_gold: bool) -> tuple[list[ClaimRecord], dict[int, str]]:
    meta = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    records: list[ClaimRecord] = []
    file_of: dict[int, str] = {}
    for article_id, item in enumerate(meta, start=1):
        text = (folder / "articles" / item["file"]).read_text(encoding="utf-8")
        published = _published(item["published_at"])
        if use_gold:
            claims = gold_claims(text, gold["articles"].get(item["file"], {}).get("timexes", []))
        else:
            from claims.extraction import extract

            extraction = extract(ArticleText(text=text, language=item["language"], published_at=published))
            claims, published = extraction.claims, extraction.published_at
        digest = hashlib.sha256(text.encode()).hexdigest()
        for claim in claims:
            if not claim.dates_a_happening:
                continue  # as timeline.records.claim_records does for the stored pipeline
            record = ClaimRecord(len(records) + 1, article_id, item["outlet"], published, text, claim, content_hash=digest)
            records.append(record)
            file_of[record.id] = item["file"]
    return records, file_of


def analyse(records: list[ClaimRecord]):
    groups = link_claims(records, load_default_aliases())
    by_id = {r.id: r for r in records}
    views = []
    for number, group in enumerate(groups, start=1):
        members = []
        for claim_id in group.claim_ids:
            record = by_id[claim_id]
            if claim_id in group.resolved:
                record = replace(record, claim=replace(record.claim, interval=group.resolved[claim_id], resolution=Resolution.ANCHORED))
            members.append(record)
        interval, status = consensus(members, group.phases)
        views.append(EventView(group.event_id or number, group.label, members, interval, status, dict(group.phases)))
    return groups, views, run_checks(views)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(folder: Path, use_gold: bool, verbose: bool) -> int:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    records, file_of = build_records(folder, gold, use_gold)
    groups, views, findings = analyse(records)
    event_of = {c: v.id for v in views for c in (r.id for r in v.claims)}
    slug_of: dict[int, str | None] = {}
    items = []
    for r in records:
        timexes = gold["articles"].get(file_of[r.id], {}).get("timexes", [])
        match = next((t for t in timexes if _overlaps((r.claim.start, r.claim.end), (t["start"], t["end"]))), None)
        slug_of[r.id] = match["event"] if match else None
        if match and match["event"] and not match["optional"]:
            items.append((match["event"], r.id))
    gold_pairs = [(a, b) for a, b in combinations(items, 2) if a[0] == b[0]]
    linked = [(a, b) for a, b in combinations(items, 2) if event_of[a[1]] == event_of[b[1]]]
    recall = sum(1 for a, b in gold_pairs if event_of[a[1]] == event_of[b[1]]) / max(1, len(gold_pairs))
    precision = sum(1 for a, b in linked if a[0] == b[0]) / max(1, len(linked))
    print(f"linking: precision {precision:.3f} recall {recall:.3f} ({len(gold_pairs)} gold pairs, {len(linked)} linked pairs)")
    slug_of_event = {}
    for v in views:
        votes = Counter(slug_of[r.id] for r in v.claims if slug_of[r.id])
        slug_of_event[v.id] = votes.most_common(1)[0][0] if votes else None
    if verbose:
        for v in views:
            print(f"  event {v.id} [{slug_of_event[v.id]}] {v.label} = {v.consensus} {v.status}")
            for r in v.claims:
                print(f"      {file_of[r.id]:26} {r.claim.text!r:32} {v.phases.get(r.id, '')!s:6} {slug_of[r.id]}")

    def matches(f, expected) -> bool:
        kinds = {expected["kind"], *expected.get("alt_kinds", [])}
        files = {file_of[c] for c in f.claim_ids}
        return f.kind in kinds and slug_of_event.get(f.event_id) == expected["event"] and bool(files & set(expected["articles"]))

    hits = 0
    for expected in gold["findings"]:
        found = next((f for f in findings if matches(f, expected)), None)
        hits += found is not None
        status = f"matched [{found.severity}] {found.message}" if found else "MISSED"
        print(f"  {expected['kind']:26} {expected['event']:30} {expected['articles'][0]:26} {status}")
    print(f"findings recall: {hits / max(1, len(gold['findings'])):.3f} ({hits}/{len(gold['findings'])})")
    alarms = [f for f in findings if f.severity in (Severity.MEDIUM, Severity.HIGH) and not any(matches(f, e) for e in gold["findings"])]
    print(f"false alarms (medium/high): {len(alarms)}")
    for f in alarms:
        print(f"  [{f.severity}] {f.kind} event {f.event_id}: {f.message}")
    violations = _must_not_flag(folder, gold, records, file_of, alarms)
    print(f"must_not_flag violations: {len(violations)}")
    for v in violations:
        print(f"  {v}")
    if verbose:
        for f in findings:
            print(f"  all: [{f.severity}] {f.kind} event {f.event_id} claims {f.claim_ids}: {f.message}")
    return 0


def _must_not_flag(folder: Path, gold: dict, records, file_of, alarms) -> list[str]:
    out = []
    for item in gold.get("must_not_flag", []):
        text = (folder / "articles" / item["article"]).read_text(encoding="utf-8")
        where = text.find(item["quote"])
        if where < 0:
            continue
        span = (where, where + len(item["quote"]))
        mine = [r for r in records if file_of[r.id] == item["article"]]
        touching = {r.id for r in mine if _overlaps((r.claim.start, r.claim.end), span) or r.claim.sentence_start <= span[0] < r.claim.sentence_end}
        timexes = gold["articles"].get(item["article"], {}).get("timexes", [])
        if not any(_overlaps((t["start"], t["end"]), span) for t in timexes) and any(_overlaps((r.claim.start, r.claim.end), span) for r in mine):
            out.append(f"{item['article']}: {item['quote']!r} was extracted as a date")
        out.extend(f"{item['article']}: {item['quote']!r} flagged by {f.kind}: {f.message}" for f in alarms if touching & set(f.claim_ids))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--gold-claims", action="store_true", help="build claims from gold.json instead of the extractor")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every event and finding")
    args = parser.parse_args(argv)
    return score(args.folder, args.gold_claims, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
