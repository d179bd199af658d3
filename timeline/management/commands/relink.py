from django.core.management.base import BaseCommand, CommandError

from work.models import Run
from work.runs import run_request, run_wait


class Command(BaseCommand):
    help = (
        "Relink every claim from its text (a repair: after a change to the alias table or to linking, "
        "or after upgrading a store made before claims kept their profiles); the changed events are re-checked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="wait for the relink to finish, then print the counts")
        parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait with --wait (default 3600)")

    def handle(self, *args, wait, timeout, **options):
        run = run_request(kind=Run.Kind.RELINK)
        if not wait:
            self.stdout.write(f"queued run {run.id}")
            return
        run = run_wait(run, timeout=timeout)
        if run.state != Run.State.DONE:
            raise CommandError(f"relink run {run.id} did not finish: {run.state} {run.error}".strip())
        self.stdout.write(f"relinked {run.result['claims']} claims; {run.result['events_touched']} events changed")
