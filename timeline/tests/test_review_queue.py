"""The editors' review queue in the admin: what it shows, in which order, and its one-click actions."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.test import Client

from claims.models import Article, Claim
from claims.tests.test_api_fixtures import _fresh_throttles, editor, make_article, make_claim, make_event, make_finding, make_user, viewer  # noqa: F401
from timeline.models import Event, Finding

pytestmark = pytest.mark.django_db

QUEUE = "/admin/timeline/finding/review/"
PLUS4 = timezone(timedelta(hours=4))


@pytest.fixture
def editor_browser(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def signing():
    """One signing, two outlets a day apart, and the high date conflict the checks raised."""
    a = make_article(
        "Officials met in the morning. The ministers signed the accord on May 4, 2026, in the port city.",
        outlet="Harbour Ledger",
        url="https://ledger.example/accord",
        published_at=datetime(2026, 5, 5, 9, 30, tzinfo=PLUS4),
    )
    b = make_article("The ministers signed the accord on May 5, 2026.", outlet="Quayside Post", url="https://post.example/accord")
    event = make_event("accord signed", date(2026, 5, 4), date(2026, 5, 5), status="conflicting")
    claims = [make_claim(a, "May 4, 2026", date(2026, 5, 4), event=event), make_claim(b, "May 5, 2026", date(2026, 5, 5), event=event)]
    finding = make_finding(event, claims, severity="high", message="Harbour Ledger says 2026-05-04, Quayside Post 2026-05-05")
    return {"event": event, "claims": claims, "finding": finding, "articles": [a, b]}


def _finding_on_new_event(label: str, severity: str, first_seen: datetime) -> Finding:
    article = make_article(f"The {label} happened in 2019.", outlet="Port Gazette")
    event = make_event(label, date(2019, 1, 1), date(2019, 12, 31), granularity="year", status="conflicting")
    finding = make_finding(event, [make_claim(article, "2019", date(2019, 1, 1), date(2019, 12, 31), granularity="year", event=event)], severity=severity, message=f"{label} is disputed")
    Finding.objects.filter(pk=finding.pk).update(first_seen_at=first_seen)
    return finding


def test_the_admin_home_page_links_to_the_review_queue(editor_browser):
    response = editor_browser.get("/admin/")

    assert response.status_code == 200
    assert f'href="{QUEUE}"' in response.content.decode()


def test_the_queue_needs_a_staff_login():
    response = Client().get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_open_findings_come_most_severe_first_then_newest(editor_browser):
    day = datetime(2026, 5, 1, tzinfo=timezone.utc)
    low = _finding_on_new_event("low one", "low", day + timedelta(days=3))
    old_high = _finding_on_new_event("old high", "high", day)
    info = _finding_on_new_event("info one", "info", day + timedelta(days=4))
    new_high = _finding_on_new_event("new high", "high", day + timedelta(days=2))
    medium = _finding_on_new_event("medium one", "medium", day + timedelta(days=1))
    closed = _finding_on_new_event("dismissed one", "high", day + timedelta(days=5))
    Finding.objects.filter(pk=closed.pk).update(status="dismissed", dismiss_reason="not a conflict")

    page = editor_browser.get(QUEUE).content.decode()

    order = [new_high, old_high, medium, low, info]
    positions = [page.index(f'id="finding-{f.pk}"') for f in order]
    assert positions == sorted(positions)
    assert f'id="finding-{closed.pk}"' not in page
    assert f'id="dismissed-{closed.pk}"' in page


def test_a_finding_shows_every_side_with_outlet_time_marked_sentence_link_interval_and_status(editor_browser, signing):
    page = editor_browser.get(QUEUE).content.decode()

    card = page[page.index(f'id="finding-{signing["finding"].pk}"') :]
    assert "Harbour Ledger" in card and "Quayside Post" in card
    assert "The ministers signed the accord on <mark>May 4, 2026</mark>, in the port city." in card
    assert "The ministers signed the accord on <mark>May 5, 2026</mark>." in card
    assert "2026-05-05T09:30+04:00" in card  # in the article's own zone
    assert 'href="https://ledger.example/accord"' in card
    assert "2026-05-04 <small>(day, absolute)</small>" in card
    assert "unreviewed" in card


def test_the_sentence_is_escaped_around_the_mark(editor_browser):
    article = make_article("Crowds chanted <b>no</b> & left on June 1, 2026.", outlet="Wire")
    event = make_event("crowds left", date(2026, 6, 1), status="conflicting")
    make_claim(article, "June 1, 2026", date(2026, 6, 1), event=event)

    page = editor_browser.get(QUEUE).content.decode()

    assert "Crowds chanted &lt;b&gt;no&lt;/b&gt; &amp; left on <mark>June 1, 2026</mark>." in page


def test_unreviewed_claims_on_conflicting_events_follow_the_findings(editor_browser, signing):
    article = make_article("The bridge opened in 2009.", outlet="Bridge News")
    bridge = make_event("bridge opened", date(2009, 1, 1), date(2009, 12, 31), granularity="year", status="conflicting")
    unreviewed = make_claim(article, "2009", date(2009, 1, 1), date(2009, 12, 31), granularity="year", event=bridge)
    quiet = make_event("quiet event", date(2010, 1, 1), granularity="year", status="consistent")
    calm = make_claim(make_article("Nothing happened in 2010.", outlet="Calm"), "2010", date(2010, 1, 1), date(2010, 12, 31), granularity="year", event=quiet)

    page = editor_browser.get(QUEUE).content.decode()

    section = page[page.index('id="unreviewed"') :]
    assert f'id="claim-{unreviewed.pk}"' in section
    assert f'id="claim-{calm.pk}"' not in page
    # Claims already shown with their finding are not listed twice.
    assert f'id="claim-{signing["claims"][0].pk}"' not in section


def test_verify_records_the_verdict_the_editor_and_history_then_shows_the_new_state(editor_browser, editor, signing):
    claim = signing["claims"][0]

    response = editor_browser.post(f"{QUEUE}claim/{claim.pk}/verify/", {"note": "matches the signed text", "anchor": f"finding-{signing['finding'].pk}"})

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}#finding-{signing['finding'].pk}"
    claim.refresh_from_db()
    assert (claim.review_status, claim.reviewed_by, claim.review_note) == ("verified", editor, "matches the signed text")
    assert claim.history.first().history_user == editor
    page = editor_browser.get(QUEUE).content.decode()
    assert "Verified “May 4, 2026” (Harbour Ledger)." in page
    assert "verified by edna — “matches the signed text”" in page


def test_mark_wrong_rejects_the_claim(editor_browser, editor, signing):
    claim = signing["claims"][1]

    editor_browser.post(f"{QUEUE}claim/{claim.pk}/reject/")

    claim.refresh_from_db()
    assert (claim.review_status, claim.reviewed_by) == ("rejected", editor)


def test_dismissing_needs_a_reason_and_says_so_verbatim(editor_browser, signing):
    response = editor_browser.post(f"{QUEUE}finding/{signing['finding'].pk}/dismiss/", {"reason": "  "}, follow=True)

    assert "Reason: say why the finding is a false alarm" in response.content.decode()
    signing["finding"].refresh_from_db()
    assert signing["finding"].status == "open"


def test_dismissing_with_a_reason_moves_the_finding_to_the_dismissed_list(editor_browser, editor, signing):
    finding = signing["finding"]

    response = editor_browser.post(f"{QUEUE}finding/{finding.pk}/dismiss/", {"reason": "same day in the port's time zone"}, follow=True)

    finding.refresh_from_db()
    assert (finding.status, finding.dismissed_by, finding.dismiss_reason) == ("dismissed", editor, "same day in the port's time zone")
    assert finding.history.first().history_user == editor
    page = response.content.decode()
    assert f'id="finding-{finding.pk}"' not in page and f'id="dismissed-{finding.pk}"' in page


def test_reopen_puts_a_dismissed_finding_back_in_the_queue(editor_browser, editor, signing):
    finding = signing["finding"]
    Finding.objects.filter(pk=finding.pk).update(status="dismissed", dismissed_by=editor, dismiss_reason="no")

    response = editor_browser.post(f"{QUEUE}finding/{finding.pk}/reopen/", follow=True)

    finding.refresh_from_db()
    assert (finding.status, finding.dismiss_reason) == ("open", "")
    assert f'id="finding-{finding.pk}"' in response.content.decode()


def test_correcting_the_publication_time_keeps_its_offset_and_queues_reprocessing(editor_browser, editor, signing, django_capture_on_commit_callbacks):
    article = signing["articles"][1]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        editor_browser.post(f"{QUEUE}article/{article.pk}/published-at/", {"published_at": "2026-05-05T23:30:00-05:00"})

    article.refresh_from_db()
    assert article.published_at == datetime(2026, 5, 6, 4, 30, tzinfo=timezone.utc)
    assert (article.published_utc_offset, article.status) == (-300, "pending")
    assert article.history.first().history_user == editor
    assert len(callbacks) == 1


def test_a_publication_time_without_an_offset_is_refused_with_the_parser_message(editor_browser, signing):
    article = signing["articles"][1]

    response = editor_browser.post(f"{QUEUE}article/{article.pk}/published-at/", {"published_at": "2026-05-05T10:00"}, follow=True)

    assert "Published_at: &#x27;2026-05-05T10:00&#x27; has no UTC offset (e.g. +04:00 or Z)" in response.content.decode()
    article.refresh_from_db()
    assert article.published_at is None


def test_correcting_the_url(editor_browser, editor, signing):
    article = signing["articles"][1]

    editor_browser.post(f"{QUEUE}article/{article.pk}/url/", {"url": "https://post.example/accord-corrected"})

    article.refresh_from_db()
    assert article.url == "https://post.example/accord-corrected"
    assert article.history.first().history_user == editor


def test_a_url_another_article_has_is_refused(editor_browser, signing):
    article = signing["articles"][1]

    response = editor_browser.post(f"{QUEUE}article/{article.pk}/url/", {"url": "https://ledger.example/accord"}, follow=True)

    assert "Url: another article already has this URL" in response.content.decode()
    article.refresh_from_db()
    assert article.url == "https://post.example/accord"


def test_merging_moves_the_claims_onto_the_target_and_deletes_the_source(editor_browser, editor, signing):
    other = make_event("accord signing ceremony", date(2026, 5, 4))
    stray = make_claim(make_article("The accord ceremony was held on May 4, 2026.", outlet="Gazette"), "May 4, 2026", date(2026, 5, 4), event=other)

    response = editor_browser.post(f"{QUEUE}event/merge/", {"target": signing["event"].pk, "sources": [str(other.pk), str(signing["event"].pk)]}, follow=True)

    assert "Merged “accord signing ceremony” into “accord signed”." in response.content.decode()
    stray.refresh_from_db()
    assert (stray.event, stray.event_pinned) == (signing["event"], True)
    assert not Event.objects.filter(pk=other.pk).exists()
    assert stray.history.first().history_user == editor


def test_merging_into_a_missing_event_says_so(editor_browser, signing):
    response = editor_browser.post(f"{QUEUE}event/merge/", {"target": signing["event"].pk, "sources": "999999"}, follow=True)

    assert "Sources: no event with id 999999" in response.content.decode()


def test_splitting_moves_the_ticked_claims_to_a_new_pinned_event(editor_browser, editor, signing):
    moved = signing["claims"][1]

    response = editor_browser.post(f"{QUEUE}event/{signing['event'].pk}/split/", {"claim_ids": [moved.pk], "label": "accord ratified"}, follow=True)

    assert "into the new event “accord ratified”" in response.content.decode()
    moved.refresh_from_db()
    assert (moved.event.label, moved.event.key, moved.event_pinned) == ("accord ratified", None, True)
    assert Claim.objects.get(pk=signing["claims"][0].pk).event == signing["event"]
    assert moved.history.first().history_user == editor


def test_splitting_without_a_name_says_so(editor_browser, signing):
    response = editor_browser.post(f"{QUEUE}event/{signing['event'].pk}/split/", {"claim_ids": [signing["claims"][1].pk], "label": ""}, follow=True)

    assert "Label: name the new event" in response.content.decode()
    assert Event.objects.count() == 1


def test_the_queue_links_to_the_alias_admin(editor_browser):
    assert 'href="/admin/timeline/entityalias/"' in editor_browser.get(QUEUE).content.decode()


def test_actions_answer_only_post(editor_browser, signing):
    assert editor_browser.get(f"{QUEUE}claim/{signing['claims'][0].pk}/verify/").status_code == 405


def test_an_unknown_claim_is_a_404(editor_browser):
    assert editor_browser.post(f"{QUEUE}claim/999999/verify/").status_code == 404


def test_after_a_publication_time_fix_the_pipeline_re_resolves_yesterday(editor_browser, django_capture_on_commit_callbacks):
    from claims.services import ArticleIn, article_ingest

    # In a test transaction nothing commits: run the pipeline's on_commit tasks by hand.
    with django_capture_on_commit_callbacks(execute=True):
        result = article_ingest(
            data=ArticleIn(body="The harbour reopened yesterday, the port authority said.", outlet="Wire", published_at=datetime(2026, 5, 8, 10, 0, tzinfo=PLUS4))
        )
    article = Article.objects.get(pk=result.article.pk)
    assert article.claims.get().value_start == date(2026, 5, 7)

    with django_capture_on_commit_callbacks(execute=True):
        editor_browser.post(f"{QUEUE}article/{article.pk}/published-at/", {"published_at": "2026-05-05T10:00:00+04:00"})

    claim = article.claims.get()
    assert (claim.value_start, claim.value_end, claim.granularity) == (date(2026, 5, 4), date(2026, 5, 4), "day")
    assert Article.objects.get(pk=article.pk).status == "checked"
