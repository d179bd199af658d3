"""A PostgreSQL store of N claims as the pipeline would have left it, built in minutes (a bench tool, not a test).

    .venv/bin/python -m bench.store --claims 100000 [--db factdb_bench_100k] [--force]

What is in it: articles from several outlets (status "checked", with their
stage timestamps), ~2 claims per article with spans, intervals, granularity
and resolution as the extractor gives them, each claim's stored profile,
~5 articles per event over 25 years, events with their consensus, key, label,
index keys (EventKey) and precedent facts, as the incremental linker and the
checker would have stored them. Actors, places and documents are invented and
put in the alias table (a newsroom teaches its people and places).

Why it is fast: every text is an instance of a template whose name slots have
a fixed length, so an instance's claims and profiles sit at the same offsets
as any other instance of the same template "shape" (template, outlet, date
text length, the event's weekday, the publication delay). The real extractor
and profiler run once per shape; other instances are the sample's results with
the names substituted and the day-precision dates shifted by a whole number of
weeks (so weekdays and "yesterday" stay true). Each event's keys, label and
consensus come from the real `link_claims` and `consensus` on its own claims.
Rows go in with COPY. tests/test_bench_store.py checks that a small store
equals what ingesting the same texts through the pipeline gives.

Events are placed so that the pipeline keeps them apart: each actor has at most
one event per family in any 90-day slot, and each signing names its own document.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from bench.reads_store import previews_sql

PG = "postgres://postgres@127.0.0.1:5432/"
SEED = 20261202
START = date(2000, 1, 1)
SLOT_DAYS = 90  # one event per actor and family per slot: > NEARBY_DAYS apart, so linking never joins them
SLOTS = (date(2024, 12, 31) - START).days // SLOT_DAYS - 1
N_ACTORS = 800
N_PLACES = 200
ARTICLES_PER_EVENT = 5
# Invented outlets of one length, so an outlet named in a text moves no offset.
OUTLETS = ["Harbour Times", "Evening Press", "Metro Courier", "Plains Record", "Northern Post", "Coastal Daily"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# kind -> (family, share of events, variants). Each variant is two sentences; slots: {A} actor, {P} place,
# {D} the stated date ("March 3, 2005", or "March 2005" for {M}), {R} the relative date, {O} outlet, {DOC} document.
KINDS: dict[str, tuple[str, float, list[str]]] = {
    "visit": ("visit", 0.30, [
        "{A} visited {P} on {D}, officials said. The visit by {A} to {P} took place {R}, {O} reported.",
        "On {D}, President {A} paid a visit to {P}. {A} was in {P} {R} for the visit, according to {O}.",
        "{A} travelled to {P} on {D}. {A} toured {P} {R}, {O} reported.",
        "A visit to {P} by {A} took place in {M}, officials recalled. {A} visited {P} {R}, {O} said.",
        "{A} arrived in {P} on {D} for a short visit. {A} visited the port of {P} {R}, {O} reported.",
        # Used instead of the third variant for one visit in PRECEDENT_EVERY: a precedent statement to check.
        "{A} travelled to {P} on {D}. {A} toured {P} {R}, the first ever visit by a president to {P}, {O} reported.",
    ]),
    "talks": ("diplomacy", 0.25, [
        "{A} held talks in {P} on {D} with regional leaders. The talks with {A} in {P} took place {R}, {O} reported.",
        "Talks between {A} and local leaders opened in {P} on {D}. {A} met them in {P} {R}, according to {O}.",
        "{A} met officials in {P} on {D}, the ministry said. {A} held the talks in {P} {R}, {O} reported.",
        "In {M}, {A} held talks in {P}, officials recalled. {A} met the delegation in {P} {R}, {O} said.",
        "{A} led negotiations in {P} on {D}. The negotiations led by {A} in {P} were held {R}, {O} reported.",
    ]),
    "signing": ("diplomacy", 0.15, [
        "{A} signed the {DOC} Accord in {P} on {D}. The {DOC} Accord was signed by {A} in {P} {R}, {O} reported.",
        "The {DOC} Accord was signed in {P} on {D} by {A}. {A} signed the {DOC} Accord in {P} {R}, according to {O}.",
        "On {D}, {A} signed the {DOC} Accord in {P}. {A} put the signature to the {DOC} Accord in {P} {R}, {O} said.",
        "{A} signed the {DOC} Accord in {P} on {D}, officials said. The {DOC} Accord was signed in {P} {R}, {O} reported.",
        "In {P}, {A} signed the {DOC} Accord in public on {D}. {A} signed the {DOC} Accord in {P} {R}, {O} reported.",
    ]),
    "election": ("election", 0.10, [
        "{A} won the presidential election in {P} on {D}. The vote that elected {A} in {P} was held {R}, {O} said.",
        "Voters in {P} elected {A} on {D}, officials said. {A} was elected in {P} {R}, {O} reported.",
        "{A} was elected in {P} on {D} after a long campaign. {A} won the election in {P} {R}, according to {O}.",
        "The election in {P} on {D} was won by {A}. {A} won the election in {P} {R}, {O} reported.",
        "{A} was re-elected in {P} on {D}. The election of {A} in {P} took place {R}, {O} said.",
    ]),
    "summit": ("diplomacy", 0.20, [
        "{A} attended the summit in {P} on {D}. {A} spoke at the summit in {P} {R}, {O} reported.",
        "The summit in {P} on {D} was opened by {A}. {A} chaired the summit in {P} {R}, according to {O}.",
        "On {D}, {A} joined the summit in {P}. {A} addressed the summit in {P} {R}, {O} said.",
        "{A} hosted a regional summit in {P} on {D}, officials said. The summit hosted by {A} in {P} took place {R}, {O} reported.",
        "Leaders met {A} at the summit in {P} on {D}. {A} led the summit in {P} {R}, {O} reported.",
    ]),
}
PRECEDENT_EVERY = 10  # one visit in ten has an article saying it is "the first ever visit by a president"
CONFLICT_SHARE = 0.03  # stored articles whose stated date is a day off (the date checks' daily bread)

_CONS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONS for v in _VOWELS]  # 70, so n syllables name 70**n things


def _word(n: int, syllables: int) -> str:
    """The n-th word of `syllables` syllables: a bijection, so different n never share a name."""
    out = []
    for _ in range(syllables):
        n, r = divmod(n, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
    return "".join(out).capitalize()


def _names(count: int, offset: int, rng: random.Random, make) -> list[str]:
    picks = rng.sample(range(offset, offset + 70**3), count)
    return [make(i) for i in picks]


def actors() -> list[str]:
    """Invented people: 6 + 1 + 9 characters each, so every name fills its slot exactly."""
    rng = random.Random(SEED)
    firsts = _names(N_ACTORS, 0, rng, lambda i: _word(i, 3))
    lasts = _names(N_ACTORS, 0, rng, lambda i: _word(i, 4)[:8] + "n")
    return [f"{a} {b}" for a, b in zip(firsts, lasts)]


def places() -> list[str]:
    rng = random.Random(SEED + 1)
    return _names(N_PLACES, 0, rng, lambda i: _word(i, 3) + "ia")


def document(event_index: int) -> str:
    return _word(event_index * 7919 % 70**4, 4)  # 8 letters, one per signing


# --- the plan: which events, articles and texts (deterministic from the size) -------------------


@dataclass(frozen=True)
class EventPlan:
    index: int
    kind: str
    actor: str
    place: str
    day: date
    doc: str


@dataclass(frozen=True)
class ArticlePlan:
    event: EventPlan
    variant: int
    outlet: int
    delay: int  # days from the event to publication
    stated: date  # the date the text states (a day off for a planted conflict)
    extra: str = ""  # distinguishes articles that would otherwise share a text

    @property
    def published_at(self) -> datetime:
        return datetime.combine(self.event.day + timedelta(days=self.delay), datetime.min.time(), timezone.utc).replace(hour=9)

    def slots(self) -> dict[str, str]:
        s = self.stated
        relative = "yesterday" if self.delay == 1 else f"on {WEEKDAYS[self.event.day.weekday()]}"
        return {
            "A": self.event.actor,
            "P": self.event.place,
            "D": f"{MONTHS[s.month - 1]} {s.day}, {s.year}",
            "M": f"{MONTHS[s.month - 1]} {s.year}",
            "R": relative,
            "O": OUTLETS[self.outlet],
            "DOC": self.event.doc,
        }

    def text(self) -> str:
        return KINDS[self.event.kind][2][self.variant].format(**self.slots()) + self.extra

    def shape(self) -> tuple:
        """What fixes every offset and every date relative to the event: instances of one shape differ only in names and whole weeks."""
        s = self.slots()
        coarse = "{M}" in KINDS[self.event.kind][2][self.variant]
        weekday = self.event.day.weekday() if self.delay > 1 else -1  # "on Sunday" is in the text; "yesterday" is not
        return (self.event.kind, self.variant, self.delay, len(s["D"]), len(s["M"]) if coarse else 0, weekday, (self.stated - self.event.day).days, self.extra)


def plan(n_claims: int, *, seed: int = SEED) -> tuple[list[EventPlan], list[ArticlePlan], dict]:
    """Events and articles for a store of about n_claims claims (2 per article, 5 articles per event)."""
    rng = random.Random(seed)
    people, towns = actors(), places()
    n_events = max(1, n_claims // (2 * ARTICLES_PER_EVENT))
    kinds = list(KINDS)
    weights = [KINDS[k][1] for k in kinds]
    # Free (actor, slot) pairs per family, shuffled once: taking from the front never puts two
    # events of one actor and family within NEARBY_DAYS of each other.
    pools = {}
    for family in sorted({v[0] for v in KINDS.values()}):
        pairs = [(a, s) for a in range(N_ACTORS) for s in range(SLOTS)]
        random.Random(f"{seed}-{family}").shuffle(pairs)
        pools[family] = pairs
    taken = Counter()
    events, articles = [], []
    for i in range(n_events):
        kind = rng.choices(kinds, weights)[0]
        family = KINDS[kind][0]
        actor, slot = pools[family][taken[family]]
        taken[family] += 1
        day = START + timedelta(days=slot * SLOT_DAYS + rng.randrange(20))
        event = EventPlan(i, kind, people[actor], rng.choice(towns), day, document(i) if kind == "signing" else "")
        events.append(event)
        outlets = rng.sample(range(len(OUTLETS)), ARTICLES_PER_EVENT)
        for j in range(ARTICLES_PER_EVENT):
            delay = rng.choice([1, 2])  # "yesterday" or "on <weekday>"
            off = 1 if rng.random() < CONFLICT_SHARE else 0
            variant = 5 if kind == "visit" and j == 2 and i % PRECEDENT_EVERY == 0 else j
            articles.append(ArticlePlan(event, variant, outlets[j], delay, day + timedelta(days=off)))
    return events, articles, {"taken": dict(taken), "seed": seed}


def free_event(kind: str, index: int, taken: dict, *, seed: int = SEED) -> EventPlan:
    """A new event nobody has written about: the next free (actor, slot) of its family."""
    family = KINDS[kind][0]
    pairs = [(a, s) for a in range(N_ACTORS) for s in range(SLOTS)]
    random.Random(f"{seed}-{family}").shuffle(pairs)
    actor, slot = pairs[taken.get(family, 0) + index]
    rng = random.Random(f"{seed}-new-{index}")
    day = START + timedelta(days=slot * SLOT_DAYS + rng.randrange(20))
    return EventPlan(10**7 + index, kind, actors()[actor], rng.choice(places()), day, document(10**6 + index) if kind == "signing" else "")


# --- running the real extractor and profiler once per shape --------------------------------------


@dataclass
class _Sample:
    article: ArticlePlan
    claims: list  # TemporalClaim
    profiles: list[dict]


class Templates:
    """The real pipeline's answers for one instance of each shape, and their translation to any other instance."""

    def __init__(self, alias_list) -> None:
        from timeline.analysis.entities import EntityFinder

        self.finder = EntityFinder(alias_list)
        self.samples: dict[tuple, _Sample] = {}
        self.runs = 0

    def claims(self, article: ArticlePlan, article_id: int) -> tuple[list, list[dict]]:
        """(TemporalClaims, profile dicts) of this article, as extract() and profile_claim() give them."""
        shape = article.shape()
        sample = self.samples.get(shape)
        if sample is None:
            sample = self.samples[shape] = self._run(article)
        if sample.article == article:
            return sample.claims, sample.profiles
        delta = (article.event.day - sample.article.event.day).days
        assert article.delay == 1 or delta % 7 == 0
        swap = _swapper(sample.article.slots(), article.slots())
        claims = [_shift(c, delta, swap, sample.article.stated, article.stated) for c in sample.claims]
        return claims, [swap_json(p, swap) for p in sample.profiles]

    def _run(self, article: ArticlePlan) -> _Sample:
        from claims.extraction import extract
        from claims.extraction.types import ArticleText
        from timeline.analysis.profile import profile_claim
        from timeline.analysis.stored import profile_to_json
        from timeline.analysis.types import ClaimRecord

        self.runs += 1
        text = article.text()
        found = extract(ArticleText(text=text, language="en", published_at=article.published_at)).claims
        profiles = []
        for c in found:
            record = ClaimRecord(id=0, article_id=0, outlet=OUTLETS[article.outlet], published_at=article.published_at, article_text=text, claim=c)
            profiles.append(profile_to_json(profile_claim(record, self.finder)))
        return _Sample(article, list(found), profiles)


