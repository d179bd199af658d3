"""Writes to articles and claims. The API, admin, commands and tasks all come here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone as dj_timezone

from claims import validation
from claims.extraction import extract
from claims.extraction.types import ArticleText, PublishedAtSource, TemporalClaim
from claims.models import Article, Claim
from claims.syndication import syndication_key
from factdb.errors import FactdbConflict, FactdbError, FactdbUnprocessable
from timeline.analysis.types import ReviewStatus

@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool
    task_id: str | None  # the Celery task that finishes processing it; None when nothing was queued

    def wait(self, timeout: float) -> bool:
        """Block until the pipeline has run for this article (commands use it). True on success."""
        from factdb.celery import app

        # Eager tasks have already run by now, and their results are not stored.
        if self.task_id is not None and not app.conf.task_always_eager:
            app.AsyncResult(self.task_id).get(timeout=timeout, propagate=False)
        self.article.refresh_from_db()
        return self.article.status == Article.Status.PROCESSED


@dataclass(frozen=True)
class ArticleIn:
    body: str
    url: str | None = None
    outlet: str = ""
    title: str = ""
    language: str = "en"
    published_at: datetime | None = None
    published_date_only: bool = False
    source_format: str = Article.Format.TEXT


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def body_hash(body: str) -> str:
    """What the duplicate check compares: the body without whitespace at its ends."""
    return content_hash(body.strip())


def article_input_clean(data: ArticleIn) -> ArticleIn:
    """The input checked and normalised by claims.validation: every way in passes here.

    The URL is normalised and every length is checked before the database
    sees it; the body is kept as sent (body_hash strips its ends for the
    duplicate check, so a trailing space is not a new article).
    """
    published_at = data.published_at
    if published_at is not None:
        if not isinstance(published_at, datetime):
            raise FactdbError.on("published_at", "must be a date-time")
        published_at = validation.moment_in_range(published_at)
    if data.source_format not in Article.Format.values:
        raise FactdbError.on("format", f"must be text or html, not {data.source_format!r}")
    return replace(
        data,
        body=validation.article_body(data.body, max_chars=settings.FACTDB_MAX_ARTICLE_CHARS),
        url=validation.url(data.url),
        outlet=validation.text_field(data.outlet, field="outlet", max_length=validation.MAX_OUTLET),
        title=validation.text_field(data.title, field="title", max_length=validation.MAX_TITLE),
        language=validation.language(data.language),
        published_at=published_at,
    )


def _text_of(body: str, source_format: str) -> tuple[str, datetime | None]:
    if source_format == Article.Format.HTML:
        from claims.extraction.html import extract_html

        text, html_published = extract_html(body)
        if not text or not text.strip():
            raise FactdbUnprocessable.on("text", "the HTML holds no article text")
        return text, html_published
    if source_format != Article.Format.TEXT:
        raise FactdbError.on("source_format", f"must be text or html, not {source_format!r}")
    return body, None


def article_ingest(*, data: ArticleIn) -> IngestResult:
    """Store an article and queue its processing.

    The same text ingested again returns the stored article and changes nothing.
    """
    data = article_input_clean(data)
    body = data.body
    text, html_published = _text_of(body, data.source_format)
    digest = body_hash(body)
    url = data.url
    with transaction.atomic():
        # Articles stored before the ends were stripped carry the hash of the body
        # as sent, so a file ingested again with its final newline is still found.
        hashes = {digest, content_hash(body)}
        existing = _stored_duplicate(body, hashes, url)
        if existing is not None:
            return IngestResult(existing, False, None)
        published_at, source, date_only = data.published_at, PublishedAtSource.METADATA, data.published_date_only
        if published_at is None and html_published is not None and _storable(html_published):
            published_at, date_only = html_published, False
        if published_at is None:
            source = PublishedAtSource.NONE
        try:
            # A savepoint, so a twin request that committed the same text or
            # URL first leaves this transaction usable for the look-up below.
            with transaction.atomic():
                article = Article.objects.create(
                    url=url,
                    outlet=data.outlet,
                    title=data.title or _first_line(text)[: validation.MAX_TITLE],
                    language=data.language,
                    published_at=published_at,
                    published_utc_offset=_offset_minutes(published_at),
                    published_date_only=date_only,
                    published_at_source=source,
                    source_format=data.source_format,
                    raw=body,
                    text=text,
                    content_hash=digest,
                    syndication_key=syndication_key(text),
                )
        except IntegrityError:
            # The unique index made us wait for the twin's commit, so under READ
            # COMMITTED the next query sees its row: answer as for any duplicate.
            twin = _stored_duplicate(body, hashes, url)
            if twin is None:
                raise FactdbConflict("an article with this URL or text was stored at the same moment; send it again") from None
            return IngestResult(twin, False, None)
        from claims.tasks import enqueue_processing

        task_id = enqueue_processing(article.id)
    return IngestResult(article, True, task_id)


def _stored_duplicate(body: str, hashes: set[str], url: str | None) -> Article | None:
    """The stored article with this text, or None; FactdbConflict if another text has the URL."""
    existing = Article.objects.select_for_update().filter(content_hash__in=hashes).first()
    if existing is not None:
        return existing
    if url:
        holder = Article.objects.filter(url=url).only("id", "raw").first()
        if holder is not None:
            if holder.raw.strip() == body.strip():
                return Article.objects.get(pk=holder.pk)
            raise FactdbConflict.on("url", "another article with different text already has this URL")
    return None


def _storable(moment: datetime) -> bool:
    try:
        validation.moment_in_range(moment)
    except FactdbError:
        return False
    return True


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _offset_minutes(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    return int(moment.utcoffset().total_seconds() // 60)


def article_extract(*, article_id: int) -> Article:
    """Run the extractor on an article and bring its claims up to date.

    Claims are matched by span, so a claim an editor reviewed keeps its verdict
    and its id; a claim the extractor no longer finds is removed only if no
    editor has touched it.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        extraction = extract(ArticleText(text=article.text, language=article.language, published_at=article.published_at_local))
        if article.published_at is None and extraction.published_at is not None:
            article.published_at = extraction.published_at
            article.published_utc_offset = _offset_minutes(extraction.published_at)
            article.published_at_source = extraction.published_at_source
        existing = {(c.start, c.end): c for c in article.claims.all()}
        seen = set()
        for found in extraction.claims:
            key = (found.start, found.end)
            seen.add(key)
            claim = existing.get(key) or Claim(article=article, start=found.start, end=found.end)
            if claim.pk and claim.review_status != ReviewStatus.UNREVIEWED:
                continue  # an editor's verdict (and any correction) outranks the extractor
            _copy_extracted(claim, found)
            claim.save()
        for key, claim in existing.items():
            if key not in seen and claim.review_status == ReviewStatus.UNREVIEWED and not claim.event_pinned:
                claim.delete()
        article.status = Article.Status.PROCESSED
        article.last_error = ""
        article.save()
    return article


