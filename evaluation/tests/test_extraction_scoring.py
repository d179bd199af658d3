"""The scoring functions, and the extractor against the shared development corpus."""

from pathlib import Path

import pytest

from evaluation.devscore_extraction import run
from evaluation.extraction_scoring import gold_interval, match_claims

CORPUS = Path("/work/shared/corpus")


def gold(start, end, value, optional=False, text="x"):
    return {"start": start, "end": end, "text": text, "value": value, "optional": optional}


def predicted(start, end, value_start=None, value_end=None):
    return {"start": start, "end": end, "text": "x", "value_start": value_start, "value_end": value_end,
            "resolution": "unresolved" if value_start is None else "absolute"}


def test_it_reads_gold_values_as_the_intervals_they_cover():
    assert [str(d) for d in gold_interval("2008")] == ["2008-01-01", "2008-12-31"]
    assert [str(d) for d in gold_interval("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert [str(d) for d in gold_interval("2026-02-10/2026-02-11")] == ["2026-02-10", "2026-02-11"]


def test_it_matches_overlapping_spans_and_checks_the_whole_interval():
    score = match_claims(
        [predicted(0, 5, "2008-01-01", "2008-12-31"), predicted(10, 14, "2025-08-01", "2025-08-01")],
        [gold(1, 5, "2008"), gold(8, 20, "2025-08")],
    )
    assert (score.precision, score.recall, score.value_accuracy) == (1.0, 1.0, 0.5)
    assert score.wrong_values[0]["predicted"] == "2025-08-01"


def test_it_lets_optional_items_neither_help_nor_hurt():
    score = match_claims([predicted(0, 4, "2026-01-01", "2026-12-31"), predicted(50, 55)], [gold(0, 4, None, optional=True)])
    assert (score.predicted, score.correct, score.gold) == (1, 0, 0)
    assert score.precision == 0.0 and len(score.false_positives) == 1


def test_it_wants_unresolved_predicted_as_unresolved():
    score = match_claims([predicted(0, 9, "2026-02-10", "2026-02-10")], [gold(0, 9, "unresolved")])
    assert score.value_accuracy == 0.0
    assert match_claims([predicted(0, 9)], [gold(0, 9, "unresolved")]).value_accuracy == 1.0


def test_it_scores_a_whole_corpus_by_file():
    gold_json = {"articles": {"a.txt": {"timexes": [gold(0, 4, "2008")]}, "b.txt": {"timexes": [gold(0, 4, "2009")]}}}
    score = match_claims({"a.txt": [predicted(0, 4, "2008-01-01", "2008-12-31")]}, gold_json)
    assert (score.recall, score.precision) == (0.5, 1.0)
    assert score.misses[0]["file"] == "b.txt"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not mounted")
def test_it_meets_the_issue_targets_on_the_development_corpus():
    score, _baseline, _elapsed = run(CORPUS, with_baseline=False)
    assert score.precision >= 0.97
    assert score.recall >= 0.97
    assert score.value_accuracy >= 0.97
    # the one value only the event stage can fix: "exactly three weeks after <the signing>"
    assert [w["text"] for w in score.wrong_values] == ["exactly three weeks after"]