def _swapper(old: dict[str, str], new: dict[str, str]):
    pairs = {old[k]: new[k] for k in ("A", "P", "DOC", "D", "M", "R", "O") if old[k] and old[k] != new[k]}
    pairs.update({old[k].casefold(): new[k].casefold() for k in ("A", "P", "DOC") if old[k] and old[k] != new[k]})  # documents are keyed casefolded
    if not pairs:
        return lambda s: s
    pattern = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)))
    return lambda s: pattern.sub(lambda m: pairs[m.group()], s)


def swap_json(value, swap):
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [swap_json(v, swap) for v in value]
    if isinstance(value, dict):
        return {k: swap_json(v, swap) for k, v in value.items()}
    return value


def _month(day: date) -> tuple[date, date]:
    return day.replace(day=1), (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _shift(claim, delta: int, swap, old_stated: date, new_stated: date):
    """The sample's claim moved to another instance: names swapped, day-precision dates moved
    (by whole weeks when a weekday is in the text), a stated month to the instance's stated month."""
    interval = claim.interval
    if interval is not None and interval.granularity == "day":
        interval = replace(interval, start=interval.start + timedelta(days=delta), end=interval.end + timedelta(days=delta))
    elif interval is not None and interval.granularity == "month":
        assert (interval.start, interval.end) == _month(old_stated), "a month the template does not state"
        interval = replace(interval, start=_month(new_stated)[0], end=_month(new_stated)[1])
    elif interval is not None:
        raise AssertionError(f"no rule to move a {interval.granularity} date between instances")
    offset = replace(claim.offset, anchor_text=swap(claim.offset.anchor_text)) if claim.offset else None
    return replace(claim, text=swap(claim.text), interval=interval, offset=offset)


# --- building ------------------------------------------------------------------------------------


def alias_rows() -> list[dict]:
    return [{"canonical": a, "alias": a, "kind": "person"} for a in actors()] + [{"canonical": p, "alias": p, "kind": "place"} for p in places()]


def build(n_claims: int, *, log=print) -> dict:
    """Fill the current (migrated, empty) database with a store of about n_claims claims; returns counts."""
    from django.db import connection

    from claims.services import content_hash
    from claims.syndication import syndication_key
    from timeline.analysis.consensus import consensus
    from timeline.analysis.linking import link_claims
    from timeline.analysis.stored import profile_from_json
    from timeline.analysis.types import Alias, ClaimRecord
    from timeline.models import EntityAlias
    from timeline.records import aliases

    t0 = time.perf_counter()
    EntityAlias.objects.bulk_create([EntityAlias(**row) for row in alias_rows()], ignore_conflicts=True, batch_size=2000)
    alias_list = aliases()
    templates = Templates(alias_list)
    events, articles, meta = plan(n_claims)
    log(f"plan: {len(events)} events, {len(articles)} articles ({time.perf_counter() - t0:.1f}s)")
    now = datetime.now(timezone.utc)
    art_buf, claim_buf, event_buf, key_buf = io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO()
    claim_id = 0
    event_claims: dict[int, list] = {}
    n_groups_split = 0
    by_event: dict[int, list[tuple[int, ArticlePlan]]] = {}
    for article_id, article in enumerate(articles, start=1):
        by_event.setdefault(article.event.index, []).append((article_id, article))
    for event in events:
        records, profiles, rows = [], {}, []
        for article_id, article in by_event[event.index]:
            text = article.text()
            chash, skey = content_hash(text), syndication_key(text)
            published = article.published_at
            _row(art_buf, [article_id, OUTLETS[article.outlet], text.split(".")[0][:500], "en", published.isoformat(), 0, "f", "metadata",
                           "text", text, text, chash, skey, now.isoformat(), "checked", now.isoformat(), 1, "",
                           now.isoformat(), now.isoformat(), now.isoformat()])
            found, profile_dicts = templates.claims(article, article_id)
            for c, p in zip(found, profile_dicts):
                claim_id += 1
                record = ClaimRecord(id=claim_id, article_id=article_id, outlet=OUTLETS[article.outlet], published_at=published, article_text=text,
                                     claim=c, content_hash=skey, created_at=now)
                records.append(record)
                profiles[claim_id] = profile_from_json(p)
                rows.append((record, p))
        groups = link_claims([replace(r, article_text="") for r in records], alias_list, profiles)
        n_groups_split += len(groups) - 1
        by_claim = {r.id: r for r in records}
        for group in groups:
            event_id = event.index + 1 if group is groups[0] else len(events) + n_groups_split + 1
            members = [by_claim[i] for i in group.claim_ids]
            interval, status = consensus(members, {i: p for i, p in group.phases.items() if p})
            facts = _facts(members, [profiles[i] for i in group.claim_ids], templates.finder)
            _row(event_buf, [event_id, group.key[:300], group.label[:300], interval.start if interval else None, interval.end if interval else None,
                             interval.granularity if interval else "", status, facts["family"], "f", json.dumps(facts), now.isoformat(), now.isoformat()])
            for key in sorted(group.keys):
                _row(key_buf, [event_id, key])
            for record in members:
                event_claims[record.id] = (event_id, group.phases.get(record.id, ""))
        for record, p in rows:
            c = record.claim
            event_id, phase = event_claims.pop(record.id)
            offset = json.dumps({"amount": c.offset.amount, "unit": c.offset.unit, "hedge": c.offset.hedge, "anchor_text": c.offset.anchor_text}) if c.offset else None
            _row(claim_buf, [record.id, record.article_id, c.text[:500], c.start, c.end, c.sentence_start, c.sentence_end,
                             c.interval.start if c.interval else None, c.interval.end if c.interval else None, str(c.granularity), str(c.resolution),
                             "t" if c.quoted else "f", c.weekday, offset, event_id, "f", phase, json.dumps(p), "unreviewed", None, None, "", now.isoformat(),
                             str(c.timex_type), c.timex_value, c.timex_mod])
    log(f"texts, claims, profiles and keys: {claim_id} claims, {templates.runs} shapes run through extract/profile, "
        f"{n_groups_split} events split ({time.perf_counter() - t0:.1f}s)")
    with connection.cursor() as cursor:
        raw = cursor.cursor
        # Columns the rows below do not give (what lists show, an editor's name lock) start at their
        # model defaults; the listing columns are then filled in one statement after the copy.
        for column, default in (("claim_count", "0"), ("outlet_count", "0"), ("has_open_conflict", "false"), ("search_text", "''"), ("label_locked", "false"),
                                ("preview_claims", "'[]'::jsonb")):
            cursor.execute(f"ALTER TABLE timeline_event ALTER COLUMN {column} SET DEFAULT {default}")
        for table, columns, buf in [
            ("claims_article", "id,outlet,title,language,published_at,published_utc_offset,published_date_only,published_at_source,source_format,"
             "raw,text,content_hash,syndication_key,ingested_at,status,status_changed_at,attempts,last_error,extracted_at,linked_at,checked_at", art_buf),
            ("timeline_event", "id,key,label,value_start,value_end,granularity,status,family,states_precedent,facts,created_at,updated_at", event_buf),
            ("claims_claim", "id,article_id,text,start,\"end\",sentence_start,sentence_end,value_start,value_end,granularity,resolution,quoted,weekday,"
             "\"offset\",event_id,event_pinned,phase,profile,review_status,reviewed_by_id,reviewed_at,review_note,created_at,"
             "timex_type,timex_value,timex_mod", claim_buf),
            ("timeline_eventkey", "event_id,key", key_buf),
        ]:
            buf.seek(0)
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                while chunk := buf.read(1 << 20):
                    copy.write(chunk)
            log(f"  copied {table} ({time.perf_counter() - t0:.1f}s)")
        cursor.execute("UPDATE timeline_event SET states_precedent = (facts->'statement_families') <> '[]'::jsonb")
        cursor.execute(
            "UPDATE timeline_event e SET claim_count = c.n, outlet_count = c.outlets FROM "
            "(SELECT event_id, count(*) AS n, count(DISTINCT a.outlet) AS outlets FROM claims_claim JOIN claims_article a ON a.id = article_id "
            "WHERE event_id IS NOT NULL GROUP BY event_id) c WHERE e.id = c.event_id"
        )
        cursor.execute(previews_sql())
        for column in ("claim_count", "outlet_count", "has_open_conflict", "search_text", "label_locked", "preview_claims"):
            cursor.execute(f"ALTER TABLE timeline_event ALTER COLUMN {column} DROP DEFAULT")
        for table in ("claims_article", "claims_claim", "timeline_event", "timeline_eventkey"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))")
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_store (claims integer, events integer, articles integer, seed bigint, meta jsonb)")
        cursor.execute("INSERT INTO bench_store VALUES (%s, %s, %s, %s, %s)", [claim_id, len(events) + n_groups_split, len(articles), SEED, json.dumps({**meta, "n_claims": n_claims})])
    log(f"built in {time.perf_counter() - t0:.1f}s")
    return {"claims": claim_id, "events": len(events) + n_groups_split, "articles": len(articles), "split": n_groups_split, "shapes": templates.runs}


