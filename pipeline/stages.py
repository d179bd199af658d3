"""What happens when an article arrives, in order. The one place that knows the order.

    pending --extract--> extracted --link--> linked --check--> checked
                      (any stage may end in failed, with last_error)

- extract: the text's dated expressions become claims (claims.services.articles_extract);
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

Articles go in batches (FACTDB_BATCH_ARTICLES): a worker rung for one takes
other untried waiting articles with it, extracts each, links all their claims
in one pass and checks the events they touched once. The rows stay the record:
the batch holds their locks stage by stage, so the doorbells of the others find
them busy or done (one that comes in the instant between two stages takes the
article on alone: each stage still runs once, under the row lock). When a batch's stage raises, the batch is rolled back to
that stage and its articles go on one at a time, so only the bad one fails.

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
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone

from claims.models import Article, Claim
from claims.services import articles_extract, articles_relink
from timeline.checker import CheckSummary, events_check, events_recheck_batch, findings_check_all
from timeline.linker import claims_link, events_relink_all
from timeline.reports import report_create
from work.doorbell import PROCESS_ARTICLE, RECHECK_EVENTS, RUN, ring
from work.models import EventRecheck, Run

log = logging.getLogger(__name__)
S = Article.Status
# Errors of the moment (the database restarting, a dropped connection): the task retries them.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError)


def _extract(articles: list[Article]) -> dict:
    articles_extract(articles=articles)
    return {}


def _link(articles: list[Article]) -> dict:
    """All the articles' claims in one pass: one neighbourhood read, one refresh of what it touched."""
    claim_ids = list(Claim.objects.filter(article__in=articles).values_list("id", flat=True))
    summary = claims_link(claim_ids=claim_ids)
    return {"events": sorted(summary.events_touched)}


def _check(articles: list[Article]) -> dict:
    """Settle the findings of the events these articles' claims are on (each event once).

    When the checks hold back an article's relative dates (a suspect publication time), its
    claims sit where those dates put them: other articles are sent through linking again, and
    these ones are named ("relink"), so the caller links them again before calling them checked.
    """
    ids = {a.id for a in articles}
    events = set(Claim.objects.filter(article_id__in=ids).exclude(event=None).values_list("event_id", flat=True))
    summary = events_check(event_ids=events, consensus_current=True)  # linking has just refreshed it
    # Neighbours that gained or lost claims were queued (work.EventRecheck) by the linker: the drain takes them.
    ring(RECHECK_EVENTS)
    articles_relink(article_ids=summary.held_back - ids)
    return {"new": summary.findings_new, "resolved": summary.findings_resolved, "relink": summary.held_back & ids}


# status -> (stage, status after it, timestamp field it sets); each stage takes the articles at that status.
STAGES: dict[str, tuple[Callable[[list[Article]], dict], str, str]] = {
    S.PENDING: (_extract, S.EXTRACTED, "extracted_at"),
    S.EXTRACTED: (_link, S.LINKED, "linked_at"),
    S.LINKED: (_check, S.CHECKED, "checked_at"),
}


def article_process(*, article_id: int) -> str | None:
    """Run every stage the article still needs, with up to FACTDB_BATCH_ARTICLES - 1 other
    waiting articles; returns its status (None if it is gone).

    Most of a stage's cost is fixed (reading the neighbourhood, refreshing and checking the
    events it touched), so a batch extracts each article, links all their claims in one pass
    and checks the events they touched once. Safe to call twice, or while another worker holds
    the article: that call returns at once and the holder finishes the work.
    """
    status = _status(article_id)
    if status not in STAGES:
        return status  # done, failed or gone: most doorbells of a batch's articles ring after the batch
    batch = _take(article_id)
    if len(batch) > 1 and not _run_together(batch):
        for taken in batch:
            _run([taken])
    elif len(batch) == 1:
        _run(batch)
    return _status(article_id)


def _run_together(batch: list[int]) -> bool:
    """Run the batch's stages together; False if one raised (bad text or a bug) and it must be split."""
    try:
        _run(batch)
    except SoftTimeLimitExceeded:
        # Too little time is left to go on here: each is sent again and goes alone (it has used an attempt).
        for taken in batch:
            ring(PROCESS_ARTICLE, taken)
    except TRANSIENT:
        # Their own messages may have found them busy and been spent: ring again (this one is retried by its task).
        for taken in batch[1:]:
            ring(PROCESS_ARTICLE, taken)
        raise
    except Exception:  # noqa: BLE001 - rolled back to the failing stage; one at a time finds the culprit
        log.exception("a batch of %d articles failed; processing them one at a time", len(batch))
        return False
    return True


