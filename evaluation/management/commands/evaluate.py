import tempfile
from dataclasses import asdict, is_dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.corpus import read_corpus
from claims.extraction.baseline import baseline_claims
from evaluation.extraction_scoring import match_claims
from evaluation.management.commands.analyze_corpus import run_analysis
from claims.published import parse_published_at
from factdb.errors import FactdbError
from evaluation.scoring import evaluate
from factdb.progress import progress

# The quality gates CI enforces (issue targets); --gate makes a miss exit non-zero.
GATES = {
    "precision": 0.97,
    "recall": 0.97,
    "value_accuracy": 0.97,
    "linking_precision": 0.9,
    "linking_recall": 0.9,
    "findings_recall": 1.0,
}


def _baseline_claims(corpus) -> dict[str, list[dict]]:
    """Plain search_dates on each article, relative to its metadata publication time."""
    result = {}
    for item in progress(corpus, label="baseline"):
        published_at, _ = parse_published_at(item.published_at)
        result[item.file] = baseline_claims(item.text, item.language, published_at)
    return result


def _plain(value):
    if is_dataclass(value):
        return asdict(value)
    return value


class Command(BaseCommand):
    help = "Score the pipeline on a corpus folder against its gold.json, beside plain search_dates."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the scores as JSON")
        parser.add_argument("--gate", action="store_true", help="exit non-zero when a score is below its gate")
        parser.add_argument("--no-baseline", action="store_true", help="skip the (slow) dateparser baseline")

    def handle(self, *args, path, json: bool, gate: bool, no_baseline: bool, **options):
        import json as jsonlib

        gold_path = Path(path) / "gold.json"
        if not gold_path.is_file():
            raise CommandError(f"{path} has no gold.json")
        gold = jsonlib.loads(gold_path.read_text(encoding="utf-8"))
        try:
            corpus = read_corpus(path)
        except FactdbError as exc:
            raise CommandError(exc.message) from None
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "analysis.json"
            run_analysis(path, str(out))
            analysis = jsonlib.loads(out.read_text(encoding="utf-8"))
        texts = {item.file: item.text for item in corpus}
        result = evaluate(analysis, gold, texts)
        baseline = None if no_baseline else match_claims(_baseline_claims(corpus), gold)
        scores = self._scores(result)
        if json:
            self.stdout.write(jsonlib.dumps({"product": {**scores, **_plain(result)}, "baseline": _plain(baseline)}, indent=1, default=str))
        else:
            self._print(result, scores, baseline)
        failed = [f"{name} {scores[name]:.3f} < {limit}" for name, limit in GATES.items() if scores[name] < limit]
        if result.false_alarms:
            failed.append(f"{len(result.false_alarms)} medium/high false alarm(s)")
        if result.must_not_flag_violations:
            failed.append(f"{len(result.must_not_flag_violations)} must-not-flag violation(s)")
        if gate and failed:
            raise CommandError("below the quality gates: " + "; ".join(failed))

    @staticmethod
    def _scores(result) -> dict[str, float]:
        extraction = result.extraction
        return {
            "precision": extraction.precision,
            "recall": extraction.recall,
            "value_accuracy": extraction.value_accuracy,
            "linking_precision": result.linking_precision,
            "linking_recall": result.linking_recall,
            "findings_recall": result.findings_recall,
        }

    def _print(self, result, scores, baseline):
        self.stdout.write("                      factdb   search_dates")
        for name in ("precision", "recall", "value_accuracy"):
            base = f"{getattr(baseline, name):.3f}" if baseline else "-"
            self.stdout.write(f"{name:<20} {scores[name]:>8.3f}   {base:>8}")
        for name in ("linking_precision", "linking_recall", "findings_recall"):
            self.stdout.write(f"{name:<20} {scores[name]:>8.3f}")
        self.stdout.write(f"false alarms (medium/high): {len(result.false_alarms)}")
        self.stdout.write(f"must-not-flag violations:   {len(result.must_not_flag_violations)}")
        for title, lines in (
            ("extraction misses", result.extraction.describe() if hasattr(result.extraction, "describe") else []),
            ("findings missed", result.findings_missed),
            ("false alarms", result.false_alarms),
            ("must-not-flag violations", result.must_not_flag_violations),
        ):
            if lines:
                self.stdout.write(f"\n{title}:")
                for line in lines:
                    self.stdout.write(f"  {line}")