def _facts(members, profiles, finder) -> dict:
    """Event.facts as the checker stores them (timeline.checker._store_facts), from the stored profiles."""
    from timeline.analysis.checks.precedent import _Facts, _guess_places, facts_to_json, statements_of
    from timeline.analysis.types import EventView

    families = [p.family for p in profiles if p.family]
    facts = _Facts(
        family=max(sorted(set(families)), key=families.count) if families else "",
        places=frozenset(x for p in profiles for x in p.places),
        roles=frozenset(x for p in profiles for x in p.roles),
        actors=frozenset(x for p in profiles for x in p.actors),
        guessed_places=frozenset(x for c in members for x in _guess_places(c.article_text, c.claim.sentence_start, c.claim.sentence_end)),
    )
    statements = statements_of(EventView(id=0, label="", claims=members, consensus=None, status="unverified", phases={}), finder) if any(
        "first ever" in c.article_text for c in members) else []
    return {**facts_to_json(facts), "statement_families": sorted({s.family for s in statements if s.family})}


def _row(buf: io.StringIO, values: list) -> None:
    buf.write("\t".join(_copy_value(v) for v in values))
    buf.write("\n")


def _copy_value(v) -> str:
    if v is None:
        return "\\N"
    s = v.isoformat() if isinstance(v, date) else str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# --- the database --------------------------------------------------------------------------------


