"""An editor works the review queue in a real browser (Debian's Chromium, driven by Playwright).

The articles go through the real pipeline (Celery eager, on_commit firing for
real in a transactional test), so the findings on screen are what extraction,
linking and the checks make of them. Screenshots land in test-artifacts/.
"""

from datetime import datetime, timedelta, timezone

import pytest

PLUS4 = timezone(timedelta(hours=4))


@pytest.fixture
def desk():
    """Three signings, each dated differently by two outlets.

    One outlet's publication time is two days late, so its "yesterday" lands
    two days after the others' date; the other two disagreements are plain
    one-day splits between two outlets.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from claims.services import ArticleIn, article_ingest
    from timeline.models import EntityAlias, Finding

    # Linking knows documents from the alias table; these two are the editors' entries.
    for name in ("Harbour Accord", "Ferry Protocol", "Canal Treaty"):
        EntityAlias.objects.create(canonical=name, alias=name, kind="document")
    articles = [
        ("Wire One", "https://one.example/accord", "The two governments signed the Harbour Accord yesterday, officials said.", datetime(2026, 3, 6, 10, 0, tzinfo=PLUS4)),
        ("Two Daily", "https://two.example/accord", "The two governments signed the Harbour Accord on March 3, 2026.", datetime(2026, 3, 4, 10, 0, tzinfo=PLUS4)),
        ("Port Gazette", "https://gazette.example/ferry", "The port operators signed the Ferry Protocol on April 14, 2026.", datetime(2026, 4, 20, 8, 0, tzinfo=PLUS4)),
        ("Quay Times", "https://quay.example/ferry", "The port operators signed the Ferry Protocol on April 15, 2026.", datetime(2026, 4, 20, 9, 0, tzinfo=PLUS4)),
        ("Lock Herald", "https://herald.example/canal", "The ministers signed the Canal Treaty on May 20, 2026.", datetime(2026, 5, 25, 8, 0, tzinfo=PLUS4)),
        ("Towpath News", "https://towpath.example/canal", "The ministers signed the Canal Treaty on May 21, 2026.", datetime(2026, 5, 25, 9, 0, tzinfo=PLUS4)),
    ]
    for outlet, url, body, published_at in articles:
        article_ingest(data=ArticleIn(body=body, outlet=outlet, url=url, published_at=published_at))
    # Linking names an event after its document and its date: "Signing of Harbour Accord (2026-03-03)".
    names = ("Harbour Accord", "Ferry Protocol", "Canal Treaty")
    findings = {name: f for f in Finding.objects.filter(status="open").select_related("event") for name in names if name in f.event.label}
    assert sorted(findings) == sorted(names), findings

    user = get_user_model().objects.create_user("edna", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return {"accord": findings["Harbour Accord"].pk, "ferry": findings["Ferry Protocol"].pk, "canal": findings["Canal Treaty"].pk}



def test_an_editor_verifies_dismisses_and_fixes_a_publication_time_in_the_review_queue(live_server, desk, page, artifacts):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Review queue").click()

    expect(page.get_by_role("heading", name="Open findings (3)")).to_be_visible()
    accord = page.locator(f"#finding-{desk['accord']}")
    ferry = page.locator(f"#finding-{desk['ferry']}")
    canal = page.locator(f"#finding-{desk['canal']}")
    wire_one = accord.locator(".rq-claim", has_text="Wire One")
    two_daily = accord.locator(".rq-claim", has_text="Two Daily")
    expect(wire_one.locator("mark")).to_have_text("yesterday")
    expect(wire_one.locator(".rq-published")).to_have_text("2026-03-06T10:00+04:00")
    expect(wire_one.locator(".rq-interval")).to_contain_text("2026-03-05 (day, relative)")
    expect(two_daily.locator("mark")).to_have_text("March 3, 2026")
    expect(two_daily.get_by_role("link", name="https://two.example/accord")).to_have_attribute("href", "https://two.example/accord")
    page.screenshot(path=str(artifacts / "review-queue.png"), full_page=True)

    # Verifying one side of a disagreement settles it: the finding leaves the queue.
    ferry.locator(".rq-claim", has_text="Port Gazette").get_by_role("button", name="Verify").click()
    expect(page.locator(".messagelist")).to_contain_text("Verified “April 14, 2026” (Port Gazette).")
    expect(ferry).to_have_count(0)
    expect(page.get_by_role("heading", name="Open findings (2)")).to_be_visible()

    # Dismissing needs a reason: without one the editor is told why, and nothing changes.
    canal.get_by_role("button", name="Dismiss").click()
    expect(page.locator(".messagelist .error")).to_contain_text("say why the finding is a false alarm")
    expect(canal).to_be_visible()
    canal.get_by_label("False alarm because").fill("one outlet dates it by the signing dinner the evening before")
    canal.get_by_role("button", name="Dismiss").click()
    expect(page.locator(".messagelist")).to_contain_text("Dismissed as a false alarm")
    expect(canal).to_have_count(0)
    expect(page.locator(f"#dismissed-{desk['canal']}")).to_contain_text("one outlet dates it by the signing dinner the evening before")
    expect(page.get_by_role("heading", name="Open findings (1)")).to_be_visible()
    page.screenshot(path=str(artifacts / "review-queue-after-verify-and-dismiss.png"), full_page=True)

    # The late publication time: corrected, the pipeline re-runs in the request and the conflict goes away.
    wire_one.locator("summary", has_text="Correct the article").click()
    wire_one.get_by_label("publication time").fill("2026-03-04T10:00:00+04:00")
    wire_one.get_by_role("button", name="Set publication time").click()
    expect(page.locator(".messagelist")).to_contain_text("is now 2026-03-04T10:00+04:00")
    expect(page.locator(".messagelist")).to_contain_text("(status: checked)")
    expect(accord).to_have_count(0)
    expect(page.get_by_role("heading", name="Open findings (0)")).to_be_visible()
    page.screenshot(path=str(artifacts / "review-queue-after-publication-fix.png"), full_page=True)

    # The finding is resolved, and the re-extracted claim now reads the day the other outlet gives.
    for settled in ("accord", "ferry"):
        page.goto(f"{live_server.url}/admin/timeline/finding/{desk[settled]}/change/")
        expect(page.locator(".field-status")).to_contain_text("Resolved")
    page.goto(f"{live_server.url}/admin/claims/claim/?q=yesterday")
    expect(page.locator("#result_list")).to_contain_text("2026-03-03")
    page.screenshot(path=str(artifacts / "review-claim-after-publication-fix.png"), full_page=True)
