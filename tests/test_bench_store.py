"""The benchmark's store generator leaves what the pipeline itself would (bench/store.py).

200 generated articles are built into a store by the generator (templates,
substituted names, COPY), then the same texts go through the real pipeline
(ingest, extract, a relink from the texts, the full check); both must give the
same events (as sets of claim spans), the same index keys, profiles,
consensus and precedent facts.
"""

import re
from unittest import mock

import pytest
from django.db import connection

from bench import store
from claims.models import Article, Claim
from claims.services import ArticleIn, article_extract, article_ingest
from timeline.checker import findings_check_all
from timeline.linker import events_relink_all
from timeline.models import Event, EventKey

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator writes with PostgreSQL's COPY"),
]

N_CLAIMS = 400  # 200 articles, 40 events


def _snapshot() -> dict:
    """The store, named by content (article hashes and spans) instead of ids."""
    hashes = dict(Article.objects.values_list("id", "content_hash"))
    span = {c.id: (hashes[c.article_id], c.start, c.end) for c in Claim.objects.all()}
    claims = {span[c.id]: c for c in Claim.objects.all()}
    by_event: dict[int, set] = {}
    for c in Claim.objects.all():
        by_event.setdefault(c.event_id, set()).add(span[c.id])
    mention = re.compile(r"^mention\|(\d+)\|")
    keys: dict[int, set] = {}
    for event_id, key in EventKey.objects.values_list("event_id", "key"):
        keys.setdefault(event_id, set()).add(mention.sub(lambda m: f"mention|{hashes[int(m.group(1))]}|", key))
    events = {}
    for e in Event.objects.all():
        members = frozenset(by_event.get(e.id, ()))
        facts = {k: v for k, v in (e.facts or {}).items()}
        events[members] = {"keys": keys.get(e.id, set()), "consensus": (e.value_start, e.value_end, e.granularity, e.status),
                           "family": e.family, "states_precedent": e.states_precedent, "facts": facts, "label": e.label}
    # Durations, sets and references ("daily") date no happening: linking and the checks never read them,
    # and the generator moves only the dates of the claims that do.
    dated = {s: c for s, c in claims.items() if c.timex_type in ("DATE", "TIME") and not c.timex_value.endswith("_REF")}
    profiles = {s: c.profile for s, c in dated.items()}
    fields = {s: (c.text, c.sentence_start, c.sentence_end, c.value_start, c.value_end, c.granularity, c.resolution, c.weekday, c.phase)
              for s, c in dated.items()}
    return {"events": events, "profiles": profiles, "claims": fields}


@pytest.mark.skip(
    reason="bench/store.py predates the merged real-news profiles (person keys by transliterated surname, "
    "people's full names): its name substitution does not redo them yet, so the generated store is not "
    "what the pipeline leaves (the ingest numbers of 2 December 2026 in BENCHMARKS.md were taken on such stores: "
    "their people's keys are the generator's, not the pipeline's). Known and reported."
)
def test_generated_store_equals_the_pipelines():
    counts = store.build(N_CLAIMS, log=lambda *_: None)
    assert counts["articles"] == 200 and counts["claims"] >= N_CLAIMS  # durations and sets the templates also hold count too
    generated = _snapshot()
    assert Article.objects.filter(status="checked").count() == 200
    assert all(p is not None for p in generated["profiles"].values())

    texts = [(a.text, a.outlet, a.published_at) for a in Article.objects.order_by("id")]
    Event.objects.all().delete()
    Article.objects.all().delete()
    with mock.patch("claims.services.ring"), mock.patch("work.queue.ring"):
        for text, outlet, published_at in texts:
            article = article_ingest(data=ArticleIn(body=text, outlet=outlet, published_at=published_at)).article
            article_extract(article=article)
    events_relink_all()
    findings_check_all()  # stores each event's precedent facts
    piped = _snapshot()

    assert piped["claims"] == generated["claims"]
    assert piped["profiles"] == generated["profiles"]
    assert set(piped["events"]) == set(generated["events"])
    for members, want in piped["events"].items():
        got = generated["events"][members]
        assert got["keys"] == want["keys"]
        assert got["consensus"] == want["consensus"]
        assert (got["family"], got["states_precedent"], got["facts"]) == (want["family"], want["states_precedent"], want["facts"])
