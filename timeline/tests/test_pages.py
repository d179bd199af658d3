"""The public pages: timeline, event detail, reports; and the report email.

Data is built with the ORM directly: these tests are about what the pages
show, not about how extraction and linking produce it.
"""

import hashlib
import re
from datetime import date, datetime, timezone

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail

from claims.models import Article, Claim
from timeline import reports
from timeline.axis import Scale
from timeline.models import ConsistencyReport, Event, Finding
from timeline.summaries import events_refresh_conflict_flags, events_refresh_listing

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)


def _article(text: str, outlet: str, url: str, title: str = "") -> Article:
    return Article.objects.create(
        url=url,
        outlet=outlet,
        title=title or outlet,
        raw=text,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published_at=datetime(2021, 1, 5, 9, 0, tzinfo=timezone.utc),
        status=Article.Status.CHECKED,
    )


def _claim(article: Article, expression: str, event: Event | None, start: date | None, end: date | None, granularity: str, **extra) -> Claim:
    at = article.text.index(expression)
    sentence_start = article.text.rfind(". ", 0, at) + 2 if ". " in article.text[:at] else 0
    sentence_end = article.text.find(".", at) + 1
    return Claim.objects.create(
        article=article,
        text=expression,
        start=at,
        end=at + len(expression),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        value_start=start,
        value_end=end,
        granularity=granularity,
        resolution="absolute" if start else "unresolved",
        event=event,
        **extra,
    )


def _finding(kind: str, severity: str, message: str, event: Event | None, claims, **extra) -> Finding:
    finding = Finding.objects.create(
        kind=kind, severity=severity, message=message, event=event, fingerprint=hashlib.sha256(message.encode()).hexdigest(), last_seen_at=NOW, **extra
    )
    finding.claims.set(claims)
    return finding


@pytest.fixture
def world():
    ledger = _article(
        "The harbour bridge opened in 2008, officials said. It cost more than planned.",
        "Harbour Ledger",
        "https://ledger.example/bridge",
        "Bridge costs revisited",
    )
    post = _article(
        "Crowds lined the quay. The harbour bridge opened on 4 March 2009, the mayor recalled.",
        "Quayside Post",
        "https://post.example/mayor",
    )
    gazette = _article(
        "The dock strike began on 2 June 2015. A port summit followed in November 2020. The ferry contract was signed next Tuesday.",
        "Port Gazette",
        "https://gazette.example/port",
    )
    bridge = Event.objects.create(label="Harbour bridge opens", value_start=date(2008, 1, 1), value_end=date(2008, 12, 31), granularity="year", status="conflicting")
    strike = Event.objects.create(label="Dock strike begins", value_start=date(2015, 6, 2), value_end=date(2015, 6, 2), granularity="day", status="consistent")
    summit = Event.objects.create(label="Port summit", value_start=date(2020, 11, 1), value_end=date(2020, 11, 30), granularity="month", status="unverified")
    ferry = Event.objects.create(label="Ferry contract signed", status="unverified")
    in_2008 = _claim(ledger, "2008", bridge, date(2008, 1, 1), date(2008, 12, 31), "year", review_status="verified")
    on_4_march = _claim(post, "4 March 2009", bridge, date(2009, 3, 4), date(2009, 3, 4), "day")
    _claim(gazette, "2 June 2015", strike, date(2015, 6, 2), date(2015, 6, 2), "day")
    _claim(gazette, "November 2020", summit, date(2020, 11, 1), date(2020, 11, 30), "month")
    _claim(gazette, "next Tuesday", ferry, None, None, "day")
    conflict = _finding("date_conflict", "high", "The sources give 2008 and 4 March 2009 for the opening.", bridge, [in_2008, on_4_march])
    # What the pipeline keeps on each event; the statuses above stay as set.
    events_refresh_listing(event_ids=[bridge.id, strike.id, summit.id, ferry.id])
    events_refresh_conflict_flags(event_ids=[bridge.id, strike.id, summit.id, ferry.id])
    return {"bridge": bridge, "strike": strike, "summit": summit, "ferry": ferry, "conflict": conflict, "in_2008": in_2008}


def _labels(response) -> list[str]:
    return [row.event.label for row in response.context["rows"]]


def _row(response, label: str):
    return next(row for row in response.context["rows"] if row.event.label == label)


def test_the_landing_page_sends_visitors_to_the_timeline(client):
    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, "/timeline/")


def test_the_timeline_shows_dated_events_in_order_and_undated_ones_apart(client, world):
    response = client.get("/timeline/")

    assert response.status_code == 200
    assert _labels(response) == ["Harbour bridge opens", "Dock strike begins", "Port summit"]
    assert [row.event.label for row in response.context["undated"]] == ["Ferry contract signed"]
    scale = response.context["scale"]
    assert (scale.start, scale.stop) == (date(2008, 1, 1), date(2021, 1, 1))


