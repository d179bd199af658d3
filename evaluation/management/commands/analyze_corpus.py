import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from claims.corpus import read_corpus
from claims.models import Article
from claims.services import body_hash
from factdb.errors import FactdbError
from evaluation.export import analysis


def run_analysis(path: str, out: str) -> None:
    """Run the whole pipeline on a corpus folder in a throwaway SQLite database.

    A child process gets its own settings (a fresh database file, tasks in
    process), so the caller's database is never touched.
    """
    try:
        read_corpus(path)  # fail fast, with the loader's message, before any work
    except FactdbError as exc:
        raise CommandError(exc.message) from None
    with tempfile.TemporaryDirectory(prefix="factdb-analysis-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'analysis.sqlite3'}",
            "CELERY_BROKER_URL": "",
            "CELERY_RESULT_BACKEND": "",
            "FACTDB_DEBUG": "1",
            "FACTDB_THROWAWAY_DB": "1",
        }
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        for argv in (["migrate", "--noinput", "-v", "0"], ["analyze_corpus", path, "--out", out]):
            done = subprocess.run([sys.executable, manage, *argv], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise CommandError(f"{' '.join(argv[:1])} failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")


class Command(BaseCommand):
    help = "Run the whole pipeline on a corpus folder in a throwaway database and write the analysis JSON."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--out", required=True, help="where to write the analysis JSON")

    def handle(self, *args, path, out, **options):
        if os.environ.get("FACTDB_THROWAWAY_DB") != "1":
            run_analysis(path, out)
            self.stdout.write(f"wrote {out}")
            return
        call_command("ingest_corpus", path, stdout=self.stderr)
        corpus = read_corpus(path)
        by_hash = {a.content_hash: a.id for a in Article.objects.all()}
        # Ingestion keys a text by its hash with the ends stripped (claims.services.body_hash).
        hashes = {body_hash(item.text): item.file for item in corpus}
        file_of = {by_hash[digest]: file for digest, file in hashes.items() if digest in by_hash}
        Path(out).write_text(json.dumps(analysis(file_of), indent=1, ensure_ascii=False), encoding="utf-8")
