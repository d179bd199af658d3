import time

from django.core.management.base import BaseCommand, CommandError

from factdb.errors import FactdbError
from factdb.progress import progress
from integrations.models import FetchRequest
from integrations.services import FetchHints, fetch_request_create

FINISHED = (FetchRequest.State.DONE, FetchRequest.State.FAILED)


class Command(BaseCommand):
    help = "Add articles by URL: each page is fetched, read and run through the pipeline."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")
        parser.add_argument("--outlet", default="", help="the outlet's name (default: the site's host name)")
        parser.add_argument("--language", default="en")
        parser.add_argument("--timeout", type=int, default=300, help="seconds to wait for the workers (with a broker)")

    def handle(self, *args, urls, outlet, language, timeout, **options):
        hints = FetchHints(outlet=outlet, language=language)
        requests = []
        try:
            for url in urls:
                requests.append(fetch_request_create(url=url, hints=hints)[0])
        except FactdbError as exc:
            raise CommandError(f"{url}: {exc.message}") from None
        deadline = time.monotonic() + timeout
        failed = 0
        for fetch_request in progress(requests, label="fetching", stream=self.stderr):
            while fetch_request.state not in FINISHED and time.monotonic() < deadline:
                time.sleep(0.2)
                fetch_request.refresh_from_db()
            if fetch_request.state == FetchRequest.State.DONE:
                self.stdout.write(f"{fetch_request.url}: article {fetch_request.article_id} (date from {fetch_request.published_from or 'none'})")
            else:
                failed += 1
                reason = fetch_request.last_error or f"still {fetch_request.state} after {timeout} s"
                self.stderr.write(f"{fetch_request.url}: failed: {reason}")
        if failed:
            raise CommandError(f"{failed} of {len(requests)} URL(s) failed")
