from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.timeml import write_timeml
from claims.extraction.timexscore import factdb_timexes
from claims.management.commands.evaluate_timeml import read_timeml_folder


class Command(BaseCommand):
    help = "Write each TimeML document of IN_DIR to OUT_DIR with factdb's own TIMEX3 tags (DCT as the publication time)."

    def add_arguments(self, parser):
        parser.add_argument("in_dir")
        parser.add_argument("out_dir")

    def handle(self, *args, in_dir: str, out_dir: str, **options):
        docs = read_timeml_folder(in_dir)  # every document is read and checked before anything is written
        names = sorted(p.name for p in Path(in_dir).glob("*.tml"))
        out = Path(out_dir)
        if out.resolve() == Path(in_dir).resolve():
            raise CommandError("OUT_DIR must differ from IN_DIR: the gold documents are never overwritten")
        out.mkdir(parents=True, exist_ok=True)
        tags = 0
        for name, doc in zip(names, docs, strict=True):
            timexes = factdb_timexes(doc)
            tags += len(timexes)
            (out / name).write_text(write_timeml(doc, timexes), encoding="utf-8")
        self.stdout.write(f"wrote {len(docs)} documents with {tags} TIMEX3s to {out}")
