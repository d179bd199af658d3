"""Outages on real services: a broker that is down, a worker killed with SIGKILL.

Each test runs its own redis-server (so stopping it disturbs nobody) and real
`celery worker` processes against the test database on PostgreSQL. The
article rows are the record of the work: an outage delays it, never loses it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from claims.extraction import extract
from claims.extraction.types import ArticleText
from claims.models import Article, Claim
from claims.services import ArticleIn, article_ingest
from factdb.celery import app
from pipeline import stages
from timeline.checker import findings_check_all
from timeline.models import Finding
from work.models import EventRecheck

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.real_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not settings.CELERY_BROKER_URL,
        reason="needs PostgreSQL and a broker (as .ci/run sets up): the worker processes share the test database",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    """A private redis-server that a test may stop and start again on the same port."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def broker(monkeypatch):
    broker = Broker()
    broker.start()
    # This process sends to the private broker too. Celery reads these variables before its
    # configuration, and its pools are keyed by URL, so drop the cached ones.
    monkeypatch.setenv("CELERY_BROKER_URL", broker.url)
    monkeypatch.setenv("CELERY_RESULT_BACKEND", broker.url)
    app._after_fork()
    assert app.connection_for_write().as_uri().endswith(f":{broker.port}/0")
    yield broker
    broker.stop()
    app._after_fork()


def _worker(broker: Broker, **extra_env: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        **extra_env,
        "FACTDB_DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}",
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker.url,
        "CELERY_RESULT_BACKEND": broker.url,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "factdb", "worker", "--pool=solo", "--loglevel=WARNING", "--without-mingle", "--without-gossip"],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so SIGKILL takes the whole worker
    )


def _kill(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(10)


def _until(predicate, timeout: float, sweep: bool = False, every: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if sweep:  # what beat does every minute, with "stale" meaning now
            stages.sweep(now=timezone.now() + timedelta(hours=1))
        time.sleep(every)
    return predicate()


def _story(i: int) -> str:
    day = 2 + i % 5
    return (
        f"Report {i}. Delegates of the Lakeside Water Council met in Marrow Bay on March {day}, 2026, "
        f"and agreed a new levy, officials said on Friday. The council first met in 1998."
    )


@pytest.fixture
def editor_client(db):
    from claims.tests.test_api_fixtures import make_user

    client = APIClient()
    client.force_authenticate(make_user("edna", "Editors", is_staff=True))
    return client


def test_with_the_broker_down_an_article_is_accepted_at_once_and_processed_when_it_is_back(broker, editor_client):
    broker.stop()

    started = time.monotonic()
    response = editor_client.post("/api/articles/", {"text": _story(1), "published_at": "2026-03-06T10:00:00+00:00"}, format="json")
    took = time.monotonic() - started

    assert response.status_code == 202, response.content
    assert took < 10  # the doorbell gave up quickly; nothing waits on the broker
    article = Article.objects.get()
    assert article.status == "pending"

    broker.start()
    worker = _worker(broker)
    try:
        assert _until(lambda: Article.objects.get().status == "checked", 90, sweep=True)
    finally:
        _kill(worker)
    assert Claim.objects.filter(article=article, event=None).count() == 0


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(broker):
    """GIVEN a worker taking 4 articles at a time WHEN it is killed after its first batch, while it holds
    a later one (taken: an attempt counted, not checked) THEN a new worker and the sweep finish every
    article, once."""
    worker = _worker(broker, FACTDB_BATCH_ARTICLES="4")
    results = [article_ingest(data=ArticleIn(body=_story(i), outlet=f"Outlet {i % 4}", url=f"https://news.test/{i}")) for i in range(20)]
    taken = Article.objects.filter(attempts__gte=1).exclude(status="checked")
    try:
        assert _until(lambda: Article.objects.filter(status="checked").count() >= 3 and taken.exists(), 120, every=0.01)
    finally:
        _kill(worker)
    assert taken.exists(), "no batch was in hand at the kill; nothing was tested"

    worker = _worker(broker)
    try:
        assert _until(lambda: not Article.objects.exclude(status="checked").exists() and not EventRecheck.objects.exists(), 180, sweep=True)
    finally:
        _kill(worker)

    for r in results:
        expected = len(extract(ArticleText(text=r.article.text, language="en", published_at=None)).claims)
        assert Claim.objects.filter(article=r.article).count() == expected
    assert not Claim.objects.filter(event=None).exists()
    open_before = set(Finding.objects.filter(status="open").values_list("fingerprint", flat=True))
    findings_check_all()  # what a fresh full check says must be what the interrupted pipeline left
    assert set(Finding.objects.filter(status="open").values_list("fingerprint", flat=True)) == open_before
    # A finding may open and later resolve as the batch's sources arrive in whatever order the
    # workers took them; what the kill must not leave is one a fresh check would still open.
    resolved = set(Finding.objects.filter(status="resolved").values_list("fingerprint", flat=True))
    assert not resolved & open_before