def test_a_year_event_is_drawn_across_its_whole_year(client, world):
    response = client.get("/timeline/")

    scale: Scale = response.context["scale"]
    band = _row(response, "Harbour bridge opens").band
    assert band.left == pytest.approx(scale.x(date(2008, 1, 1)))
    assert band.left + band.width == pytest.approx(scale.x(date(2009, 1, 1)))
    assert f'style="{band.css}"' in response.content.decode()
    assert "band--year" in response.content.decode()


def test_a_day_event_is_a_narrow_mark_at_its_day(client, world):
    response = client.get("/timeline/")

    scale: Scale = response.context["scale"]
    band = _row(response, "Dock strike begins").band
    assert band.left == pytest.approx(scale.x(date(2015, 6, 2)))
    assert band.width == pytest.approx(100 / scale.days)
    assert band.is_mark


def test_a_conflicting_event_is_labelled_in_words_not_only_colour(client, world):
    html = client.get("/timeline/").content.decode()

    row = re.search(r'<a class="event event--conflict"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert "Harbour bridge opens" in row
    assert "Sources disagree" in row


def test_a_date_range_keeps_the_events_it_overlaps_and_drops_the_rest(client, world):
    response = client.get("/timeline/", {"from": "2008-06-01", "to": "2015-12-31"})

    assert _labels(response) == ["Harbour bridge opens", "Dock strike begins"]
    scale = response.context["scale"]
    assert (scale.start, scale.last) == (date(2008, 6, 1), date(2015, 12, 31))
    band = _row(response, "Harbour bridge opens").band
    assert (band.left, band.clipped_start, band.clipped_end) == (0.0, True, False)


def test_a_month_inside_a_year_event_still_shows_the_year_event(client, world):
    response = client.get("/timeline/", {"from": "2008-03-01", "to": "2008-03-31"})

    assert _labels(response) == ["Harbour bridge opens"]
    band = _row(response, "Harbour bridge opens").band
    assert (band.left, band.width) == (0.0, 100.0)


def test_text_matches_an_event_label_or_its_claims(client, world):
    assert _labels(client.get("/timeline/", {"q": "summit"})) == ["Port summit"]
    assert _labels(client.get("/timeline/", {"q": "4 March"})) == ["Harbour bridge opens"]
    assert _labels(client.get("/timeline/", {"q": "nothing like this"})) == []


def test_the_filters_are_kept_in_the_zoom_links(client, world):
    response = client.get("/timeline/", {"from": "2015-01-01", "to": "2015-12-31", "q": "strike"})

    assert response.context["earlier_url"] == "?from=2014-01-01&to=2014-12-31&q=strike"
    assert response.context["zoom_in_url"] == "?from=2015-07-01&to=2015-07-31&q=strike"
    assert response.context["zoom_out_url"] == "?from=2010-01-01&to=2019-12-31&q=strike"


def test_a_range_that_ends_before_it_starts_is_refused_with_a_message(client, world):
    response = client.get("/timeline/", {"from": "2010-01-01", "to": "2009-01-01"})

    assert response.status_code == 400
    assert "The end of the range is before its start." in response.content.decode()


def test_a_malformed_date_is_refused_not_ignored(client, world):
    response = client.get("/timeline/", {"from": "March 2008"})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_event_shows_its_claims_with_the_expression_highlighted_and_the_source(client, world):
    response = client.get(f"/timeline/events/{world['bridge'].pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1" in html and "Harbour bridge opens" in html
    assert "The harbour bridge opened in <mark>2008</mark>, officials said." in html
    assert "The harbour bridge opened on <mark>4 March 2009</mark>, the mayor recalled." in html
    assert '<a href="https://ledger.example/bridge" rel="noopener noreferrer">Bridge costs revisited</a>' in html
    assert "Quayside Post" in html
    assert "2008-01-01 – 2008-12-31, year" in html
    assert "verified" in html and "unreviewed" in html
    assert "The sources give 2008 and 4 March 2009 for the opening." in html
    assert "Sources disagree" in html


def test_the_panel_is_the_event_without_the_page_around_it(client, world):
    html = client.get(f"/timeline/events/{world['bridge'].pk}/", {"panel": "1"}).content.decode()

    assert "<html" not in html
    assert '<h2 id="event-title-' in html
    assert "<mark>2008</mark>" in html


def test_an_unknown_event_is_not_found(client, world):
    assert client.get("/timeline/events/999999/").status_code == 404


def test_the_quote_is_left_whole_when_the_offsets_fall_outside_the_sentence(world):
    claim = world["in_2008"]
    claim.sentence_end = claim.sentence_start + 5

    quote = reports.claim_quote(claim)

    assert (quote.before, quote.expression, quote.after) == ("The h", "", "")


def _report(world) -> ConsistencyReport:
    resolved = _finding("weekday_mismatch", "low", "Tuesday was not the 2nd.", world["strike"], [], status="resolved", resolved_at=NOW)
    older = _finding("unresolved_date", "medium", "The contract date cannot be resolved.", world["ferry"], [])
    report = ConsistencyReport.objects.create(
        period_key="2026-03-02",
        period_start=datetime(2026, 3, 1, 2, 0, tzinfo=timezone.utc),
        period_end=NOW,
        counts={
            "new": 1,
            "still_open": 1,
            "resolved": 1,
            "events": 4,
            "events_conflicting": 1,
            "open_by_kind": {"date_conflict": 1, "unresolved_date": 1},
            "open_by_severity": {"high": 1, "medium": 1},
        },
    )
    report.new_findings.set([world["conflict"]])
    report.open_findings.set([world["conflict"], older])
    report.resolved_findings.set([resolved])
    return report


def _section(html: str, heading: str) -> str:
    return html.split(f">{heading} (")[1].split("</section>")[0]


def test_a_report_page_sorts_its_findings_into_new_still_open_and_resolved(client, world):
    report = _report(world)

    html = client.get(f"/reports/{report.pk}/").content.decode()

    assert "The sources give 2008 and 4 March 2009" in _section(html, "New")
    assert "The contract date cannot be resolved." not in _section(html, "New")
    assert "The contract date cannot be resolved." in _section(html, "Still open")
    assert "The sources give 2008" not in _section(html, "Still open")
    assert "Tuesday was not the 2nd." in _section(html, "Resolved")
    assert "<strong>1 new</strong>, 1 still open, 1 resolved." in html


def test_a_report_page_shows_the_most_serious_open_findings_with_their_sentences(client, world):
    report = _report(world)

    html = client.get(f"/reports/{report.pk}/").content.decode()

    serious = html.split("Most serious open findings")[1].split("</section>")[0]
    assert serious.index("The sources give 2008") < serious.index("The contract date cannot be resolved.")
    assert "The harbour bridge opened in <mark>2008</mark>, officials said." in serious
    assert 'href="https://post.example/mayor"' in serious
    assert re.search(r"date conflict</th><td class=\"num\">1</td>", html)


def test_the_reports_list_links_each_report(client, world):
    report = _report(world)

    html = client.get("/reports/").content.decode()

    assert f'href="/reports/{report.pk}/">2026-03-02</a>' in html


def test_the_markdown_report_highlights_expressions_and_lists_each_section(world):
    markdown = reports.render_markdown(_report(world))

    assert markdown.startswith("# factdb consistency report 2026-03-02\n")
    assert "  > The harbour bridge opened in **2008**, officials said." in markdown
    assert "  > — Quayside Post <https://post.example/mayor>" in markdown
    assert "## New (1)\n\n- **high** date conflict" in markdown
    assert "## Still open (1)\n\n- **medium** unresolved date" in markdown
    assert "## Resolved (1)\n\n- **low** weekday mismatch" in markdown


def _editor(username: str, email: str, active: bool = True) -> User:
    user = User.objects.create_user(username, email=email, is_active=active)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_a_new_report_is_emailed_once_to_each_editor_with_an_address(world, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The checks themselves are tested elsewhere; here they must leave the built findings alone.
    monkeypatch.setattr(reports, "findings_check_all", lambda: None)
    _editor("ana", "ana@newsroom.example")
    _editor("ben", "ben@newsroom.example")
    _editor("cy", "")
    _editor("dee", "dee@newsroom.example", active=False)
    User.objects.create_user("reader", email="reader@newsroom.example")

    with django_capture_on_commit_callbacks(execute=True):
        first, created = reports.report_create(now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        again, created_again = reports.report_create(now=NOW)

    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@newsroom.example", "ben@newsroom.example"]
    message = mail.outbox[0]
    assert message.subject == "factdb consistency report 2026-03-02: 1 new, 1 open"
    assert message.body == reports.render_markdown(first)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "The harbour bridge opened in <mark" in html and ">2008</mark>, officials said." in html


def test_no_email_when_only_smtp_without_a_host_is_configured(world, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    monkeypatch.setattr(reports, "findings_check_all", lambda: None)
    _editor("ana", "ana@newsroom.example")

    with django_capture_on_commit_callbacks(execute=True):
        _, created = reports.report_create(now=NOW)

    assert created
    assert reports.report_email(report=ConsistencyReport.objects.get()) == 0
    assert mail.outbox == []