def database_for(n_claims: int) -> str:
    return {1_000: "factdb_bench_1k", 10_000: "factdb_bench_10k", 100_000: "factdb_bench_100k", 1_000_000: "factdb_bench_1m"}.get(n_claims, f"factdb_bench_{n_claims}")


def stored_size(db: str) -> int | None:
    """The size the store in `db` was built for, or None if there is none (or it is incomplete)."""
    import psycopg

    try:
        with psycopg.connect(PG + db, autocommit=True) as conn:
            row = conn.execute("SELECT meta->>'n_claims' FROM bench_store").fetchone()
            return int(row[0]) if row else None
    except psycopg.Error:
        return None


def ensure(n_claims: int, *, force: bool = False, log=print) -> str:
    """Point Django at the store of n_claims claims, building it first unless it exists. Returns the database name.

    Must run before django.setup() (the database is chosen from DATABASE_URL).
    """
    import psycopg

    db = database_for(n_claims)
    os.environ["DATABASE_URL"] = PG + db
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
    os.environ.setdefault("FACTDB_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")
    if not force and stored_size(db) == n_claims:
        log(f"{db}: reusing the store of {n_claims} claims")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)  # a store built before the latest migrations gets them
        return db
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {db}")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    counts = build(n_claims, log=log)
    t = time.perf_counter()
    with psycopg.connect(PG + db, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # autovacuum is off on these machines: fresh statistics, as a maintained store has
    log(f"{db}: {counts}; VACUUM ANALYZE {time.perf_counter() - t:.1f}s")
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--force", action="store_true", help="rebuild even if the store exists")
    args = parser.parse_args()
    t = time.perf_counter()
    ensure(args.claims, force=args.force)
    print(f"done in {time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