def _run(batch: list[int]) -> None:
    """Run the stages the batch's articles still need, the least advanced first, each stage for every
    article waiting for it at once. Alone, an article whose stage raises is failed with the error;
    in a batch the error is raised, for the caller to split the batch."""
    relinked: set[int] = set()
    while True:
        failure = None
        with transaction.atomic():
            articles = _lock_all(batch)
            status = next((s for s in STAGES if any(a.status == s for a in articles)), None)
            if status is None:
                return
            stage, after, stamp = STAGES[status]
            todo = [a for a in articles if a.status == status]
            try:
                with transaction.atomic():  # a savepoint: a stage that fails leaves nothing half-written
                    result = stage(todo)
            except TRANSIENT:
                raise
            except Exception as exc:  # noqa: BLE001 - a bug, bad text or a time limit: recorded for editors
                if len(batch) > 1:
                    raise
                log.exception("article %s failed in %s", batch[0], stage.__name__)
                failure = f"{stage.__name__.strip('_')}: {_error_text(exc)}"[:2000]
            else:
                # Dates just held back: link those again, once (never back and forth).
                again = set(result.get("relink", ())) - relinked
                relinked |= again
                now = timezone.now()
                _move([a for a in todo if a.id not in again], after, **{stamp: now})
                _move([a for a in todo if a.id in again], S.EXTRACTED, **{stamp: now})
        if failure is not None:
            # Recorded in a transaction of its own: a time limit that struck mid-query may have
            # left the one above unusable, and it has been rolled back by now.
            with transaction.atomic():
                article = Article.objects.select_for_update().filter(pk=batch[0]).first()
                if article is not None:
                    _move([article], S.FAILED, last_error=failure)
            return


def _error_text(exc: Exception) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return "the task's time limit was reached (CELERY_TASK_SOFT_TIME_LIMIT)"
    return f"{type(exc).__name__}: {exc}"


def _take(article_id: int) -> list[int]:
    """The article and up to FACTDB_BATCH_ARTICLES - 1 others waiting, their attempts counted and
    committed before the work so a worker that dies still counts them; [] if there is nothing to do.

    Others are taken only if untried (no attempts: an article whose processing has died goes alone,
    so a text that kills workers cannot use up its neighbours' attempts), and only while the batch's
    text stays under FACTDB_BATCH_CHARS, so a long article cannot stall a batch. An article that
    has used up its attempts is failed instead (a text that kills workers must not be retried forever).
    """
    with transaction.atomic():
        article = Article.objects.select_for_update(skip_locked=True).filter(pk=article_id).annotate(size=Length("text")).first()
        if article is None or article.status not in STAGES:
            return []
        if article.attempts >= settings.FACTDB_MAX_ATTEMPTS:
            _move([article], S.FAILED, last_error=f"gave up after {article.attempts} attempts (a worker died or timed out each time)")
            return []
        batch = [article_id]
        if article.attempts == 0:
            batch += _others(article_id, room=settings.FACTDB_BATCH_CHARS - article.size)
        Article.objects.filter(pk__in=batch).update(attempts=F("attempts") + 1)
    return batch


def _others(article_id: int, *, room: int) -> list[int]:
    """Untried waiting articles, the longest waiting first, as many as fit; locked for the caller.

    Chosen before they are locked: an article locked here and then left out would make its own
    message find it busy and return, leaving it for the sweep.
    """
    waiting = (
        Article.objects.filter(status__in=list(STAGES), attempts=0)
        .exclude(pk=article_id)
        .annotate(size=Length("text"))
        .order_by("status_changed_at", "id")
        .values_list("id", "size")[: settings.FACTDB_BATCH_ARTICLES - 1]
    )
    chosen = []
    for other, size in waiting:
        if size > room:
            break
        chosen.append(other)
        room -= size
    if not chosen:
        return []
    free = Article.objects.select_for_update(skip_locked=True).filter(pk__in=chosen, status__in=list(STAGES), attempts=0)
    return sorted(free.values_list("id", flat=True))


def _lock_all(batch: list[int]) -> list[Article]:
    """The batch's articles, locked for this transaction; those another worker holds are left out."""
    return list(Article.objects.select_for_update(skip_locked=True).filter(pk__in=batch).order_by("id"))


def _status(article_id: int) -> str | None:
    return Article.objects.filter(pk=article_id).values_list("status", flat=True).first()


def _move(articles: list[Article], status: str, **fields) -> None:
    """Move the articles on with one UPDATE: pipeline states are work, not editors' data, so no history row."""
    if not articles:
        return
    now = timezone.now()
    fields = {"status": status, "status_changed_at": now, **({"last_error": ""} if status != S.FAILED else {}), **fields}
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(**fields)
    for article in articles:
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
