"""Writes for add by URL and feeds. The API, admin, commands and tasks all come here.

A FetchRequest is created at once (the API answers 202 with it); a task
fetches it later and hands the page to claims.services.article_ingest, the
one way an article is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
import ipaddress
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import validation
from claims.extraction.html import extract_html
from claims.models import Article
from claims.services import ArticleIn, article_ingest
from factdb.errors import FactdbConflict, FactdbError, FactdbUnprocessable
from integrations.feeds import FeedError, parse_feed
from integrations.fetching import FetchError, FetchPolicy, Fetched, check_url, fetch
from integrations.models import Feed, FetchRequest
from integrations.netguard import AddressPolicy
from integrations.pages import DateFrom, decode, normalize, read_page

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")
# A fetch claimed this long ago and still not finished belongs to a worker that died.
STALE_FETCH = timedelta(minutes=15)


def address_policy() -> AddressPolicy:
    return AddressPolicy.from_lists(networks=settings.FACTDB_FETCH_ALLOWED_NETWORKS, hosts=settings.FACTDB_FETCH_ALLOWED_HOSTS)


def fetch_policy(accept_types: tuple[str, ...] = (), *, max_redirects: int = 5) -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.FACTDB_FETCH_TIMEOUT,
        max_bytes=settings.FACTDB_FETCH_MAX_BYTES,
        max_redirects=max_redirects,
        accept_types=accept_types,
        addresses=address_policy(),
    )


def validate_outgoing_url(url: str, *, field: str = "url") -> str:
    """The URL if factdb may ever request it; a FactdbError on `field` otherwise.

    Only literal addresses are judged here: a name is resolved when it is
    requested, because what it resolves to can change in between.
    """
    try:
        _, host, _ = check_url(url)
    except FetchError as exc:
        raise FactdbError.on(field, exc.message) from None
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return url
    why = address_policy().refusal(address, host)
    if why is not None:
        # Well-formed, refused by policy: 422, so a client can tell it from a malformed URL.
        raise FactdbUnprocessable.on(field, f"{address} is a {why} address; factdb does not connect there")
    return url


# --- add by URL ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchHints:
    """What a feed entry already says about the page."""

    outlet: str = ""
    language: str = "en"
    title: str = ""
    published_at: datetime | None = None
    feed: Feed | None = None
    published_from: DateFrom = DateFrom.FEED  # who stated published_at


def fetch_request_create(*, url: str, hints: FetchHints = FetchHints()) -> tuple[FetchRequest, bool]:
    """The request for this page, new (and queued) or the one already made for it."""
    if not isinstance(url, str) or not url.strip():
        raise FactdbError.on("url", "is empty")
    validate_outgoing_url(url.strip())
    normalized = normalize(url.strip())
    with transaction.atomic():
        existing = FetchRequest.objects.filter(Q(url=normalized) | Q(canonical_url=normalized)).order_by("id").first()
        if existing is not None:
            return existing, False
        request = FetchRequest(
            url=normalized,
            feed=hints.feed,
            outlet=validation.text_field(hints.outlet, field="outlet", max_length=validation.MAX_OUTLET),
            language=validation.language(hints.language),
            title_hint=hints.title[:500],
            published_hint=hints.published_at,
            published_hint_offset=_offset_minutes(hints.published_at),
            published_from=hints.published_from if hints.published_at else "",
        )
        stored = Article.objects.filter(url__in={url.strip(), normalized}).first()
        if stored is not None:
            # Already stored (ingested as text, or fetched before requests were kept): nothing to fetch.
            request.state, request.article, request.canonical_url = FetchRequest.State.DONE, stored, normalized
            request.save()
            return request, True
        request.save()
        from integrations.tasks import enqueue_fetch

        enqueue_fetch(request.id)
    return request, True


def fetch_request_run(*, request_id: int) -> FetchRequest | None:
    """Fetch the page and store it as an article. None when the request is not pending (done, or taken)."""
    now = timezone.now()
    # The conditional UPDATE is the claim: of two workers ringing at once, one gets the row.
    claimed = FetchRequest.objects.filter(pk=request_id, state=FetchRequest.State.PENDING).update(
        state=FetchRequest.State.FETCHING, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return None
    request = FetchRequest.objects.get(pk=request_id)
    try:
        answer = fetch(request.url, fetch_policy(PAGE_TYPES))
        if answer.status != 200:
            raise FetchError(f"the server answered {answer.status}", status=answer.status)
        return _store(request, answer)
    except FetchError as exc:
        return _failed(request, exc.message, transient=exc.transient, status=exc.status)
    except FactdbError as exc:
        return _failed(request, exc.message, transient=False, status=200)


def _store(request: FetchRequest, answer: Fetched) -> FetchRequest:
    text = decode(answer.body, answer.charset)
    if answer.media_type == "text/plain":
        title, canonical, published, source = request.title_hint, normalize(answer.url), None, DateFrom.NONE
        body, source_format = text, Article.Format.TEXT
    else:
        page = read_page(text, answer.url)
        title, canonical, published, source = page.title or request.title_hint, page.canonical_url, page.published, page.published_from
        body, source_format = text, Article.Format.HTML
        if len(text) > settings.FACTDB_MAX_ARTICLE_CHARS:
            # Scripts and markup can push a page past the article limit; its text is what matters.
            body, source_format = extract_html(text)[0], Article.Format.TEXT
    published_at, date_only = (request.published_hint, False) if request.published_hint else (None, False)
    if published_at is not None:
        published_at, source = _in_offset(published_at, request.published_hint_offset), request.published_from or DateFrom.FEED
    elif published is not None:
        published_at, date_only = datetime(published.year, published.month, published.day, tzinfo=dt_timezone.utc), True
    with transaction.atomic():
        article = Article.objects.filter(url=canonical).first()
        if article is None:
            result = article_ingest(
                data=ArticleIn(
                    body=body,
                    url=canonical,
                    outlet=request.outlet or _outlet_of(canonical),
                    title=title,
                    language=request.language,
                    published_at=published_at,
                    published_date_only=date_only,
                    source_format=source_format,
                )
            )
            article = result.article
        FetchRequest.objects.filter(pk=request.pk).update(
            state=FetchRequest.State.DONE,
            article=article,
            canonical_url=canonical[:2000],
            http_status=answer.status,
            published_from=source,
            last_error="",
            fetched_at=timezone.now(),
            updated_at=timezone.now(),
        )
    request.refresh_from_db()
    return request


def _failed(request: FetchRequest, message: str, *, transient: bool, status: int | None) -> FetchRequest:
    retry = transient and request.attempts < settings.FACTDB_FETCH_MAX_ATTEMPTS
    if transient and not retry:
        message = f"{message} (gave up after {request.attempts} attempts)"
    FetchRequest.objects.filter(pk=request.pk).update(
        state=FetchRequest.State.PENDING if retry else FetchRequest.State.FAILED,
        last_error=message[:2000],
        http_status=status,
        updated_at=timezone.now(),
    )
    request.refresh_from_db()
    return request


def fetch_request_mark_failed(*, request_id: int, error: str) -> None:
    FetchRequest.objects.filter(pk=request_id).update(state=FetchRequest.State.FAILED, last_error=error[:2000], updated_at=timezone.now())


def fetch_request_retry(*, request: FetchRequest) -> FetchRequest:
    """An editor asks for a failed request again (the page may have been fixed)."""
    if request.state != FetchRequest.State.FAILED:
        raise FactdbConflict.on("state", f"only a failed request can be retried; this one is {request.state}")
    with transaction.atomic():
        FetchRequest.objects.filter(pk=request.pk).update(state=FetchRequest.State.PENDING, attempts=0, updated_at=timezone.now())
        from integrations.tasks import enqueue_fetch

        enqueue_fetch(request.pk)
    request.refresh_from_db()
    return request


def fetch_requests_due(*, now: datetime | None = None) -> list[int]:
    """Requests to ring again: pending ones left alone too long, and fetches whose worker died."""
    now = now or timezone.now()
    FetchRequest.objects.filter(state=FetchRequest.State.FETCHING, updated_at__lt=now - STALE_FETCH).update(
        state=FetchRequest.State.PENDING, updated_at=now - timedelta(seconds=settings.FACTDB_FETCH_RETRY_AFTER)
    )
    due = FetchRequest.objects.filter(state=FetchRequest.State.PENDING, updated_at__lte=now - timedelta(seconds=settings.FACTDB_FETCH_RETRY_AFTER))
    return list(due.order_by("updated_at").values_list("id", flat=True)[:500])


def _outlet_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _offset_minutes(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.utcoffset().total_seconds() // 60)


def _in_offset(moment: datetime, offset_minutes: int | None) -> datetime:
    return moment.astimezone(dt_timezone(timedelta(minutes=offset_minutes or 0)))


# --- feeds -----------------------------------------------------------------------------------


def feed_save(*, feed: Feed) -> Feed:
    """Create or change a feed (admin). The URL is checked like any URL factdb requests."""
    validate_outgoing_url(feed.url)
    if feed.poll_minutes < 1:
        raise FactdbError.on("poll_minutes", "must be at least 1")
    feed.language = (feed.language or "en").lower()
    feed.save()
    return feed


def feeds_due(*, now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return [
        feed.id
        for feed in Feed.objects.filter(enabled=True).only("id", "poll_minutes", "last_polled_at")
        if feed.last_polled_at is None or feed.last_polled_at + timedelta(minutes=feed.poll_minutes) <= now
    ]


def feed_poll(*, feed_id: int) -> int:
    """Ask the feed for news (conditionally) and add its new entries by URL. Returns how many were new."""
    feed = Feed.objects.get(pk=feed_id)
    now = timezone.now()
    # Claimed like a fetch: a second poll ringing at the same moment finds the row already moved on.
    if not Feed.objects.filter(pk=feed.pk, last_polled_at=feed.last_polled_at).update(last_polled_at=now):
        return 0
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        answer = fetch(feed.url, fetch_policy(FEED_TYPES + ("text/html",)), headers=headers)
        if answer.status == 304:
            Feed.objects.filter(pk=feed.pk).update(last_status=304, last_error="")
            return 0
        if answer.status != 200:
            raise FetchError(f"the server answered {answer.status}", status=answer.status)
        entries = parse_feed(answer.body, answer.url)
    except (FetchError, FeedError) as exc:
        Feed.objects.filter(pk=feed.pk).update(last_status=getattr(exc, "status", None), last_error=str(exc)[:2000])
        return 0
    new = 0
    for entry in entries:
        hints = FetchHints(outlet=feed.outlet, language=feed.language, title=entry.title, published_at=entry.published_at, feed=feed)
        try:
            new += fetch_request_create(url=entry.url, hints=hints)[1]
        except FactdbError:
            continue  # one bad link (a mailto:, a private address) does not stop the others
    Feed.objects.filter(pk=feed.pk).update(
        etag=answer.headers.get("etag", "")[:500],
        last_modified=answer.headers.get("last-modified", "")[:100],
        last_status=200,
        last_error="",
        entries_seen=F("entries_seen") + new,
    )
    return new
