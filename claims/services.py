"""Writes to articles and claims. The API, admin, commands and tasks all come here."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone as dj_timezone
from simple_history.utils import bulk_create_with_history

from claims import validation
from claims.extraction import extract
from claims.extraction.types import ArticleText, Interval, PublishedAtSource, Resolution, TemporalClaim
from claims.models import Article, Claim
from claims.syndication import syndication_key
from factdb.bulk import rows_update
from factdb.errors import FactdbConflict, FactdbError, FactdbUnprocessable
from claims.types import ReviewStatus
from work.doorbell import PROCESS_ARTICLE, ring
from work.queue import events_mark_dirty, events_request_recheck

@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool

    def wait(self, timeout: float, poll: float = 0.2) -> bool:
        """Block until the pipeline has finished with this article (checked or failed). True when checked.

        The article row is the record of the work, so this reads it rather than a
        task result: it is done when its findings are settled, whichever worker
        (or the sweep, after a lost message) did the work.
        """
        deadline = time.monotonic() + timeout
        while True:
            self.article.refresh_from_db(fields=["status", "last_error", "published_at", "published_utc_offset"])
            if self.article.status in (Article.Status.CHECKED, Article.Status.FAILED) or time.monotonic() >= deadline:
                return self.article.status == Article.Status.CHECKED
            time.sleep(poll)


@dataclass(frozen=True)
class Placement:
    """Where linking puts a claim: its event and phase, and a date only the event could give it."""

    claim_id: int
    event_id: int | None
    phase: str = ""
    value_start: date | None = None
    value_end: date | None = None
    granularity: str | None = None
    resolution: str | None = None


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
        body=validation.article_text(data.body),
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
            return IngestResult(existing, False)
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
            return IngestResult(twin, False)
        ring(PROCESS_ARTICLE, article.id)
    return IngestResult(article, True)


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


def article_extract(*, article: Article) -> list[int]:
    """Run the extractor on a locked article and bring its claims up to date; returns its claims' ids.

    Claims are matched by span, so a claim an editor reviewed keeps its verdict
    and its id; a claim the extractor no longer finds is removed only if no
    editor has touched it (its event is queued for a re-check).
    """
    articles_extract(articles=[article])
    return list(article.claims.values_list("id", flat=True))


def articles_extract(*, articles: list[Article]) -> None:
    """article_extract for several locked articles (a pipeline batch), with their claims read in
    one query and their new claims written together: per article, the reads and the two inserts
    (claims and their history rows) were most of a batch's extraction time (bench.ingest)."""
    existing: dict[int, dict[tuple[int, int], Claim]] = {a.id: {} for a in articles}
    for claim in Claim.objects.filter(article_id__in=list(existing)):
        existing[claim.article_id][(claim.start, claim.end)] = claim
    fresh, changed, gone = [], [], []
    for article in articles:
        f, c, g = _extracted(article, existing[article.id])
        fresh.extend(f)
        changed.extend(c)
        gone.extend(g)
    # Each new claim gets its history row, both written in one statement per table.
    bulk_create_with_history(fresh, Claim, batch_size=500)
    for claim in changed:
        claim.save()
    events_mark_dirty(c.event_id for c in gone)
    for claim in gone:
        claim.delete()


def _extracted(article: Article, existing: dict[tuple[int, int], Claim]) -> tuple[list[Claim], list[Claim], list[Claim]]:
    """The article's new claims, its claims the extractor now reads differently, and those it no
    longer finds that no editor touched (nothing written yet)."""
    # A publication time the text gave is read from the text again (an extractor fix may change
    # it); one the sender or an editor stated is given, and relative dates count from it as stated.
    # (A row with a time and no source, written by hand or before sources were kept, counts as stated.)
    stated = article.published_at is not None and not PublishedAtSource(article.published_at_source).is_inferred
    given = article.published_at_local if stated else None
    extraction = extract(ArticleText(text=article.text, language=article.language, published_at=given))
    limit = settings.FACTDB_MAX_CLAIMS_PER_ARTICLE
    if len(extraction.claims) > limit:
        raise FactdbError(f"the text holds {len(extraction.claims)} dated expressions; the limit is {limit} (FACTDB_MAX_CLAIMS_PER_ARTICLE)")
    if not stated:
        _keep_inferred_published_at(article, extraction)
    seen, fresh, changed = set(), [], []
    for found in extraction.claims:
        key = (found.start, found.end)
        seen.add(key)
        claim = existing.get(key)
        if claim is None:
            claim = Claim(article=article, start=found.start, end=found.end)
            _copy_extracted(claim, found)
            fresh.append(claim)
        elif claim.review_status == ReviewStatus.UNREVIEWED:  # an editor's verdict (and any correction) outranks the extractor
            before = _extracted_fields(claim)
            _copy_extracted(claim, found)
            if _extracted_fields(claim) != before:
                changed.append(claim)
    gone = [c for key, c in existing.items() if key not in seen and c.review_status == ReviewStatus.UNREVIEWED and not c.event_pinned]
    return fresh, changed, gone


