"""A worker keeps its database connection between tasks, and drops it after a task that failed.

Opening one per task cost PostgreSQL a backend each time, most of its CPU under a burst of
articles (bench/ingest.py); a failed task may have been stopped mid-query, so its connection
is not trusted again.
"""

import pytest
from celery.signals import task_prerun
from django.conf import settings
from django.db import connection

from tests.test_real_worker import SIGNED_ON_THE_2ND, SIGNED_ON_THE_5TH, _ingest, _wait_for, worker  # noqa: F401

pytestmark = [
    pytest.mark.real_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs a broker: set CELERY_BROKER_URL (as .ci/run does)"),
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="backend ids are PostgreSQL's"),
]


@pytest.fixture
def backends(monkeypatch):
    """The PostgreSQL backend each task of the worker ran on, in order."""
    monkeypatch.setitem(settings.DATABASES["default"], "CONN_MAX_AGE", 60)  # as deployed; the tests' default is 0
    seen = []

    def record(task=None, **_):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            seen.append((task.name, cursor.fetchone()[0]))

    task_prerun.connect(record, weak=False)
    yield seen
    task_prerun.disconnect(record)
    with connection.cursor() as cursor:  # the stopped worker's kept connection would hold the test database open
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")


def test_tasks_share_one_connection_until_one_fails(backends, worker):  # noqa: F811
    first = _ingest(SIGNED_ON_THE_2ND, "2026-03-03T09:00:00+04:00", "https://wire.test/a")
    assert first.wait(90)
    second = _ingest(SIGNED_ON_THE_5TH, "2026-03-06T10:00:00+04:00", "https://ledger.test/b")
    assert second.wait(90)
    assert _wait_for(lambda: len(backends) >= 2)
    kept = {pid for _, pid in backends}
    assert len(kept) == 1, backends

    from factdb.celery import app

    app.tasks["pipeline.run_execute"].apply_async(args=["not a run id"])  # raises: a failed task
    third = _ingest(SIGNED_ON_THE_5TH.replace("March 5", "March 6"), "2026-03-07T10:00:00+04:00", "https://ledger.test/c")
    assert third.wait(90)
    failed_at = next(i for i, (name, _) in enumerate(backends) if name == "pipeline.run_execute")
    assert any(name == "pipeline.article_process" for name, _ in backends[failed_at + 1 :]), backends
    before, after = {pid for _, pid in backends[:failed_at + 1]}, {pid for _, pid in backends[failed_at + 1 :]}
    assert before == kept and after and not after & kept, backends
