"""The TimelineJS export loads in TimelineJS itself (the npm package, served locally) in a real browser.

TimelineJS validates the JSON as it builds its configuration (TimelineConfig
logs an error for a bad date or a missing year) and shows each date the way
its precision allows: a month is "April 2026", never "April 1, 2026".
"""

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

DIST = Path(__file__).parent / "timelinejs" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

pytestmark = pytest.mark.skipif(not (DIST / "js" / "timeline.js").exists(), reason="TimelineJS is not installed (make test runs npm ci in tests/browser/timelinejs)")

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="/tljs/timeline.css"><script src="/tljs/timeline.js"></script></head>
<body><div id="embed" style="width: 1200px; height: 700px"></div>
<script>
fetch("/api/exports/timelinejs/").then((r) => r.json()).then((data) => {
  window.exported = data;
  window.timeline = new TL.Timeline("embed", data);
  window.loaded = true;
}).catch((e) => { window.failure = String(e); });
</script></body></html>"""


@pytest.fixture
def events():
    from claims.models import Article, Claim
    from timeline.models import Event

    text = "Ministers signed the accord on March 2, 2026. The commission meets in April 2026. The river port was built in 1998."
    article = Article.objects.create(
        url="https://ledger.example/accord", outlet="Harbour Ledger", title="Accord signed", raw=text, text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(), published_at=datetime(2026, 3, 3, tzinfo=timezone.utc), status="checked",
    )  # fmt: skip
    made = {}
    for label, expression, start, end, granularity in (
        ("Accord signed", "March 2, 2026", date(2026, 3, 2), date(2026, 3, 2), "day"),
        ("Commission meets", "April 2026", date(2026, 4, 1), date(2026, 4, 30), "month"),
        ("River port built", "1998", date(1998, 1, 1), date(1998, 12, 31), "year"),
    ):
        event = Event.objects.create(label=label, value_start=start, value_end=end, granularity=granularity, status="consistent")
        at = text.index(expression)
        Claim.objects.create(
            article=article, text=expression, start=at, end=at + len(expression), sentence_start=0, sentence_end=len(text),
            value_start=start, value_end=end, granularity=granularity, resolution="absolute", event=event,
        )  # fmt: skip
        made[label] = event
    from timeline.summaries import events_refresh_listing

    events_refresh_listing(event_ids=[e.id for e in made.values()])  # the counts the timeline lists by, as the pipeline keeps them
    return made


def test_timelinejs_loads_the_export_without_errors_and_shows_each_date_at_its_precision(live_server, events, page, artifacts):
    def serve(route):
        name = route.request.url.rsplit("/", 1)[-1]
        if name == "index.html":
            route.fulfill(body=PAGE, content_type="text/html")
        elif name == "timeline.js":
            route.fulfill(path=str(DIST / "js" / "timeline.js"), content_type="application/javascript")
        elif name == "timeline.css":
            route.fulfill(path=str(DIST / "css" / "timeline.css"), content_type="text/css")
        else:
            route.fulfill(status=404, body="")

    # Served from the live server's origin, so the page may fetch the export without CORS.
    page.route(f"{live_server.url}/tljs/**", serve)
    page.goto(f"{live_server.url}/tljs/index.html")
    page.wait_for_function("window.loaded === true || window.failure !== undefined")
    assert page.evaluate("window.failure") is None
    assert page.evaluate("window.timeline.config.isValid()") is True
    assert page.evaluate("window.timeline.config.getErrors()") == []
    assert page.evaluate("window.timeline.config.events.length") == 3

    # The dates as TimelineJS itself will display them.
    shown = page.evaluate(
        """Object.fromEntries(window.timeline.config.events.map(
            (e) => [e.text.headline, e.start_date.getDisplayDate ? e.start_date.getDisplayDate() : String(e.start_date)]))"""
    )
    assert shown["Commission meets"] == "April 2026"
    assert shown["River port built"] == "1998"
    assert "March 2" in shown["Accord signed"] and "2026" in shown["Accord signed"]
    page.wait_for_selector(".tl-timeline .tl-slide", state="attached")
    page.screenshot(path=str(artifacts / "timelinejs-export.png"))
