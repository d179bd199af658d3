"""The cross-check sharded by event (Celery group + chord) against the in-process run.

The shipped corpus (fixtures/corpus) is ingested once per test: it produces
findings of every kind, including a date conflict that a suspect publication
time explains, which is the one per-event verdict that depends on other events.
"""

import threading
from io import StringIO
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from timeline import services, tasks
from timeline.analysis.checks import PER_EVENT_KINDS, run_checks
from timeline.models import Event, Finding
from timeline.records import aliases

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def _ingest():
    from claims.corpus import read_corpus
    from claims.management.commands.ingest_corpus import Command
    from claims.services import article_ingest

    return [article_ingest(data=Command()._input(article)) for article in read_corpus(str(CORPUS))]


@pytest.fixture
def corpus(request):
    """The corpus ingested, its pipeline tasks (extraction, linking, the checks) run."""
    if request.node.get_closest_marker("django_db").kwargs.get("transaction"):
        results = _ingest()  # on_commit fires at once outside a test transaction
    else:
        with request.getfixturevalue("django_capture_on_commit_callbacks")(execute=True):
            results = _ingest()
    assert all(r.wait(120) for r in results)


def _findings() -> dict[str, tuple]:
    return {
        f.fingerprint: (f.kind, f.severity, f.status, f.event_id, f.message, tuple(sorted(f.claims.values_list("id", flat=True))))
        for f in Finding.objects.all()
    }


def _one_pass_drafts() -> dict[str, tuple]:
    """What the old single pass (run_checks over every event at once) produces."""
    views = [services.event_view(e) for e in Event.objects.all()]
    return {d.fingerprint: (str(d.kind), str(d.severity), "open", d.event_id, d.message, tuple(sorted(d.claim_ids))) for d in run_checks(views, aliases())}


@pytest.mark.django_db
def test_the_sharded_run_gives_the_same_findings_as_the_in_process_run_and_as_one_pass(corpus, monkeypatch):
    """GIVEN the corpus WHEN checked in shards of two events THEN the findings equal one pass over everything."""
    Finding.objects.all().delete()
    services.consistency_check()
    in_process = _findings()
    Finding.objects.all().delete()
    monkeypatch.setattr(tasks, "BATCH", 2)

    run = tasks.cross_check_all.delay().get()

    assert run["events"] == Event.objects.count() and run["shards"] == (run["events"] + 1) // 2 > 3
    assert _findings() == in_process == _one_pass_drafts()
    kinds = {v[0] for v in in_process.values()}
    assert {"date_conflict", "weekday_mismatch", "precedent_conflict", "duration_mismatch", "unresolved_date", "publication_date_suspect"} <= kinds


@pytest.mark.django_db
def test_checking_the_same_events_twice_changes_nothing(corpus):
    ids = services.event_ids_all()
    services.findings_check_events(event_ids=ids)
    tasks.cross_checks()
    before = _findings()

    again = tasks.check_events(ids)
    cross_again = tasks.cross_checks()

    assert again == {"events": len(ids), "new": 0, "resolved": 0}
    assert cross_again == {"new": 0, "resolved": 0}
    assert _findings() == before


@pytest.mark.django_db
def test_a_shard_resolves_only_its_own_events_vanished_findings(corpus):
    """GIVEN two open per-event findings that no check produces any more, on two events
    WHEN only the first event's shard runs THEN only the first is resolved."""
    services.consistency_check()
    first, second = Event.objects.order_by("id")[:2]
    stale = {
        e.id: Finding.objects.create(kind="date_conflict", severity="high", message="stale", event=e, fingerprint=f"stale-{e.id}", last_seen_at=e.created_at)
        for e in (first, second)
    }
    cross_kind = Finding.objects.filter(kind="unresolved_date", status="open").first()

    summary = services.findings_check_events(event_ids=[first.id])

    assert summary.findings_resolved == 1
    assert Finding.objects.get(pk=stale[first.id].pk).status == "resolved"
    assert Finding.objects.get(pk=stale[second.id].pk).status == "open"
    assert Finding.objects.get(pk=cross_kind.pk).status == "open"  # another check's kind: not the shard's to resolve


@pytest.mark.django_db
def test_a_dismissed_finding_stays_dismissed_and_a_resolved_one_reopens_when_seen_again(corpus):
    services.consistency_check()
    dismissed, resolved = Finding.objects.filter(kind__in=PER_EVENT_KINDS, status="open").order_by("id")[:2]
    Finding.objects.filter(pk=dismissed.pk).update(status="dismissed")
    Finding.objects.filter(pk=resolved.pk).update(status="resolved")

    services.findings_check_events(event_ids=[dismissed.event_id, resolved.event_id])

    assert Finding.objects.get(pk=dismissed.pk).status == "dismissed"
    assert (Finding.objects.get(pk=resolved.pk).status, Finding.objects.get(pk=resolved.pk).resolved_at) == ("open", None)


@pytest.mark.django_db
def test_the_command_runs_the_full_cross_check(corpus, capsys):
    Finding.objects.all().delete()

    call_command("cross_check", "--wait")

    assert capsys.readouterr().out.strip() == f"checked {Event.objects.count()} events in 1 shard(s)"
    assert Finding.objects.filter(status="open").count() == len(_one_pass_drafts())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="advisory locks exist on PostgreSQL only; SQLite serialises writers itself")
def test_two_checks_of_one_event_run_one_after_the_other(corpus):
    """GIVEN one transaction holding an event's lock WHEN a shard checks that event THEN it waits for the commit."""
    from django.db import connections, transaction

    event_id = services.event_ids_all()[0]
    holding, released_at, finished_at = threading.Event(), [], []

    def hold():
        try:
            with transaction.atomic():
                services._lock_events([event_id])
                holding.set()
                time.sleep(1.0)
                released_at.append(time.monotonic())
        finally:
            connections.close_all()

    def check():
        try:
            holding.wait(10)
            services.findings_check_events(event_ids=[event_id])
            finished_at.append(time.monotonic())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hold), threading.Thread(target=check)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert released_at and finished_at and finished_at[0] >= released_at[0]
    assert connection.vendor == "postgresql"


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs a broker: set CELERY_BROKER_URL (as .ci/run does)")
def test_a_real_worker_runs_the_chord_and_the_findings_land_in_the_database(monkeypatch):
    from celery.contrib.testing.worker import start_worker
    from celery.result import AsyncResult

    from factdb.celery import app

    monkeypatch.setattr(tasks, "BATCH", 3)
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        for ingested in _ingest():  # the worker processes the ingestion too; wait for the checks it queued
            AsyncResult(AsyncResult(ingested.task_id).get(timeout=120)["result_id"]).get(timeout=120)
        expected = _one_pass_drafts()
        Finding.objects.all().delete()

        run = tasks.cross_check_all.delay().get(timeout=120)
        done = AsyncResult(run["result_id"]).get(timeout=120)

    assert run["shards"] == (Event.objects.count() + 2) // 3 > 1
    assert done["new"] == sum(1 for v in expected.values() if v[0] not in PER_EVENT_KINDS)
    assert _findings() == expected