def _keep_inferred_published_at(article: Article, extraction) -> None:
    """The publication time the text gives (or none), with the text that gave it, saved when it changed."""
    evidence = extraction.published_at_evidence
    wanted = {
        "published_at": extraction.published_at,
        "published_utc_offset": _offset_minutes(extraction.published_at),
        "published_at_source": extraction.published_at_source,
        "published_at_evidence": article.text[evidence[0] : evidence[1]].strip()[:500] if evidence else "",
        # The latest stated day gives a day and no time of day.
        "published_date_only": extraction.published_at_source == PublishedAtSource.LATEST_DATE,
    }
    if any(getattr(article, f) != v for f, v in wanted.items()):
        for f, v in wanted.items():
            setattr(article, f, v)
        article.save(update_fields=list(wanted))  # with a history row: what the article's date rests on changed


def _extracted_fields(claim: Claim) -> tuple:
    return tuple(getattr(claim, f) for f in _EXTRACTED)


_EXTRACTED = (
    "text", "sentence_start", "sentence_end", "value_start", "value_end", "granularity", "resolution", "quoted", "weekday", "offset",
    "timex_type", "timex_value", "timex_mod", "dated_by_event", "dated_by_anchor",
)


def _copy_extracted(claim: Claim, found: TemporalClaim) -> None:
    claim.text = found.text[:500]
    claim.sentence_start, claim.sentence_end = found.sentence_start, found.sentence_end
    claim.value_start = found.interval.start if found.interval else None
    claim.value_end = found.interval.end if found.interval else None
    claim.granularity = found.granularity
    claim.resolution = found.resolution
    claim.quoted = found.quoted
    claim.weekday = found.weekday
    claim.timex_type, claim.timex_value, claim.timex_mod = found.timex_type, found.timex_value, found.timex_mod
    claim.dated_by_event = False  # the text's own reading; its event may lend it a year again (claims_date_from_events)
    claim.dated_by_anchor = False  # likewise: linking counts its date from its anchor again
    claim.offset = (
        {"amount": found.offset.amount, "unit": found.offset.unit, "hedge": found.offset.hedge, "anchor_text": found.offset.anchor_text}
        if found.offset
        else None
    )


def article_set_published_at(*, article: Article, published_at: datetime | None, date_only: bool = False) -> Article:
    """An editor corrects the publication time: the article goes through the pipeline again, re-resolving relative claims.

    The time is then the editor's (source "editor"): its relative dates count as stated, and an
    open publication_date_suspect finding no longer holds them back (the editor has decided).
    """
    if published_at is not None:
        validation.moment_in_range(published_at)
    with transaction.atomic():
        article.published_at = published_at
        article.published_utc_offset = _offset_minutes(published_at)
        article.published_date_only = date_only
        article.published_at_source = PublishedAtSource.EDITOR if published_at else PublishedAtSource.NONE
        article.published_at_evidence = ""
        article.save()
        _restart(article)
    return article


def article_confirm_published_at(*, article: Article) -> Article:
    """An editor confirms the publication time the text gave (a dateline, the latest date): it becomes theirs.

    The article goes through the pipeline again, so its relative dates, inferred
    until now, count as stated. The evidence stays, for the record; the
    change is in the article's history under the editor's name.
    """
    with transaction.atomic():
        _lock_or_conflict(article)
        article.refresh_from_db(fields=["published_at", "published_utc_offset", "published_at_source"])
        if article.published_at is None:
            raise FactdbError.on("published_at", "the article has no publication time to confirm; enter one instead")
        if not PublishedAtSource(article.published_at_source).is_inferred:
            return article  # already stated: confirming again changes nothing
        article.published_at_source = PublishedAtSource.EDITOR
        article.save(update_fields=["published_at_source"])
        _restart(article)
    return article


def _restart(article: Article) -> None:
    """Send the article through the pipeline from the start (in the caller's transaction).

    An editor's request is new work, not a retry: the attempts count starts again, or an
    article re-run a few times for good reasons would end "failed" for having been re-run.
    """
    now = dj_timezone.now()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING, status_changed_at=now, last_error="", attempts=0)
    article.status, article.status_changed_at, article.last_error, article.attempts = Article.Status.PENDING, now, "", 0
    ring(PROCESS_ARTICLE, article.id)


