"""A visitor uses the timeline in a real browser (Debian's Chromium, driven by Playwright).

Screenshots land in test-artifacts/ for a human to look at.
"""

import hashlib
from datetime import date, datetime, timezone

import pytest



def _article(text: str, outlet: str, url: str):
    from claims.models import Article

    return Article.objects.create(
        url=url, outlet=outlet, title=f"{outlet} report", raw=text, text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published_at=datetime(2021, 1, 5, 9, 0, tzinfo=timezone.utc), status="checked",
    )  # fmt: skip


def _claim(article, expression: str, event, start, end, granularity: str):
    from claims.models import Claim

    at = article.text.index(expression)
    sentence_start = article.text.rfind(". ", 0, at) + 2 if ". " in article.text[:at] else 0
    return Claim.objects.create(
        article=article, text=expression, start=at, end=at + len(expression),
        sentence_start=sentence_start, sentence_end=article.text.find(".", at) + 1,
        value_start=start, value_end=end, granularity=granularity,
        resolution="absolute" if start else "unresolved", event=event,
    )  # fmt: skip


@pytest.fixture
def newsroom():
    """Four events from 1999 to 2025 at every precision, one of them disputed, one undated."""
    from timeline.models import Event, Finding

    ledger = _article("The harbour bridge opened in 2008, officials said. Tolls followed.", "Harbour Ledger", "https://ledger.example/bridge")
    post = _article("Crowds lined the quay. The harbour bridge opened on 4 March 2009, the mayor recalled.", "Quayside Post", "https://post.example/mayor")
    gazette = _article(
        "The port authority was founded in 1999. The dock strike began on 2 June 2015. "
        "A port summit followed in November 2020. The ferry contract was signed next Tuesday. The new quay opened on 8 August 2025.",
        "Port Gazette",
        "https://gazette.example/port",
    )
    events = {
        "bridge": Event.objects.create(label="Harbour bridge opens", value_start=date(2008, 1, 1), value_end=date(2008, 12, 31), granularity="year", status="conflicting"),
        "authority": Event.objects.create(label="Port authority founded", value_start=date(1999, 1, 1), value_end=date(1999, 12, 31), granularity="year", status="consistent"),
        "strike": Event.objects.create(label="Dock strike begins", value_start=date(2015, 6, 2), value_end=date(2015, 6, 2), granularity="day", status="consistent"),
        "summit": Event.objects.create(label="Port summit", value_start=date(2020, 11, 1), value_end=date(2020, 11, 30), granularity="month", status="unverified"),
        "quay": Event.objects.create(label="New quay opens", value_start=date(2025, 8, 8), value_end=date(2025, 8, 8), granularity="day", status="unverified"),
        "ferry": Event.objects.create(label="Ferry contract signed", status="unverified"),
    }
    claims = [
        _claim(ledger, "2008", events["bridge"], date(2008, 1, 1), date(2008, 12, 31), "year"),
        _claim(post, "4 March 2009", events["bridge"], date(2009, 3, 4), date(2009, 3, 4), "day"),
    ]
    _claim(gazette, "1999", events["authority"], date(1999, 1, 1), date(1999, 12, 31), "year")
    _claim(gazette, "2 June 2015", events["strike"], date(2015, 6, 2), date(2015, 6, 2), "day")
    _claim(gazette, "November 2020", events["summit"], date(2020, 11, 1), date(2020, 11, 30), "month")
    _claim(gazette, "8 August 2025", events["quay"], date(2025, 8, 8), date(2025, 8, 8), "day")
    _claim(gazette, "next Tuesday", events["ferry"], None, None, "day")
    finding = Finding.objects.create(
        kind="date_conflict", severity="high", message="The sources give 2008 and 4 March 2009 for the opening.",
        event=events["bridge"], fingerprint="bridge-conflict", last_seen_at=datetime.now(timezone.utc),
    )  # fmt: skip
    finding.claims.set(claims)
    from timeline.summaries import events_refresh_listing

    events_refresh_listing(event_ids=[e.id for e in events.values()])  # what the pipeline keeps on each event
    return events



def _labels(page) -> list[str]:
    return page.locator(".rows .event__label").all_inner_texts()


