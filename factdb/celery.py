import os

from celery import Celery
from celery.signals import task_failure, task_postrun
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")

app = Celery("factdb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Celery's Django fixup closes the database connection around every task unless
# CELERY_DB_REUSE_MAX is set (it cannot tell a broken connection from a good one). A new
# connection costs PostgreSQL a backend and cold catalogue caches, and a burst of short
# tasks then spent most of PostgreSQL's CPU on that (bench/ingest.py). With the setting,
# connections are kept the way Django keeps them between requests (CONN_MAX_AGE, health
# checks), and closed after a task that failed: a time limit may have struck mid-query.
# (A task run in process, `make run` or a test, shares its caller's connection: left alone.)
@task_postrun.connect
def _keep_or_close_connections(sender=None, **_) -> None:
    if not _in_process(sender):
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()


@task_failure.connect
def _close_connections(sender=None, **_) -> None:
    if not _in_process(sender):
        for conn in connections.all(initialized_only=True):
            conn.close()


def _in_process(task) -> bool:
    return bool(getattr(getattr(task, "request", None), "is_eager", False))
