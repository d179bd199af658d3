from celery.result import AsyncResult
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.tasks import cross_check_all


class Command(BaseCommand):
    help = "Queue the full cross-check (sharded over the Celery workers); --wait blocks until it is done."

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="wait for every shard and the cross-event checks, then print the counts")
        parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait with --wait (default 3600)")

    def handle(self, *args, wait, timeout, **options):
        queued = cross_check_all.delay()
        if not wait:
            self.stdout.write(f"queued {queued.id}")
            return
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # Without a broker (tests, dev) the run was eager and is already over; its result is not stored.
            self.stdout.write(f"checked {queued.result['events']} events in {queued.result['shards']} shard(s)")
            return
        try:
            run = queued.get(timeout=timeout)
            done = AsyncResult(run["result_id"]).get(timeout=timeout)
        except Exception as exc:  # a timeout or a failed task: one line and a non-zero exit
            raise CommandError(f"cross-check did not finish: {type(exc).__name__}: {exc}") from exc
        self.stdout.write(
            f"checked {run['events']} events in {run['shards']} shard(s); cross-event findings new {done['new']}, resolved {done['resolved']}"
        )
