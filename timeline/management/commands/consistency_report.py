from django.core.management.base import BaseCommand

from timeline.reports import report_create


class Command(BaseCommand):
    help = "Run the full cross-check now and print the consistency report."

    def add_arguments(self, parser):
        parser.add_argument("--reuse", action="store_true", help="print tonight's stored report if there is one instead of a fresh run")

    def handle(self, *args, reuse, **options):
        from django.utils import timezone

        now = timezone.now()
        key = None if reuse else f"manual-{now:%Y%m%dT%H%M%S%f}"
        report, _ = report_create(now=now, force_new_key=key)
        self.stdout.write(report.text)
