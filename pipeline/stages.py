"""What happens when an article arrives, in order. The one place that knows the order.

    pending --extract--> extracted --link--> linked --check--> checked
                      (any stage may end in failed, with last_error)

- extract: the text's dated expressions become claims (claims.services.article_extract);
- link: the new claims join events, relinking only their neighbourhood
  (timeline.linker.claims_link), and the events whose membership changed are
  queued for a re-check;
- check: those events' findings are brought up to date (timeline.checker.events_check),
  so an article is "checked" only once its findings are settled.

The article row is the record of the work. Each stage runs in a transaction
that holds the article's row lock and moves its status on commit, so a stage
is done once or not at all: a worker killed mid-stage leaves the article where
it was, and the sweep sends it again. A stage that raises records the error
and leaves the article failed for an editor to retry; a database or broker
hiccup is retried by the task instead.

Events changed by editors (verdicts, merges, placements) are queued in
work.EventRecheck and drained by `events_recheck`, in batches that any
number of workers share.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from claims.models import Article
from claims.services import article_extract, articles_relink
from timeline.checker import CheckSummary, events_check, events_recheck_batch, findings_check_all
from timeline.linker import claims_link, events_relink_all
from timeline.reports import report_create
from work.doorbell import PROCESS_ARTICLE, RECHECK_EVENTS, RUN, ring
from work.models import EventRecheck, Run

log = logging.getLogger(__name__)
S = Article.Status
# Errors of the moment (the database restarting, a dropped connection): the task retries them.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError)


def _extract(article: Article) -> dict:
    return {"claim_ids": article_extract(article=article)}


def _link(article: Article) -> dict:
    summary = claims_link(claim_ids=list(article.claims.values_list("id", flat=True)))
    return {"events": sorted(summary.events_touched)}


def _check(article: Article) -> dict:
    """Settle the findings of the events this article's claims are on.

    When the checks hold back an article's relative dates (a suspect publication time), its
    claims sit where those dates put them: other articles are sent through linking again, and
    this one says so ("relink"), so article_process links it again before calling it checked.
    """
    events = set(article.claims.exclude(event=None).values_list("event_id", flat=True))
    summary = events_check(event_ids=events, consensus_current=True)  # linking has just refreshed it
    # Neighbours that gained or lost claims were queued (work.EventRecheck) by the linker: the drain takes them.
    ring(RECHECK_EVENTS)
    articles_relink(article_ids=summary.held_back - {article.id})
    return {"new": summary.findings_new, "resolved": summary.findings_resolved, "relink": article.id in summary.held_back}


# status -> (stage, status after it, timestamp field it sets)
STAGES: dict[str, tuple[Callable[[Article], dict], str, str]] = {
    S.PENDING: (_extract, S.EXTRACTED, "extracted_at"),
    S.EXTRACTED: (_link, S.LINKED, "linked_at"),
    S.LINKED: (_check, S.CHECKED, "checked_at"),
}


def article_process(*, article_id: int) -> str | None:
    """Run every stage the article still needs; returns its status (None if it is gone or busy).

    Safe to call twice, or while another worker holds the article: that call
    returns at once and the holder finishes the work.
    """
    if not _start_attempt(article_id):
        return _status(article_id)
    relinked = False
    while True:
        failure = None
        with transaction.atomic():
            article = _lock(article_id)
            if article is None or article.status not in STAGES:
                return article.status if article else _status(article_id)
            stage, after, stamp = STAGES[article.status]
            try:
                with transaction.atomic():  # a savepoint: a stage that fails leaves nothing half-written
                    result = stage(article)
            except TRANSIENT:
                raise
            except Exception as exc:  # noqa: BLE001 - a bug, bad text or a time limit: recorded for editors
                log.exception("article %s failed in %s", article_id, stage.__name__)
                failure = f"{stage.__name__.strip('_')}: {_error_text(exc)}"[:2000]
            else:
                if result.get("relink") and not relinked:
                    # Its dates were just held back: link it again, once (never back and forth).
                    after, relinked = S.EXTRACTED, True
                _move(article, after, **{stamp: timezone.now()})
        if failure is not None:
            # Recorded in a transaction of its own: a time limit that struck mid-query may have
            # left the one above unusable, and it has been rolled back by now.
            with transaction.atomic():
                article = Article.objects.select_for_update().filter(pk=article_id).first()
                if article is not None:
                    _move(article, S.FAILED, last_error=failure)
            return S.FAILED


def _error_text(exc: Exception) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return "the task's time limit was reached (CELERY_TASK_SOFT_TIME_LIMIT)"
    return f"{type(exc).__name__}: {exc}"


def _start_attempt(article_id: int) -> bool:
    """Count one more attempt, committed before the work so a worker that dies still counts it.

    An article that has used up its attempts is failed instead (a text that
    kills workers must not be retried forever). False if there is nothing to do now.
    """
    with transaction.atomic():
        article = _lock(article_id)
        if article is None or article.status not in STAGES:
            return False
        if article.attempts >= settings.FACTDB_MAX_ATTEMPTS:
            _move(article, S.FAILED, last_error=f"gave up after {article.attempts} attempts (a worker died or timed out each time)")
            return False
        Article.objects.filter(pk=article_id).update(attempts=article.attempts + 1)
    return True


def _lock(article_id: int) -> Article | None:
    """The article row, locked for this transaction; None if another worker holds it (or it is gone)."""
    return Article.objects.select_for_update(skip_locked=True).filter(pk=article_id).first()


def _status(article_id: int) -> str | None:
    return Article.objects.filter(pk=article_id).values_list("status", flat=True).first()


def _move(article: Article, status: str, **fields) -> None:
    """Move the article on with one UPDATE: pipeline states are work, not editors' data, so no history row."""
    now = timezone.now()
    fields = {"status": status, "status_changed_at": now, **({"last_error": ""} if status != S.FAILED else {}), **fields}
    Article.objects.filter(pk=article.pk).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)


