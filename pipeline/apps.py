from django.apps import AppConfig


class PipelineConfig(AppConfig):
    """The order of the work (stages.py) and the tasks that run it; the top layer over claims and timeline."""

    name = "pipeline"

    def ready(self) -> None:
        # The doorbell sends tasks by name (work/doorbell.py); registering them here
        # means every process that rings, not only workers, knows them.
        from pipeline import tasks  # noqa: F401
