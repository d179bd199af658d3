from django.core.management.base import BaseCommand, CommandError

from work.models import Run
from work.runs import run_request, run_wait


class Command(BaseCommand):
    help = "Queue the full cross-check over every event; --wait blocks until it is done."

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="wait for the run to finish, then print the counts")
        parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait with --wait (default 3600)")

    def handle(self, *args, wait, timeout, **options):
        run = run_request(kind=Run.Kind.CHECK)
        if not wait:
            self.stdout.write(f"queued run {run.id}")
            return
        run = run_wait(run, timeout=timeout)
        if run.state != Run.State.DONE:
            raise CommandError(f"cross-check run {run.id} did not finish: {run.state} {run.error}".strip())
        r = run.result
        self.stdout.write(f"checked {r['events']} events; findings new {r['new']}, resolved {r['resolved']}")
