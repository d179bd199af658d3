from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from claims.corpus import CorpusProblems, read_corpus
from claims.published import parse_published_at
from claims.services import ArticleIn, article_ingest
from factdb.errors import FactdbError
from factdb.progress import progress


class Command(BaseCommand):
    help = "Ingest a corpus folder (articles.json + articles/*.txt) and run the pipeline on it."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--timeout", type=int, default=600, help="seconds to wait for the workers (with a broker)")

    def handle(self, *args, path, timeout, **options):
        # The whole folder is checked before anything is written: one line per problem.
        try:
            corpus = read_corpus(path, max_chars=settings.FACTDB_MAX_ARTICLE_CHARS)
        except CorpusProblems as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(exc.problems)} problem(s) in {path}; nothing was stored") from None
        try:
            inputs = [self._input(article) for article in corpus]
            # All or nothing: one bad article leaves the database as it was.
            with transaction.atomic():
                results = [self._ingest(article, data) for article, data in progress(list(zip(corpus, inputs)), label="ingesting", stream=self.stderr)]
        except FactdbError as exc:
            raise CommandError(f"{exc.message}; nothing was stored") from None
        except DatabaseError as exc:
            raise CommandError(f"the database refused the corpus ({exc.__class__.__name__}: {exc}); nothing was stored") from None
        created = sum(1 for r in results if r.created)
        self.stdout.write(f"ingested {len(results)} articles from {path} ({created} new, {len(results) - created} already stored)")
        waited = [r.wait(timeout) for r in progress([r for r in results if r.created], label="processing", stream=self.stderr)]
        failed = [r.article for r, ok in zip([r for r in results if r.created], waited) if not ok]
        for article in failed:
            article.refresh_from_db()
            self.stderr.write(f"article {article.id} ({article}) failed: {article.last_error or 'no result in time'}")
        if failed:
            raise CommandError(f"{len(failed)} article(s) failed to process")

    @staticmethod
    def _ingest(article, data: ArticleIn):
        try:
            return article_ingest(data=data)
        except FactdbError as exc:
            raise FactdbError(f"{article.file}: {exc.message}") from None

    @staticmethod
    def _input(article) -> ArticleIn:
        try:
            published_at, date_only = parse_published_at(article.published_at)
        except FactdbError as exc:
            raise FactdbError(f"{article.file}: {exc.message}") from None
        return ArticleIn(
            body=article.text,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            language=article.language,
            published_at=published_at,
            published_date_only=date_only,
        )