def _copy_extracted(claim: Claim, found: TemporalClaim) -> None:
    claim.text = found.text[:500]
    claim.sentence_start, claim.sentence_end = found.sentence_start, found.sentence_end
    claim.value_start = found.interval.start if found.interval else None
    claim.value_end = found.interval.end if found.interval else None
    claim.granularity = found.granularity
    claim.resolution = found.resolution
    claim.quoted = found.quoted
    claim.weekday = found.weekday
    claim.offset = (
        {"amount": found.offset.amount, "unit": found.offset.unit, "hedge": found.offset.hedge, "anchor_text": found.offset.anchor_text}
        if found.offset
        else None
    )


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(status=Article.Status.FAILED, last_error=error[:2000])


def article_set_published_at(*, article: Article, published_at: datetime | None, date_only: bool = False) -> Article:
    """An editor corrects the publication time: relative claims are re-resolved."""
    if published_at is not None:
        validation.moment_in_range(published_at)
    with transaction.atomic():
        article.published_at = published_at
        article.published_utc_offset = _offset_minutes(published_at)
        article.published_date_only = date_only
        article.published_at_source = PublishedAtSource.METADATA if published_at else PublishedAtSource.NONE
        article.status = Article.Status.PENDING
        article.save()
        from claims.tasks import enqueue_processing

        enqueue_processing(article.id)
    return article


def article_set_url(*, article: Article, url: str | None) -> Article:
    """An editor corrects an article's source URL (empty clears it); URLs stay unique."""
    url = validation.url(url)
    with transaction.atomic():
        if url and Article.objects.filter(url=url).exclude(pk=article.pk).exists():
            raise FactdbConflict.on("url", "another article already has this URL")
        article.url = url
        try:
            # A savepoint, so a twin request that took this URL first is a clear error, not a 500.
            with transaction.atomic():
                article.save(update_fields=["url"])
        except IntegrityError:
            raise FactdbConflict.on("url", "another article already has this URL") from None
    return article


def article_reprocess(*, article: Article) -> str:
    """Run the pipeline on an article again (after a fix to the extractor); returns the task id.

    Reviewed and pinned claims survive it: article_extract leaves them alone.
    """
    with transaction.atomic():
        article.status = Article.Status.PENDING
        article.last_error = ""
        article.save()
        from claims.tasks import enqueue_processing

        return enqueue_processing(article.id)


def _lock_or_conflict(obj) -> None:
    """Lock the row an editor's write is about, or say it is gone (the pipeline may remove rows meanwhile)."""
    model = type(obj)
    if not model._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first():
        raise FactdbConflict(f"this {model._meta.verbose_name} was removed meanwhile (the pipeline ran again); reload and retry")


def claim_place(*, claim: Claim, event, pinned: bool = True) -> Claim:
    """An editor puts a claim on an event (or takes it off); a pinned claim stays there when linking runs again."""
    with transaction.atomic():
        _lock_or_conflict(claim)
        if event is not None:
            _lock_or_conflict(event)
        claim.event = event
        claim.event_pinned = bool(pinned and event is not None)
        claim.save(update_fields=["event", "event_pinned"])
        from timeline.tasks import enqueue_recheck

        enqueue_recheck()
    return claim


def claim_review(*, claim: Claim, status: str, editor, note: str = "") -> Claim:
    """An editor's verdict on a claim; the checks re-run so findings follow it."""
    if status not in {s.value for s in ReviewStatus}:
        raise FactdbError.on("review_status", f"must be one of {', '.join(ReviewStatus)}")
    note = validation.note_field(note, field="note")
    with transaction.atomic():
        _lock_or_conflict(claim)
        claim.review_status = status
        claim.reviewed_by = editor
        claim.reviewed_at = dj_timezone.now() if status != ReviewStatus.UNREVIEWED else None
        claim.review_note = note
        # Only the verdict: a worker may have moved the claim to another event
        # meanwhile, and a full save would write back the old (maybe deleted) one.
        claim.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_note"])
        from timeline.tasks import enqueue_recheck

        enqueue_recheck()
    return claim