def articles_relink(*, article_ids) -> int:
    """Send these processed articles through linking and checking again (their claims' placement is
    stale: the checks have just held their dates back); returns how many were sent.

    Only articles at rest (checked) move: one still in the pipeline links again anyway, and
    the caller handles the article it is itself processing.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    with transaction.atomic():
        now = dj_timezone.now()
        moved = list(Article.objects.filter(pk__in=ids, status=Article.Status.CHECKED).values_list("pk", flat=True))
        # New work, not a retry of failed work: the attempts count starts again.
        Article.objects.filter(pk__in=moved, status=Article.Status.CHECKED).update(
            status=Article.Status.EXTRACTED, status_changed_at=now, attempts=0
        )
        for article_id in moved:
            ring(PROCESS_ARTICLE, article_id)
    return len(moved)


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


def article_reprocess(*, article: Article) -> Article:
    """Run the pipeline on an article again (after a fix to the extractor, or after it failed).

    Reviewed and pinned claims survive it: article_extract leaves them alone.
    """
    with transaction.atomic():
        _restart(article)
    return article


def claims_place_bulk(*, placements: list[Placement]) -> set[int]:
    """Linking's verdict on where claims belong, written as one diffed update.

    Only claims whose placement changed are written; returns the ids of the
    events that gained or lost a claim or saw one's phase or date change.
    """
    wanted = {p.claim_id: p for p in placements}
    changed, touched = [], set()
    ids = sorted(wanted)
    for i in range(0, len(ids), 500):
        # Plain rows, and a model instance only for a claim that changes: most of a neighbourhood stays put.
        for row in Claim.objects.filter(id__in=ids[i : i + 500]).values_list(*_PLACEMENT_FIELDS):
            current = dict(zip(_PLACEMENT_FIELDS, row))
            p = wanted[current["id"]]
            new = {"event_id": p.event_id, "phase": p.phase}
            if p.value_start is not None and (current["value_start"] is None or current["dated_by_anchor"]):
                new.update(value_start=p.value_start, value_end=p.value_end, granularity=p.granularity, resolution=p.resolution)
                new["dated_by_anchor"] = True  # counted from its anchor: linking counts it again next time
            if any(current[f] != v for f, v in new.items()):
                touched |= {current["event_id"], p.event_id}
                changed.append(Claim(**{**current, **new}))
    rows_update(changed, ["event_id", "phase", "value_start", "value_end", "granularity", "resolution", "dated_by_anchor"])
    return touched - {None}


_PLACEMENT_FIELDS = ("id", "event_id", "phase", "value_start", "value_end", "granularity", "resolution", "dated_by_anchor")


def claims_date_from_events(*, dates: dict[int, Interval | None]) -> int:
    """Give year-less claims the date their event lends them (None: take it back); returns how many changed.

    The dates are inferred (Resolution.INFERRED, dated_by_event), so they never vote on
    an event's date. Only claims the text leaves undated, or dated this way before, are
    written: a date the text gives is never overwritten. Like linking's placements, a
    diffed bulk write without history rows (it is the pipeline's reading, not an editor's).
    """
    changed = []
    ids = sorted(dates)
    for i in range(0, len(ids), 500):
        for claim in Claim.objects.filter(id__in=ids[i : i + 500]).only(*_PLACEMENT_FIELDS, "dated_by_event"):
            if claim.value_start is not None and not claim.dated_by_event:
                continue
            lent = dates[claim.id]
            new = (
                {"value_start": lent.start, "value_end": lent.end, "granularity": lent.granularity, "resolution": Resolution.INFERRED, "dated_by_event": True}
                if lent is not None
                else {"value_start": None, "value_end": None, "resolution": Resolution.UNRESOLVED, "dated_by_event": False}
            )
            if any(getattr(claim, f) != v for f, v in new.items()):
                for f, v in new.items():
                    setattr(claim, f, v)
                changed.append(claim)
    rows_update(changed, ["value_start", "value_end", "granularity", "resolution", "dated_by_event"])
    return len(changed)


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
        before = Claim.objects.filter(pk=claim.pk).values_list("event_id", flat=True).first()
        claim.event = event
        claim.event_pinned = bool(pinned and event is not None)
        claim.save(update_fields=["event", "event_pinned"])
        events_request_recheck([before, claim.event_id])
    return claim


def claim_review(*, claim: Claim, status: str, editor, note: str = "") -> Claim:
    """An editor's verdict on a claim; its event is re-checked so findings follow it."""
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
        events_request_recheck([Claim.objects.filter(pk=claim.pk).values_list("event_id", flat=True).first()])
    return claim
