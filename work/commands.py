"""A management command that queues a whole-store run and, with --wait, follows it to the end."""

from django.core.management.base import BaseCommand, CommandError

from work.models import Run
from work.runs import run_request, run_wait


class RunCommand(BaseCommand):
    kind: str = ""

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="wait for the run to finish, then print the counts")
        parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait with --wait (default 3600)")

    def handle(self, *args, wait, timeout, **options):
        run = run_request(kind=self.kind)
        if not wait:
            self.stdout.write(f"queued run {run.id}")
            return
        run = run_wait(run, timeout=timeout)
        if run.state != Run.State.DONE:
            raise CommandError(f"{self.kind} run {run.id} did not finish: {run.state} {run.error}".strip())
        self.stdout.write(self.done(run.result))

    def done(self, result: dict) -> str:
        raise NotImplementedError
