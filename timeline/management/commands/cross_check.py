from work.commands import RunCommand
from work.models import Run


class Command(RunCommand):
    help = "Queue the full cross-check over every event; --wait blocks until it is done."
    kind = Run.Kind.CHECK

    def done(self, result: dict) -> str:
        return f"checked {result['events']} events; findings new {result['new']}, resolved {result['resolved']}"
