"""Feeds polled from a real local server: entries become fetch requests; an unchanged feed costs a 304."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integrations.models import Feed, FetchRequest
from integrations.services import feed_poll, feed_save, feeds_due
from factdb.errors import FactdbError

from .conftest import HTML

pytestmark = pytest.mark.django_db

ETAG = '"v1-coastal"'
LAST_MODIFIED = "Thu, 05 Mar 2026 08:31:00 GMT"


def test_a_feed_polled_twice_sends_the_conditional_headers_and_adds_nothing_the_second_time(allow_local, httpserver, base, sample, django_capture_on_commit_callbacks):
    httpserver.expect_oneshot_request("/local.rss").respond_with_data(
        sample("feed.rss"), content_type="application/rss+xml", headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
    )
    httpserver.expect_request("/2026/03/05/ferry-crews-strike").respond_with_data(sample("ferry_strike.html"), content_type=HTML)
    httpserver.expect_request("/news/2026/03/transit-pact-signed").respond_with_data(sample("transit_pact.html"), content_type=HTML)
    feed = feed_save(feed=Feed(url=f"{base}/local.rss", outlet="Coastal Courier", language="EN"))

    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll(feed_id=feed.pk) == 2
    feed.refresh_from_db()
    assert (feed.last_status, feed.etag, feed.last_modified, feed.entries_seen, feed.last_error) == (200, ETAG, LAST_MODIFIED, 2, "")
    ferry = FetchRequest.objects.get(url=f"{base}/2026/03/05/ferry-crews-strike")
    assert (ferry.state, ferry.feed_id, ferry.published_from) == ("done", feed.pk, "feed")
    article = ferry.article
    # The entry's own time and offset, so "on Wednesday" resolves in the outlet's zone.
    assert article.published_at_local.isoformat() == "2026-03-05T08:30:00+02:00"
    assert (article.outlet, article.language, article.title) == ("Coastal Courier", "en", "Ferry crews strike over pay")
    assert article.claims.filter(text__icontains="Wednesday").exists()

    # The second answer is served only to a request carrying both conditional headers.
    httpserver.expect_oneshot_request("/local.rss", headers={"If-None-Match": ETAG, "If-Modified-Since": LAST_MODIFIED}).respond_with_data("", status=304)
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=timezone.now() - timedelta(hours=1))
    assert feed_poll(feed_id=feed.pk) == 0
    feed.refresh_from_db()
    assert (feed.last_status, feed.entries_seen, feed.last_error) == (304, 2, "")
    assert FetchRequest.objects.count() == 2
    httpserver.check_assertions()
    assert not httpserver.oneshot_handlers  # both feed answers were served


def test_an_atom_feed_with_a_known_entry_adds_nothing_new(allow_local, httpserver, base, sample, django_capture_on_commit_callbacks):
    httpserver.expect_request("/ledger.atom").respond_with_data(sample("feed.atom"), content_type="application/atom+xml")
    httpserver.expect_request("/news/2026/03/transit-pact-signed").respond_with_data(sample("transit_pact.html"), content_type=HTML)
    feed = feed_save(feed=Feed(url=f"{base}/ledger.atom", outlet="The Harbour Ledger"))
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll(feed_id=feed.pk) == 1
    request = FetchRequest.objects.get()
    assert request.article.published_at_local.isoformat() == "2026-03-03T09:00:00+04:00"
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=None)
    assert feed_poll(feed_id=feed.pk) == 0  # the same entry again: already requested
    assert Feed.objects.get(pk=feed.pk).entries_seen == 1


def test_a_broken_feed_records_its_error_and_keeps_its_state(allow_local, httpserver, base):
    httpserver.expect_request("/broken.rss").respond_with_data("<html><body>Maintenance</body></html>", content_type="text/html")
    httpserver.expect_request("/down.rss").respond_with_data("oops", status=500)
    broken = feed_save(feed=Feed(url=f"{base}/broken.rss"))
    down = feed_save(feed=Feed(url=f"{base}/down.rss"))
    assert feed_poll(feed_id=broken.pk) == 0
    assert feed_poll(feed_id=down.pk) == 0
    broken.refresh_from_db()
    down.refresh_from_db()
    assert "not an RSS or Atom feed" in broken.last_error
    assert (down.last_status, down.last_error) == (500, f"127.0.0.1 answered 500")
    assert broken.last_polled_at is not None and FetchRequest.objects.count() == 0


def test_feeds_are_due_by_their_own_interval(allow_local, base):
    now = timezone.now()
    fresh = feed_save(feed=Feed(url=f"{base}/a.rss", poll_minutes=30))
    stale = feed_save(feed=Feed(url=f"{base}/b.rss", poll_minutes=30))
    off = feed_save(feed=Feed(url=f"{base}/c.rss", enabled=False))
    Feed.objects.filter(pk=fresh.pk).update(last_polled_at=now - timedelta(minutes=10))
    Feed.objects.filter(pk=stale.pk).update(last_polled_at=now - timedelta(minutes=31))
    assert feeds_due(now=now) == [stale.pk]
    assert off.pk not in feeds_due(now=now)


def test_a_feed_at_a_private_address_is_refused_when_saved(settings):
    settings.FACTDB_FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(FactdbError, match="10.0.0.3 is a private or reserved address"):
        feed_save(feed=Feed(url="http://10.0.0.3/feed.xml"))
    assert Feed.objects.count() == 0
