"""The quality gates on the shipped corpus, through the whole pipeline (analyze_corpus).

.ci/run scores ../shared/corpus the same way; this keeps `make test` honest on
its own with the copy in fixtures/.
"""

import json
from pathlib import Path

from django.core.management import call_command

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def test_the_pipeline_meets_the_quality_gates_on_the_corpus(capsys):
    call_command("evaluate", str(CORPUS), "--json", "--no-baseline", "--gate")
    scores = json.loads(capsys.readouterr().out)["product"]
    assert scores["precision"] >= 0.97 and scores["recall"] >= 0.97 and scores["value_accuracy"] >= 0.97
    assert scores["linking_precision"] >= 0.9 and scores["linking_recall"] >= 0.9
    assert scores["findings_recall"] == 1.0
    assert scores["false_alarms"] == [] and scores["must_not_flag_violations"] == []


def test_analyze_corpus_writes_the_analysis_format(tmp_path):
    out = tmp_path / "analysis.json"
    call_command("analyze_corpus", str(CORPUS), "--out", str(out))
    analysis = json.loads(out.read_text(encoding="utf-8"))
    by_file = {a["file"]: a for a in analysis["articles"]}
    assert len(by_file) == 12
    assert by_file["dev-105.txt"]["published_at"] is None and by_file["dev-105.txt"]["published_at_source"] == "none"
    yesterday = next(c for c in by_file["004_391f118a3ae962ac.txt"]["claims"] if c["text"] == "yesterday")
    assert (yesterday["value_start"], yesterday["value_end"], yesterday["granularity"]) == ("2026-02-10", "2026-02-10", "day")
    text = (CORPUS / "articles" / "004_391f118a3ae962ac.txt").read_text(encoding="utf-8")
    assert text[yesterday["start"] : yesterday["end"]] == "yesterday"
    assert yesterday["sentence_start"] <= yesterday["start"] < yesterday["end"] <= yesterday["sentence_end"]
    events = {e["id"]: e for e in analysis["events"]}
    assert yesterday["event"] in events and yesterday["id"] in events[yesterday["event"]]["claims"]
    kinds = {f["kind"] for f in analysis["findings"] if f["status"] == "open"}
    assert {"date_conflict", "weekday_mismatch", "precedent_conflict", "duration_mismatch", "unresolved_date"} <= kinds