def test_a_visitor_filters_the_timeline_and_opens_an_event(live_server, newsroom, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/timeline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    assert _labels(page) == ["Port authority founded", "Harbour bridge opens", "Dock strike begins", "Port summit", "New quay opens"]
    expect(page.locator(".undated")).to_contain_text("Ferry contract signed")
    expect(page.locator(".ticks")).to_contain_text("2000")
    page.screenshot(path=str(artifacts / "timeline-all.png"), full_page=True)

    page.get_by_label("From", exact=True).fill("2008-01-01")
    page.get_by_label("To", exact=True).fill("2016-12-31")
    page.get_by_role("button", name="Show").click()

    page.wait_for_url("**/timeline/?from=2008-01-01&to=2016-12-31*")
    assert _labels(page) == ["Harbour bridge opens", "Dock strike begins"]
    conflicting = page.locator("a.event--conflict")
    expect(conflicting).to_contain_text("Sources disagree")
    page.screenshot(path=str(artifacts / "timeline-filtered.png"), full_page=True)

    # Keyboard: the event is a link, Enter opens it in the panel.
    conflicting.focus()
    page.keyboard.press("Enter")

    panel = page.locator("#detail")
    expect(panel.get_by_role("heading", name="Harbour bridge opens")).to_be_focused()
    expect(panel.locator("mark")).to_have_text(["2008", "4 March 2009"])
    expect(panel).to_contain_text("The harbour bridge opened in 2008, officials said.")
    expect(panel).to_contain_text("Quayside Post")
    expect(panel.get_by_role("link", name="Harbour Ledger report")).to_have_attribute("href", "https://ledger.example/bridge")
    expect(panel.locator(".finding")).to_contain_text("The sources give 2008 and 4 March 2009 for the opening.")
    assert page.url.endswith("/timeline/?from=2008-01-01&to=2016-12-31&q=")  # the panel did not leave the page
    page.screenshot(path=str(artifacts / "timeline-event-panel.png"), full_page=True)


def test_a_visitor_zooms_from_the_decades_down_to_a_day(live_server, newsroom, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/timeline/?from=2025-01-01&to=2025-12-31")
    expect(page.locator(".ticks")).to_contain_text("Aug")
    page.get_by_role("link", name="Aug", exact=True).click()

    page.wait_for_url("**/timeline/?from=2025-08-01&to=2025-08-31*")
    assert _labels(page) == ["New quay opens"]
    band = page.locator(".rows .band").first
    track = page.locator(".rows .track").first
    # One day of a 31-day month: a thirty-first of the track, starting a week in.
    band_box, track_box = band.bounding_box(), track.bounding_box()
    assert band_box["width"] == pytest.approx(track_box["width"] / 31, abs=1.5)
    assert band_box["x"] - track_box["x"] == pytest.approx(track_box["width"] * 7 / 31, abs=1.5)
    page.screenshot(path=str(artifacts / "timeline-month.png"), full_page=True)

    page.get_by_role("link", name="Day", exact=True).click()
    page.wait_for_url("**/timeline/?from=2025-08-16&to=2025-08-16*")
    expect(page.locator(".empty").first).to_contain_text("No dated events match these filters")


@pytest.fixture
def report(newsroom):
    from timeline.models import ConsistencyReport, Finding

    report = ConsistencyReport.objects.create(
        period_key="2026-03-02", period_end=datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc),
        counts={"new": 1, "still_open": 0, "resolved": 0, "events": 6, "events_conflicting": 1,
                "open_by_kind": {"date_conflict": 1}, "open_by_severity": {"high": 1}},
    )  # fmt: skip
    report.new_findings.set(Finding.objects.all())
    report.open_findings.set(Finding.objects.all())
    return report


def test_an_editor_reads_a_report_and_follows_a_finding_to_its_event(live_server, report, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="2026-03-02").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Consistency report 2026-03-02")
    serious = page.locator(".serious")
    expect(serious.locator("mark")).to_have_text(["2008", "4 March 2009"])
    expect(page.locator("#new-heading")).to_have_text("New (1)")
    expect(serious.get_by_role("link", name="Quayside Post report")).to_have_attribute("href", "https://post.example/mayor")
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)

    serious.get_by_role("link", name="Harbour bridge opens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour bridge opens")
