"""Events carry what lists show, kept by the services; the page is cached by the timeline's version."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection

from claims.tests.test_api_fixtures import editor, make_article, make_claim, make_event, make_finding  # noqa: F401  (fixtures)
from timeline.models import Event
from timeline.summaries import events_refresh_summaries
from timeline.versions import timeline_version_bump
from timeline.services import finding_dismiss
from timeline.summaries import events_refresh_conflict_flags, events_refresh_listing
from timeline.versions import timeline_version

pytestmark = pytest.mark.django_db

SIGNED = "The charter was signed on August 8, 2008 in Baku."
OTHER = "Officials said the charter was signed on August 9, 2008."
TALKS = "Переговоры в Баку начались 8 августа 2008 года."


@pytest.fixture
def charter():
    event = make_event("charter signed", None, status="unverified")
    wire = make_article(SIGNED, outlet="Caspian Wire", url="https://a.test/1", title="Accord signed in Baku")
    ledger = make_article(OTHER, outlet="Ledger", url="https://b.test/2", title="A second date for the accord")
    make_claim(wire, "August 8, 2008", date(2008, 8, 8), event=event)
    make_claim(ledger, "August 9, 2008", date(2008, 8, 9), event=event)
    return event


def test_refreshing_the_consensus_stores_what_the_timeline_shows(charter, django_capture_on_commit_callbacks):
    before = timeline_version()
    with django_capture_on_commit_callbacks(execute=True):
        events_refresh_summaries(event_ids=[charter.pk])

    charter.refresh_from_db()
    assert (charter.claim_count, charter.outlet_count, charter.status) == (2, 2, "conflicting")
    assert charter.search_text == (
        "Accord signed in Baku\nA second date for the accord\nThe charter was signed on August 8, 2008 in Baku.\n"
        "Officials said the charter was signed on August 9, 2008."
    )
    assert timeline_version() == before + 1


def test_a_version_bump_happens_once_per_transaction(charter, django_capture_on_commit_callbacks):
    other = make_event("talks", None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        events_refresh_summaries(event_ids=[charter.pk])
        events_refresh_summaries(event_ids=[other.pk])

    assert len(callbacks) == 1


def test_the_listing_refresh_leaves_the_consensus_as_stored(charter):
    assert events_refresh_listing(event_ids=[charter.id]) == 1

    charter.refresh_from_db()
    assert (charter.claim_count, charter.outlet_count, charter.status, charter.value_start) == (2, 2, "unverified", None)
    assert events_refresh_listing(event_ids=[charter.id]) == 0  # nothing changed the second time


def test_an_open_finding_flags_its_event_until_it_is_dismissed(charter, editor):
    finding = make_finding(charter, list(charter.claims.all()))

    assert events_refresh_conflict_flags(event_ids=[charter.id]) == 1
    assert Event.objects.get(pk=charter.pk).has_open_conflict is True

    finding_dismiss(finding=finding, editor=editor, reason="the second outlet corrected itself")

    assert Event.objects.get(pk=charter.pk).has_open_conflict is False


def test_a_finding_on_claims_alone_flags_the_events_of_those_claims(charter):
    finding = make_finding(charter, list(charter.claims.all()))
    finding.event = None
    finding.save()

    events_refresh_conflict_flags(event_ids=[charter.id])

    assert Event.objects.get(pk=charter.pk).has_open_conflict is True


def test_the_page_is_served_from_the_cache_until_the_timeline_changes(client, charter, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks):
    settings.TIMELINE_PAGE_CACHE_SECONDS = 60
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        events_refresh_summaries(event_ids=[charter.pk])
    first = client.get("/timeline/")
    assert "charter signed" in first.content.decode()

    Event.objects.filter(pk=charter.pk).update(label="charter renamed")  # behind the services' back: no bump
    with django_assert_max_num_queries(1):  # the version alone
        cached = client.get("/timeline/")
    assert cached.content == first.content

    with django_capture_on_commit_callbacks(execute=True):
        timeline_version_bump()  # what linking does when it relabels or the consensus moves
    assert "charter renamed" in client.get("/timeline/").content.decode()


def test_the_page_reads_a_constant_number_of_queries(client, charter, django_assert_max_num_queries):
    undated = make_event("talks", None, status="unverified")
    make_claim(make_article("The talks will resume at some point.", outlet="Post"), "at some point", None, resolution="unresolved", event=undated)
    events_refresh_summaries(event_ids=[charter.pk])
    events_refresh_listing(event_ids=[undated.id])

    # Dated events, undated events, the undated events' outlets (the cache is off in tests: no version read).
    with django_assert_max_num_queries(3):
        response = client.get("/timeline/")
    assert [row.event.label for row in response.context["rows"]] == ["charter signed"]
    assert [(row.event.label, row.outlets) for row in response.context["undated"]] == [("talks", ["Post"])]
    with django_assert_max_num_queries(5):  # and on PostgreSQL a probe of the words for each of the two lists
        client.get("/timeline/", {"q": "charter", "from": "2008-01-01", "to": "2008-12-31"})


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search and trigrams are PostgreSQL's")


@pytest.fixture
def searchable(charter):
    talks = make_event("Переговоры начались", None, status="unverified")
    make_claim(make_article(TALKS, outlet="Вести", url="https://c.test/3", title="Переговоры в Баку"), "8 августа 2008 года", date(2008, 8, 8), event=talks)
    events_refresh_summaries(event_ids=[charter.pk])
    events_refresh_summaries(event_ids=[talks.pk])
    return {"charter": charter, "talks": talks}


def _labels(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [e["label"] for e in response.json()["results"]]


@postgres_only
def test_search_finds_word_forms_in_either_language(client, searchable):
    assert _labels(client.get("/api/timeline/", {"q": "signing"})) == ["charter signed"]  # English stem of "signed"
    assert _labels(client.get("/api/timeline/", {"q": "переговоров"})) == ["Переговоры начались"]  # Russian stem


@postgres_only
def test_search_finds_partial_words_and_misspelt_names(client, searchable):
    assert _labels(client.get("/api/timeline/", {"q": "Bak"})) == ["charter signed"]
    assert _labels(client.get("/api/timeline/", {"q": "Бак"})) == ["Переговоры начались"]
    assert _labels(client.get("/api/events/", {"q": "charter sigend"})) == ["charter signed"]  # trigram similarity on the label


@postgres_only
def test_ranked_search_puts_a_label_match_first(client, searchable):
    other = make_event("Accord ratified", None)
    make_claim(make_article("The charter was ratified on 1 May 2009.", outlet="Post"), "1 May 2009", date(2009, 5, 1), event=other)
    events_refresh_summaries(event_ids=[other.pk])

    assert _labels(client.get("/api/events/", {"q": "charter"})) == ["charter signed", "Accord ratified"]


@postgres_only
def test_ranked_search_ranks_the_largest_matches_when_there_are_many(client, searchable, monkeypatch):
    """Past RANK_POOL matches, the largest events are ranked (by relevance) and the rest left out."""
    from timeline import search

    small = make_event("Charter charter charter", None)
    make_claim(make_article("The charter charter was ratified on 1 May 2009.", outlet="Post"), "1 May 2009", date(2009, 5, 1), event=small)
    events_refresh_summaries(event_ids=[small.pk])
    assert _labels(client.get("/api/events/", {"q": "charter"}))[0] == "Charter charter charter"  # best by relevance

    biggest = make_event("Summit held", None)  # the largest event of all, but no match: not in the pool
    for n in range(3):
        article = make_article(f"The summit was held on {n + 1} June 2010.", outlet=f"Wire {n}", url=f"https://s.test/{n}")
        make_claim(article, f"{n + 1} June 2010", date(2010, 6, n + 1), event=biggest)
    events_refresh_summaries(event_ids=[biggest.pk])
    monkeypatch.setattr(search, "RANK_POOL", 1)  # only the largest match: the charter signing, two claims

    assert _labels(client.get("/api/events/", {"q": "charter"})) == ["charter signed"]
    # The pool is drawn from the events the other filters keep, not from all of them.
    assert _labels(client.get("/api/events/", {"q": "charter", "label": "charter charter"})) == ["Charter charter charter"]


def test_a_bulk_refresh_gives_what_one_event_at_a_time_gives(charter):
    from timeline.summaries import events_refresh_summaries

    assert events_refresh_summaries(event_ids=[charter.id]) == 1
    bulk = Event.objects.values().get(pk=charter.pk)
    Event.objects.filter(pk=charter.pk).update(claim_count=0, status="unverified", value_start=None, value_end=None, search_text="")
    events_refresh_summaries(event_ids=[charter.pk])
    single = Event.objects.values().get(pk=charter.pk)

    fields = ["value_start", "value_end", "granularity", "status", "claim_count", "outlet_count", "search_text"]
    assert [bulk[f] for f in fields] == [single[f] for f in fields]
    assert (bulk["status"], bulk["claim_count"]) == ("conflicting", 2)


def test_show_timeline_prints_each_event_with_its_sources(charter):
    from io import StringIO

    from django.core.management import call_command

    events_refresh_summaries(event_ids=[charter.pk])
    out = StringIO()
    call_command("show_timeline", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("2008-08-08") and lines[0].endswith("charter signed  ⚠ sources disagree")
    assert [line.strip() for line in lines[1:]] == [
        "Caspian Wire: “August 8, 2008” = 2008-08-08 <https://a.test/1>",
        "Ledger: “August 9, 2008” = 2008-08-09 <https://b.test/2>",
    ]


def test_an_event_reads_a_constant_number_of_queries_however_many_claims_it_has(client, charter, django_assert_max_num_queries):
    for n in range(5):
        article = make_article(f"Report {n}: the charter was signed on August 8, 2008.", outlet=f"Outlet {n}", url=f"https://d.test/{n}")
        make_claim(article, "August 8, 2008", date(2008, 8, 8), event=charter)
    make_finding(charter, list(charter.claims.all()))
    events_refresh_summaries(event_ids=[charter.pk])

    # The event, its claims (sentences cut out by the query), its findings, their claims.
    with django_assert_max_num_queries(4):
        page = client.get(f"/timeline/events/{charter.pk}/")
    with django_assert_max_num_queries(4):
        api = client.get(f"/api/events/{charter.pk}/")

    assert page.content.decode().count("the charter was signed on") >= 5
    assert [c["sentence"] for c in api.json()["claims"]][:2] == [
        "The charter was signed on August 8, 2008 in Baku.",
        "Report 0: the charter was signed on August 8, 2008.",
    ]
