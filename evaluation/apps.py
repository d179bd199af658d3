from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Scoring factdb against gold annotations: the analysis export, the scorers, the dev harnesses and their commands.

    The top layer beside the pipeline: it reads claims and timeline, nothing reads it.
    """

    name = "evaluation"