# --- events queued by editors' writes -------------------------------------------------------------


def events_recheck() -> CheckSummary:
    """Re-check one batch of queued events; rings again while more are waiting."""
    summary = events_recheck_batch()
    articles_relink(article_ids=summary.held_back)
    if summary.events and EventRecheck.objects.exists():
        ring(RECHECK_EVENTS)
    return summary


# --- the sweep: nothing is lost when a message is ----------------------------------------------------


@dataclass(frozen=True)
class SweepSummary:
    articles_resent: int
    articles_given_up: int
    rechecks_waiting: int
    runs_resent: int


def sweep(*, now=None) -> SweepSummary:
    """Ring again for work that has waited longer than FACTDB_SWEEP_AFTER seconds.

    A broker outage, a message lost with a killed worker or a task that hit its
    time limit leaves the row where it was; this finds it. Sending twice is
    harmless: a stage runs only for the status it expects.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.FACTDB_SWEEP_AFTER)
    waiting = Article.objects.filter(status__in=list(STAGES), status_changed_at__lt=stale).order_by("status_changed_at")
    given_up = 0
    resent = 0
    for article_id, attempts in waiting.values_list("id", "attempts")[: settings.FACTDB_SWEEP_BATCH]:
        if attempts >= settings.FACTDB_MAX_ATTEMPTS:
            given_up += Article.objects.filter(pk=article_id, status__in=list(STAGES)).update(
                status=S.FAILED, status_changed_at=now, last_error=f"gave up after {attempts} attempts (a worker died or timed out each time)"
            )
        else:
            ring(PROCESS_ARTICLE, article_id)
            resent += 1
    rechecks = EventRecheck.objects.filter(requested_at__lt=stale).count()
    if rechecks:
        ring(RECHECK_EVENTS)
    runs = list(Run.objects.filter(state__in=[Run.State.QUEUED, Run.State.RUNNING], requested_at__lt=stale).values_list("id", flat=True))
    for run_id in runs:
        ring(RUN, run_id)
    return SweepSummary(resent, given_up, rechecks, len(runs))


# --- whole-store runs (full check, report, relink) --------------------------------------------------

RUN_TIME_LIMIT = 3600  # seconds; a run still "running" after this is taken to have died with its worker


def run_execute(*, run_id: int) -> Run | None:
    """Do a queued run once; a second delivery of the same run finds it taken or done."""
    taken = Run.objects.filter(pk=run_id, state=Run.State.QUEUED).update(state=Run.State.RUNNING, started_at=timezone.now(), attempts=1)
    if not taken:
        stuck = Run.objects.filter(pk=run_id, state=Run.State.RUNNING, started_at__lt=timezone.now() - timedelta(seconds=RUN_TIME_LIMIT))
        if not stuck.update(started_at=timezone.now()):
            return Run.objects.filter(pk=run_id).first()
    run = Run.objects.get(pk=run_id)
    try:
        if run.kind == Run.Kind.CHECK:
            summary = findings_check_all()
            articles_relink(article_ids=summary.held_back)
            result = {"events": summary.events, "new": summary.findings_new, "resolved": summary.findings_resolved}
        elif run.kind == Run.Kind.REPORT:
            report, created = report_create()
            result = {"report_id": report.id, "created": created}
        else:
            summary = events_relink_all()
            ring(RECHECK_EVENTS)  # the events it changed are queued for their checks
            result = {"claims": summary.claims, "events_touched": len(summary.events_touched)}
    except TRANSIENT:
        Run.objects.filter(pk=run_id).update(state=Run.State.QUEUED)
        raise
    except Exception as exc:  # noqa: BLE001 - recorded on the run for the API client
        log.exception("run %s failed", run_id)
        Run.objects.filter(pk=run_id).update(state=Run.State.FAILED, finished_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000])
        return Run.objects.get(pk=run_id)
    Run.objects.filter(pk=run_id).update(state=Run.State.DONE, finished_at=timezone.now(), result=result)
    return Run.objects.get(pk=run_id)
