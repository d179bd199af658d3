"""Hostile and careless API clients (issue 9): each bad request is a 4xx with a clear
message, changes nothing, and every page still answers afterwards."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils.html import escape

from claims.models import Article, Claim
from claims.tests.test_api_fixtures import _fresh_throttles, anon_client, editor, editor_client, make_article, make_claim, make_event, make_finding  # noqa: F401
from timeline import reports
from timeline.models import Finding

pytestmark = pytest.mark.django_db

TEXT = "The council met in the capital on March 2, 2026, officials said."
PLUS4 = timezone(timedelta(hours=4))


@pytest.fixture
def stored():
    """An article with a claim on an event and a finding: what the public pages show."""
    article = make_article(TEXT, url="https://news.example/council", published_at=datetime(2026, 3, 3, 9, 0, tzinfo=PLUS4))
    event = make_event("council meeting", date(2026, 3, 2), status="conflicting")
    claim = make_claim(article, "March 2, 2026", date(2026, 3, 2), event=event)
    finding = make_finding(event, [claim])
    return {"article": article, "event": event, "claim": claim, "finding": finding}


def _snapshot():
    return list(Article.objects.order_by("id").values_list("id", "url", "published_at", "published_utc_offset", "title", "outlet", "language", "text"))


def _every_page_answers(stored, admin_client):
    """The pages a bad row used to take down: each must answer 200."""
    article, event = stored["article"], stored["event"]
    public = Client()
    for path in [
        "/api/articles/",
        f"/api/articles/{article.pk}/",
        "/api/claims/",
        "/api/timeline/",
        f"/api/events/{event.pk}/",
        "/timeline/",
        f"/timeline/events/{event.pk}/",
    ]:
        assert public.get(path).status_code == 200, path
    for path in ["/admin/claims/article/", "/admin/claims/claim/", f"/admin/claims/article/{article.pk}/change/", "/admin/timeline/finding/review/"]:
        assert admin_client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    ("published_at", "message"),
    [
        ("0001-01-01T00:00:00+14:00", "must fall within the years 1 to 9999 in UTC"),
        ("9999-12-31T23:59:00-14:00", "must fall within the years 1 to 9999 in UTC"),
        ("2026-03-03T09:00:00+23:59", "the UTC offset must be between -15:59 and +15:59"),
        ("2026-03-03T09:00:00-16:00", "the UTC offset must be between -15:59 and +15:59"),
        ("2026-03-03T09:00:00+04:00:30", "the UTC offset must be whole minutes"),
        ("0001-01-01T10:00:00Z", "a date-time must fall within the years 2 to 9998, so its UTC time stays within 1 to 9999"),
    ],
)
def test_a_publication_time_outside_what_can_be_stored_is_refused_and_pages_keep_working(editor_client, admin_client, stored, published_at, message):
    before = _snapshot()

    created = editor_client.post("/api/articles/", {"text": "Another text entirely.", "published_at": published_at}, format="json")
    corrected = editor_client.post(f"/api/articles/{stored['article'].pk}/published_at/", {"published_at": published_at}, format="json")

    for response in (created, corrected):
        assert response.status_code == 400
        assert response.json()["fields"] == {"published_at": [message]}
    assert _snapshot() == before
    _every_page_answers(stored, admin_client)


def test_the_admin_and_the_review_queue_refuse_the_same_times(admin_client, stored):
    article = stored["article"]
    before = _snapshot()

    form = admin_client.post(f"/admin/claims/article/{article.pk}/change/", {"published_at_text": "0001-01-01T00:00:00+14:00"})
    queue = admin_client.post(f"/admin/timeline/finding/review/article/{article.pk}/published-at/", {"published_at": "2026-01-01T00:00+23:59"}, follow=True)

    assert form.status_code == 200 and "must fall within the years 1 to 9999 in UTC" in form.content.decode()
    assert "the UTC offset must be between -15:59 and +15:59" in queue.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"text": 12345}, "text", "Not a valid string."),
        ({"text": TEXT, "title": ["x"]}, "title", "Not a valid string."),
        ({"text": TEXT, "outlet": {"name": "x"}}, "outlet", "Not a valid string."),
        ({"text": TEXT, "published_at": 20260303}, "published_at", "Not a valid string."),
        ({"text": TEXT, "url": "ftp://files.example/a.txt"}, "url", "must be an http:// or https:// URL"),
        ({"text": TEXT, "url": "javascript:alert(document.cookie)"}, "url", "must be an http:// or https:// URL"),
        ({"text": TEXT, "url": "https://news.example/\u200bcouncil"}, "url", "must not contain spaces, control or invisible (zero-width) characters"),
        ({"text": TEXT, "url": "https://user:secret@news.example/"}, "url", "must not contain a user name or password"),
        ({"text": TEXT, "url": "https://news.example/" + "a" * 2000}, "url", "Ensure this field has no more than 2000 characters."),
        ({"text": TEXT, "outlet": "Daily\x00Post"}, "outlet", "Null characters are not allowed."),
        ({"text": TEXT, "outlet": "Daily\x07Post"}, "outlet", "must be one line without control characters"),
        ({"text": TEXT, "outlet": "x" * 201}, "outlet", "Ensure this field has no more than 200 characters."),
        ({"text": TEXT, "language": "x" * 17}, "language", "Ensure this field has no more than 16 characters."),
        ({"text": TEXT, "language": "english!"}, "language", "'english!' is not a language tag such as en or pt-BR"),
    ],
)
def test_bad_fields_are_refused_before_the_database_sees_them(editor_client, stored, admin_client, payload, field, message):
    before = _snapshot()

    response = editor_client.post("/api/articles/", payload, format="json")

    assert response.status_code == 400
    assert message in " ".join(response.json()["fields"][field])
    assert _snapshot() == before
    _every_page_answers(stored, admin_client)


def test_a_lone_surrogate_is_refused(editor_client):
    # JSON may carry one; no database encoding can store it.
    body = '{"text": "The council met.", "title": "a\\ud800b"}'

    response = editor_client.post("/api/articles/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["fields"] == {"title": ["Surrogate characters are not allowed: U+D800."]}
    assert Article.objects.count() == 0


def test_a_url_with_markup_is_stored_percent_encoded_and_normalised(editor_client):
    response = editor_client.post("/api/articles/", {"text": TEXT, "url": 'HTTPS://News.Example:443/a"><script>alert(1)</script>'}, format="json")

    assert response.status_code == 202
    assert Article.objects.get().url == "https://news.example/a%22%3E%3Cscript%3Ealert(1)%3C/script%3E"


def test_a_trailing_space_is_not_a_new_article(editor_client):
    first = editor_client.post("/api/articles/", {"text": TEXT}, format="json")
    again = editor_client.post("/api/articles/", {"text": "\n  " + TEXT + " \n"}, format="json")

    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["article"]["id"] == first.json()["article"]["id"]
    assert Article.objects.get().text == TEXT  # the first as sent


def test_a_url_another_text_holds_is_a_409_conflict(editor_client, stored):
    response = editor_client.post("/api/articles/", {"text": "A different story.", "url": "https://news.example/council"}, format="json")

    assert response.status_code == 409
    assert response.json()["fields"] == {"url": ["another article with different text already has this URL"]}


def test_html_without_article_text_is_a_422(editor_client):
    response = editor_client.post("/api/articles/", {"text": "<html><body><script>x()</script></body></html>", "format": "html"}, format="json")

    assert response.status_code == 422
    assert response.json()["fields"] == {"text": ["the HTML holds no article text"]}
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/claims/?review_status=", "review_status"),
        ("/api/events/?to=", "to"),
        ("/api/articles/?page_size=lots", "page_size"),
        ("/api/articles/?page_size=0", "page_size"),
        ("/api/reports/?page=", "page"),
        ("/api/reports/?page=1&page=2", "page"),
    ],
)
def test_junk_query_parameters_are_refused_not_ignored(anon_client, stored, path, field):
    response = anon_client.get(path)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_an_id_filter_that_names_nothing_finds_nothing(anon_client, stored):
    for path in ["/api/claims/?article=0", "/api/findings/?event=99999999999999999999999"]:
        response = anon_client.get(path)
        assert (response.status_code, response.json()["results"]) == (200, [])


def test_an_unknown_api_path_answers_json_404(settings, anon_client):
    settings.DEBUG = False

    unknown = anon_client.get("/api/nothing-here/")
    not_an_id = anon_client.get("/api/claims/0.5/")

    assert (unknown.status_code, unknown.json()) == (404, {"error": "not found", "fields": {}})
    assert (not_an_id.status_code, not_an_id.json()) == (404, {"error": "Not found.", "fields": {}})


def test_a_dismissal_reason_and_a_review_note_are_checked(editor_client, stored):
    finding, claim = stored["finding"], stored["claim"]

    blank = editor_client.post(f"/api/findings/{finding.pk}/dismiss/", {"reason": "   "}, format="json")
    control = editor_client.post(f"/api/claims/{claim.pk}/review/", {"status": "verified", "note": "ok\x00"}, format="json")
    long_note = editor_client.post(f"/api/claims/{claim.pk}/review/", {"status": "verified", "note": "n" * 2001}, format="json")

    assert (blank.status_code, blank.json()["fields"]) == (400, {"reason": ["say why the finding is a false alarm"]})
    assert control.status_code == 400 and "note" in control.json()["fields"]
    assert long_note.status_code == 400 and "no more than 2000" in long_note.json()["fields"]["note"][0]
    finding.refresh_from_db()
    claim.refresh_from_db()
    assert (finding.status, claim.review_status) == ("open", "unreviewed")


# --- editors' names -------------------------------------------------------------------------


def test_anonymous_readers_do_not_see_who_reviewed_or_dismissed(anon_client, editor_client, stored):
    claim, finding = stored["claim"], stored["finding"]
    editor_client.post(f"/api/claims/{claim.pk}/review/", {"status": "verified"}, format="json")
    editor_client.post(f"/api/findings/{finding.pk}/dismiss/", {"reason": "same day"}, format="json")

    assert anon_client.get(f"/api/claims/{claim.pk}/").json()["reviewed_by"] is None
    assert anon_client.get(f"/api/findings/{finding.pk}/").json()["dismissed_by"] is None
    assert anon_client.get("/api/claims/").json()["results"][0]["reviewed_by"] is None
    assert anon_client.get(f"/api/events/{stored['event'].pk}/").json()["claims"][0]["reviewed_by"] is None
    assert editor_client.get(f"/api/claims/{claim.pk}/").json()["reviewed_by"] == "edna"
    assert editor_client.get(f"/api/findings/{finding.pk}/").json()["dismissed_by"] == "edna"


# --- links on pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad_url", ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>", "not a url"])
def test_pages_link_a_source_only_when_its_url_is_http(admin_client, settings, monkeypatch, stored, bad_url):
    # A row written before the checks existed (or by hand in SQL).
    Article.objects.filter(pk=stored["article"].pk).update(url=bad_url)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(reports, "findings_check_all", lambda: None)
    get_user_model().objects.create_user("ed", email="ed@example.org").groups.add(Group.objects.get(name="Editors"))

    report, _ = reports.report_create()
    report.new_findings.add(stored["finding"])
    reports.report_email(report=report)

    pages = [
        Client().get(f"/timeline/events/{stored['event'].pk}/").content.decode(),
        Client().get(f"/reports/{report.pk}/").content.decode(),
        admin_client.get("/admin/timeline/finding/review/").content.decode(),
        mail.outbox[-1].alternatives[0][0],
        mail.outbox[-1].body,
    ]
    for page in pages:
        assert f'href="{bad_url}' not in page and f'href="{escape(bad_url)}' not in page
        assert f"<{bad_url}>" not in page


def test_an_http_source_is_still_linked(stored):
    page = Client().get(f"/timeline/events/{stored['event'].pk}/").content.decode()

    assert 'href="https://news.example/council"' in page


# --- the timeline's axis at the calendar's ends --------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["?to=9999-12-31", "?from=0001-01-01", "?from=0001-01-01&to=9999-12-31", "?from=9999-12-31", "?to=0001-01-01", "?from=9999-12-30&to=9999-12-31"],
)
def test_the_timeline_draws_a_view_at_the_ends_of_the_calendar(stored, query):
    page = Client().get("/timeline/" + query)

    assert page.status_code == 200
    # Its navigation links work too: earlier, later, zoom.
    for name in ("earlier_url", "later_url", "zoom_out_url", "zoom_in_url"):
        link = page.context.get(name)
        if link:
            assert Client().get("/timeline/" + link).status_code == 200, (query, name, link)
    assert Client().get("/api/timeline/" + query).status_code == 200


def test_an_event_at_the_end_of_the_calendar_has_a_page(stored):
    event = make_event("far future", date(9999, 12, 31), granularity="week")
    make_claim(make_article("A meeting on 31 December 9999."), "31 December 9999", date(9999, 12, 31), event=event, granularity="week")

    assert Client().get(f"/timeline/events/{event.pk}/").status_code == 200
    assert Client().get("/timeline/").status_code == 200
    assert Claim.objects.filter(event=event).count() == 1
    assert Finding.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/events/?conflict=AAA", "conflict"),
        ("/api/events/?conflict=", "conflict"),
        ("/api/exports/events.csv?conflict=maybe", "conflict"),
        ("/api/exports/claimreview/?finding=-1", "finding"),
        ("/api/exports/claimreview/?event=x", "event"),
        ("/api/exports/claimreview/?event=99999999999999999999999", "event"),
    ],
)
def test_a_filter_value_outside_its_schema_is_refused(anon_client, stored, path, field):
    response = anon_client.get(path)

    assert response.status_code == 400, response.content
    assert field in response.content.decode()


def test_the_conflict_filter_takes_true_or_false(anon_client, stored):
    with_conflict = anon_client.get("/api/events/?conflict=true").json()["results"]
    without = anon_client.get("/api/events/?conflict=FALSE").json()["results"]

    assert [e["id"] for e in with_conflict] + [e["id"] for e in without] == [stored["event"].pk]


def test_a_page_added_by_url_takes_the_same_outlet_and_language_rules_as_an_article(editor_client):
    from integrations.models import FetchRequest

    for payload, field in [
        ({"url": "https://news.example/a", "outlet": "Ledger\x00"}, "outlet"),
        ({"url": "https://news.example/a", "outlet": "x" * 201}, "outlet"),
        ({"url": "https://news.example/a", "language": "english please"}, "language"),
        ({"url": "https://news.example/a", "outlet": 12}, "outlet"),
    ]:
        response = editor_client.post("/api/fetches/", payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert field in response.json()["fields"], payload
    assert FetchRequest.objects.count() == 0


def test_an_empty_format_is_no_format(anon_client, stored):
    for path in ["/api/exports/claimreview/?format=", "/api/exports/events.csv?format=", "/api/events/?format="]:
        response = anon_client.get(path)
        assert response.status_code == 404, path
    assert anon_client.get("/api/exports/events.csv?format=csv").status_code == 200


def test_a_page_to_fetch_needs_a_url(editor_client):
    response = editor_client.post("/api/fetches/", {"url": "", "language": "AA-000000-00000"}, format="json")

    assert response.status_code == 400
    assert "url" in response.json()["fields"]


def test_the_schema_says_a_page_to_fetch_needs_a_url():
    import re

    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    pattern = schema["components"]["schemas"]["FetchInput"]["properties"]["url"]["pattern"]

    assert re.search(pattern, "") is None
    assert re.search(pattern, "https://news.example/a") is not None
