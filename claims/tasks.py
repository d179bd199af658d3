"""Celery tasks for articles: ids in, one service call, safe to run twice."""

from celery import chain, shared_task
from celery.utils import uuid
from django.db import OperationalError, transaction

from claims import services

RETRY = {"autoretry_for": (OperationalError, ConnectionError), "retry_backoff": True, "retry_jitter": True, "max_retries": 5}


@shared_task(**RETRY)
def extract_article(article_id: int) -> int:
    try:
        services.article_extract(article_id=article_id)
    except (OperationalError, ConnectionError):
        raise
    except Exception as exc:
        # A bug or bad text: record it on the article for editors, then fail the task.
        services.article_mark_failed(article_id=article_id, error=f"{type(exc).__name__}: {exc}")
        raise
    return article_id


def enqueue_processing(article_id: int) -> str:
    """After the transaction commits: extract, then relink and re-check the store.

    Returns the id the last task of the chain will have, so callers can
    report it (API 202) or wait on it (commands) before it is even sent.
    """
    from timeline.tasks import link_and_check

    task_id = uuid()

    def send():
        chain(extract_article.si(article_id), link_and_check.si()).apply_async(task_id=task_id)

    transaction.on_commit(send)
    return task_id
