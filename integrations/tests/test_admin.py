"""The admin for add by URL, feeds, subscribers and deliveries: each write through a service."""

import pytest
from django.test import Client

from integrations.models import Delivery, Feed, FetchRequest, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_browser(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("chief", password="pw-for-tests-only"))
    return client


def test_add_by_url_in_the_admin_queues_a_fetch_request(admin_browser, allow_local, base):
    page = admin_browser.get("/admin/integrations/fetchrequest/add/")
    assert page.status_code == 200 and "Add an article by URL" in page.content.decode()
    response = admin_browser.post("/admin/integrations/fetchrequest/add/", {"url": f"{base}/news/pact", "outlet": "Ledger", "language": "en"})
    assert response.status_code == 302
    request = FetchRequest.objects.get()
    assert (request.url, request.outlet, request.state) == (f"{base}/news/pact", "Ledger", "pending")
    listing = admin_browser.get("/admin/integrations/fetchrequest/").content.decode()
    assert f"{base}/news/pact" in listing and "pending" in listing


def test_the_admin_shows_a_refused_address_on_the_form(admin_browser, settings):
    settings.FACTDB_FETCH_ALLOWED_NETWORKS = []
    response = admin_browser.post("/admin/integrations/fetchrequest/add/", {"url": "http://10.1.1.1/x", "language": "en"})
    assert response.status_code == 200
    assert "10.1.1.1 is a private or reserved address" in response.content.decode()
    assert FetchRequest.objects.count() == 0


def test_feeds_and_their_state_in_the_admin(admin_browser, allow_local, base):
    response = admin_browser.post("/admin/integrations/feed/add/", {"url": f"{base}/local.rss", "outlet": "Courier", "language": "EN", "poll_minutes": 15, "enabled": "on"})
    assert response.status_code == 302
    feed = Feed.objects.get()
    assert (feed.language, feed.poll_minutes) == ("en", 15)
    Feed.objects.filter(pk=feed.pk).update(last_status=304, entries_seen=7, last_error="")
    listing = admin_browser.get("/admin/integrations/feed/").content.decode()
    assert "Courier" in listing and "304" in listing and "7" in listing


def test_a_subscriber_made_in_the_admin_gets_a_secret_and_its_deliveries_are_listed(admin_browser, allow_local, base):
    response = admin_browser.post("/admin/integrations/subscriber/add/", {"url": f"{base}/hook", "events": ["finding.opened", "finding.resolved"], "active": "on", "secret": ""})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.events == ["finding.opened", "finding.resolved"] and len(subscriber.secret) == 64
    Delivery.objects.create(subscriber=subscriber, event="finding.opened", object_id=5, state_key="opened", payload={}, status="failed", attempts=8, last_error="the subscriber answered 500")
    listing = admin_browser.get("/admin/integrations/delivery/").content.decode()
    assert "the subscriber answered 500" in listing and "failed" in listing
