from django.apps import AppConfig


class WorkConfig(AppConfig):
    """Pending work kept in the database, and the doorbell that tells workers about it.

    The bottom layer: claims, timeline and the pipeline all write here; it imports none of them.
    """

    name = "work"
    default_auto_field = "django.db.models.BigAutoField"
