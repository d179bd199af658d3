"""Dev harness: `python -m evaluation.devscore_extraction <corpus folder>`.

Runs `extract()` on every article with the metadata from articles.json and
prints precision, recall and value accuracy beside plain `search_dates`, then
every miss, false positive and wrong value.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from claims.extraction import extract
from claims.extraction.baseline import baseline_claims
from evaluation.extraction_scoring import ExtractionScore, claim_as_dict, match_claims
from claims.extraction.types import ArticleText


def parse_published(value: str | None) -> datetime | None:
    """ISO datetime with offset, or a bare date (then midnight, zone unknown, kept as UTC)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)


def load(folder: Path) -> list[tuple[dict, str]]:
    meta = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    return [(item, (folder / "articles" / item["file"]).read_text(encoding="utf-8")) for item in meta]


def run(folder: Path, with_baseline: bool = True) -> tuple[ExtractionScore, ExtractionScore | None, float]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    articles = load(folder)
    product, baseline = {}, {}
    started = time.perf_counter()
    for item, text in articles:
        extraction = extract(ArticleText(text, item.get("language") or "en", parse_published(item.get("published_at"))))
        product[item["file"]] = [claim_as_dict(c) for c in extraction.claims]
    elapsed = time.perf_counter() - started
    if with_baseline:
        for item, text in articles:
            baseline[item["file"]] = baseline_claims(text, item.get("language") or "en", parse_published(item.get("published_at")))
    return match_claims(product, gold), (match_claims(baseline, gold) if with_baseline else None), elapsed


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m evaluation.devscore_extraction <corpus folder> [--no-baseline]", file=sys.stderr)
        return 2
    product, baseline, elapsed = run(Path(argv[0]), "--no-baseline" not in argv)
    print(f"{'':16}{'factdb':>10}{'search_dates':>14}")
    for name in ("precision", "recall", "value_accuracy"):
        base = f"{getattr(baseline, name):.3f}" if baseline else "-"
        print(f"{name:<16}{getattr(product, name):>10.3f}{base:>14}")
    print(f"{'counts':<16}{product.correct}/{product.predicted} pred, {product.found}/{product.gold} gold, "
          f"{product.right_values} right values; extraction took {elapsed * 1000:.1f} ms")
    for title, score in (("factdb", product), ("search_dates baseline", baseline)):
        if score is None:
            continue
        lines = score.describe()
        print(f"\n{title}: {len(score.misses)} misses, {len(score.false_positives)} false positives, "
              f"{len(score.wrong_values)} wrong values")
        for line in lines:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
