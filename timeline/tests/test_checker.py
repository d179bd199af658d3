"""The checker (timeline/checker.py): incremental checks agree with a full run and with one pass over everything.

The shipped corpus (fixtures/corpus) is ingested once per test: it produces
findings of every kind, including a date conflict that a suspect publication
time explains, which is the one per-event verdict that depends on other events.
"""

import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from claims.corpus import read_corpus
from claims.management.commands.ingest_corpus import Command
from claims.services import article_ingest
from timeline import checker, services
from timeline.analysis.checks import PER_EVENT_KINDS, run_checks
from timeline.models import Event, Finding
from timeline.records import aliases
from work.models import EventRecheck

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"
ALL_KINDS = {"date_conflict", "weekday_mismatch", "precedent_conflict", "duration_mismatch", "unresolved_date", "publication_date_suspect"}


def _ingest():
    return [article_ingest(data=Command()._input(article)) for article in read_corpus(str(CORPUS))]


@pytest.fixture
def corpus(request):
    """The corpus ingested one article after another, each through every stage."""
    if request.node.get_closest_marker("django_db").kwargs.get("transaction"):
        results = _ingest()  # on_commit fires at once outside a test transaction
    else:
        with request.getfixturevalue("django_capture_on_commit_callbacks")(execute=True):
            results = _ingest()
    assert all(r.wait(120) for r in results)


def _open_findings() -> dict[str, tuple]:
    return {
        f.fingerprint: (f.kind, f.severity, f.event_id, f.message, tuple(sorted(f.claims.values_list("id", flat=True))))
        for f in Finding.objects.filter(status="open")
    }


def _one_pass_drafts() -> dict[str, tuple]:
    """What one pass of every check over every event at once produces."""
    views = [services.event_view(e) for e in Event.objects.all()]
    return {d.fingerprint: (str(d.kind), str(d.severity), d.event_id, d.message, tuple(sorted(d.claim_ids))) for d in run_checks(views, aliases())}


@pytest.mark.django_db
def test_findings_left_by_incremental_checks_equal_a_full_run_and_one_pass(corpus):
    """GIVEN the corpus checked event by event as it arrived WHEN everything is checked again from scratch
    THEN the open findings are the same, and the same as one pass over every event."""
    incremental = _open_findings()

    Finding.objects.all().delete()
    checker.findings_check_all(batch_size=2)

    assert _open_findings() == incremental == _one_pass_drafts()
    assert ALL_KINDS <= {v[0] for v in incremental.values()}
    assert not EventRecheck.objects.exists()  # every queued re-check was done


@pytest.mark.django_db
def test_checking_the_same_events_twice_changes_nothing_and_writes_no_history(corpus):
    ids = list(Event.objects.values_list("id", flat=True))
    before = _open_findings()
    history = (Finding.history.count(), Event.history.count())

    again = checker.events_check(event_ids=ids)

    assert (again.events, again.findings_new, again.findings_resolved) == (len(ids), 0, 0)
    assert _open_findings() == before
    assert (Finding.history.count(), Event.history.count()) == history


@pytest.mark.django_db
def test_checking_one_event_resolves_only_its_own_vanished_findings(corpus):
    """GIVEN two open per-event findings that no check produces any more, on two events
    WHEN only the first event is checked THEN only the first is resolved."""
    first, second = Event.objects.order_by("id")[:2]
    stale = {
        e.id: Finding.objects.create(kind="date_conflict", severity="high", message="stale", event=e, fingerprint=f"stale-{e.id}", last_seen_at=e.created_at)
        for e in (first, second)
    }
    other_kind = Finding.objects.filter(kind="unresolved_date", status="open").exclude(event=first).first()

    summary = checker.events_check(event_ids=[first.id])

    assert summary.findings_resolved == 1
    assert Finding.objects.get(pk=stale[first.id].pk).status == "resolved"
    assert Finding.objects.get(pk=stale[second.id].pk).status == "open"
    assert Finding.objects.get(pk=other_kind.pk).status == "open"  # another event's: not this check's to resolve


@pytest.mark.django_db
def test_a_dismissed_finding_stays_dismissed_and_a_resolved_one_reopens_when_seen_again(corpus):
    dismissed, resolved = Finding.objects.filter(kind__in=PER_EVENT_KINDS, status="open").order_by("id")[:2]
    Finding.objects.filter(pk=dismissed.pk).update(status="dismissed")
    Finding.objects.filter(pk=resolved.pk).update(status="resolved")

    checker.events_check(event_ids=[dismissed.event_id, resolved.event_id])

    assert Finding.objects.get(pk=dismissed.pk).status == "dismissed"
    assert (Finding.objects.get(pk=resolved.pk).status, Finding.objects.get(pk=resolved.pk).resolved_at) == ("open", None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_runs_the_full_cross_check_and_waits_for_it(corpus, capsys):
    Finding.objects.all().delete()

    call_command("cross_check", "--wait", "--timeout", "60")

    total = len(_one_pass_drafts())
    assert capsys.readouterr().out.strip() == f"checked {Event.objects.count()} events; findings new {total}, resolved 0"
    assert Finding.objects.filter(status="open").count() == total


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="advisory locks exist on PostgreSQL only; SQLite serialises writers itself")
def test_two_checks_of_one_event_run_one_after_the_other(corpus):
    """GIVEN one transaction holding an event's lock WHEN the event is checked THEN the check waits for the commit."""
    from django.db import connections, transaction

    event_id = Event.objects.order_by("id").values_list("id", flat=True)[0]
    holding, released_at, finished_at = threading.Event(), [], []

    def hold():
        try:
            with transaction.atomic():
                checker._lock_events([event_id])
                holding.set()
                time.sleep(1.0)
                released_at.append(time.monotonic())
        finally:
            connections.close_all()

    def check():
        try:
            holding.wait(10)
            checker.events_check(event_ids=[event_id])
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
