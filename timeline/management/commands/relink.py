from work.commands import RunCommand
from work.models import Run


class Command(RunCommand):
    help = (
        "Relink every claim from its text (a repair: after a change to the alias table or to linking, "
        "or after upgrading a store made before claims kept their profiles); the changed events are re-checked."
    )
    kind = Run.Kind.RELINK

    def done(self, result: dict) -> str:
        return f"relinked {result['claims']} claims; {result['events_touched']} events changed"
