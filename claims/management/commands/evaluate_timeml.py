import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.timeml import parse_timeml
from claims.extraction.timexscore import evaluate_documents
from factdb.errors import FactdbError

_ROWS = (("factdb, all types", "factdb"), ("factdb, DATE only", "factdb_dates"),
         ("dateparser, all types", "dateparser"), ("dateparser, DATE only", "dateparser_dates"))


def read_timeml_folder(folder: str) -> list:
    """Every *.tml document of a folder, or a CommandError naming the first bad one."""
    root = Path(folder)
    if not root.is_dir():
        raise CommandError(f"{folder} is not a folder")
    paths = sorted(root.glob("*.tml"))
    if not paths:
        raise CommandError(f"{folder} has no .tml documents")
    docs = []
    for path in paths:
        try:
            docs.append(parse_timeml(path.read_text(encoding="utf-8")))
        except (FactdbError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"{path.name}: {getattr(exc, 'message', exc)}") from None
    return docs


class Command(BaseCommand):
    help = "Score factdb on the gold TIMEX3s of a TimeML folder (TempEval-3 rules), beside plain dateparser."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the scores as JSON")
        parser.add_argument("--no-baseline", action="store_true", help="skip the (slow) dateparser baseline")
        parser.add_argument("--errors", action="store_true", help="list misses, false positives and wrong values")
        parser.add_argument("--min-value-f1", type=float, default=None, help="exit non-zero below this value F1 (all types)")

    def handle(self, *args, path, json: bool, no_baseline: bool, errors: bool, min_value_f1, **options):
        result = evaluate_documents(read_timeml_folder(path), baseline=not no_baseline)
        summary = result.summary()
        if json:
            self.stdout.write(_json(summary))
        else:
            self.stdout.write(f"{result.documents} documents, {result.factdb.gold} gold TIMEX3s ({result.factdb_dates.gold} DATE)")
            self.stdout.write(f"{'':24} {'strict F1':>9} {'relaxed P':>9} {'relaxed R':>9} {'relaxed F1':>10} {'value acc':>9} {'value F1':>9}")
            for label, key in _ROWS:
                s = summary[key]
                if s is None:
                    continue
                self.stdout.write(
                    f"{label:24} {s['strict_f1']:9.3f} {s['relaxed_precision']:9.3f} {s['relaxed_recall']:9.3f} "
                    f"{s['relaxed_f1']:10.3f} {s['value_accuracy']:9.3f} {s['value_f1']:9.3f}"
                )
        if errors:
            score = result.factdb
            for t in score.misses:
                self.stdout.write(f"miss   {t.text!r} {t.type} {t.value} {t.mod}")
            for t in score.false_positives:
                self.stdout.write(f"extra  {t.text!r} {t.type} {t.value} {t.mod}")
            for g, s in score.wrong_values:
                self.stdout.write(f"wrong  {g.text!r} gold {g.type} {g.value} | {s.text!r} got {s.type} {s.value}")
        if min_value_f1 is not None and result.factdb.value_f1 < min_value_f1:
            raise CommandError(f"value F1 {result.factdb.value_f1:.3f} is below the floor {min_value_f1:.3f}")


def _json(summary: dict) -> str:
    return json.dumps(summary, indent=1)
