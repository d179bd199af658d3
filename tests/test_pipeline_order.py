"""Incremental processing ends where one full relink ends, whatever order articles arrive in.

GIVEN random orders and random subsets of the corpus, each article going
through extract -> link -> check on its own (as a newsroom's feed delivers
them) WHEN the whole store is then relinked and re-checked from scratch
THEN the events (as sets of claims) and the open findings are the same; and
the full corpus in any order gives the same open findings, none resolved.
"""

import random
from datetime import date
from pathlib import Path

import pytest

from claims.corpus import read_corpus
from claims.management.commands.ingest_corpus import Command
from claims.models import Article, Claim
from claims.services import article_ingest
from timeline.checker import findings_check_all
from timeline.linker import events_relink_all
from timeline.models import Event, Finding

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
ARTICLES = read_corpus(str(CORPUS))
# (seed, whole corpus or a random part of it)
RUNS = [(11, True), (23, False), (37, True), (41, False), (59, True), (67, False)]


def _claim_names() -> dict[int, tuple[str, int]]:
    """A claim as any run would name it: its article's text and its span (ids differ between runs)."""
    return {c.id: (c.article.content_hash[:12], c.start) for c in Claim.objects.select_related("article")}


def _events() -> set[frozenset]:
    names, groups = _claim_names(), {}
    for claim_id, event_id in Claim.objects.values_list("id", "event_id"):
        groups.setdefault(event_id, set()).add(names[claim_id])
    return {frozenset(g) for g in groups.values()}


def _open_findings() -> set[tuple]:
    names = _claim_names()
    return {(f.kind, names[f.subject_id], f.severity) for f in Finding.objects.filter(status="open")}


def _ingest_one_by_one(articles, capture) -> None:
    for article in articles:
        with capture(execute=True):
            result = article_ingest(data=Command()._input(article))
        assert result.wait(0), result.article.last_error


@pytest.mark.django_db
@pytest.mark.parametrize(("seed", "whole"), RUNS)
def test_incremental_processing_in_any_order_ends_as_a_full_relink(seed, whole, django_capture_on_commit_callbacks):
    rng = random.Random(seed)
    articles = rng.sample(ARTICLES, k=len(ARTICLES) if whole else rng.randint(5, len(ARTICLES) - 1))
    _ingest_one_by_one(articles, django_capture_on_commit_callbacks)
    incremental = (_events(), _open_findings())

    events_relink_all()
    findings_check_all()

    assert (_events(), _open_findings()) == incremental
    if len(articles) == len(ARTICLES):
        assert Finding.objects.filter(status="resolved").count() == 0  # nothing opened only to be resolved later


@pytest.mark.django_db
def test_a_date_counted_from_an_event_follows_that_event_when_its_sources_arrive_later(django_capture_on_commit_callbacks):
    """GIVEN "exactly three weeks after the Charter ... was signed" arriving before any article on the
    signing WHEN those articles arrive THEN its date is counted again from the signing (2026-02-10)."""
    first = next(a for a in ARTICLES if a.file == "dev-103.txt")
    _ingest_one_by_one([first, *(a for a in ARTICLES if a is not first)], django_capture_on_commit_callbacks)
    claim = Claim.objects.get(article__text__contains="exactly three weeks after", text="exactly three weeks after")
    assert (claim.value_start, claim.value_end, claim.granularity) == (date(2026, 3, 3), date(2026, 3, 3), "day")
    assert claim.dated_by_anchor


@pytest.mark.django_db
def test_the_full_corpus_in_any_order_gives_the_same_open_findings(django_capture_on_commit_callbacks):
    rng = random.Random(8)
    seen = []
    for _ in range(10):
        Article.objects.all().delete()
        Event.objects.all().delete()
        Finding.objects.all().delete()
        _ingest_one_by_one(rng.sample(ARTICLES, k=len(ARTICLES)), django_capture_on_commit_callbacks)
        seen.append(_open_findings())
    assert len(seen[0]) >= 6
    assert [findings ^ seen[0] for findings in seen] == [set()] * len(seen)  # what differs, order by order
