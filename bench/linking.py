"""Benchmark: `link_claims` on generated claims, no database (not a test).

    .venv/bin/python -m bench.linking [--sizes 1000,2000,4000,8000,16000]

The claims are the ones bench/checks.py stores (same sentences, outlets,
actors, cities and precisions; two claims per article, ten per event), built
here as `ClaimRecord`s so linking is timed alone. `generate` is also the
test data of test_analysis_linking_index.py.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta, timezone

from claims.extraction.types import Granularity, Interval, Resolution, TemporalClaim
from timeline.analysis.types import ClaimRecord

# The lists of bench/checks.py (not imported: that module points Django at the bench database on import).
OUTLETS = ["Wire One", "Ledger", "Daily Post", "Caspian Times", "Metro News"]
ACTORS = ["Ilham Aliyev", "J.D. Vance", "Marco Rubio", "Olaf Scholz", "Recep Erdogan", "Emmanuel Macron"]
CITIES = ["Baku", "Tbilisi", "Ankara", "Berlin", "Paris", "Astana"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_GRANULARITY = {"day": Granularity.DAY, "month": Granularity.MONTH, "year": Granularity.YEAR}


def _stated(said: date, precision: str) -> tuple[str, Interval]:
    if precision == "day":
        return f"{MONTHS[said.month - 1]} {said.day}, {said.year}", Interval(said, said, Granularity.DAY)
    if precision == "month":
        first = said.replace(day=1)
        last = (said.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return f"{MONTHS[said.month - 1]} {said.year}", Interval(first, last, Granularity.MONTH)
    return str(said.year), Interval(date(said.year, 1, 1), date(said.year, 12, 31), Granularity.YEAR)


def _claim(text: str, at: int, expression: str, sentence: tuple[int, int], interval: Interval, resolution: Resolution, weekday: int | None = None) -> TemporalClaim:
    return TemporalClaim(at, at + len(expression), expression, sentence[0], sentence[1], interval, interval.granularity, resolution, weekday=weekday)


def generate(n_claims: int, claims_per_event: int = 10, seed: int = 7, days: int = 4000) -> list[ClaimRecord]:
    """About `n_claims` claims: events of `claims_per_event` claims from two-claim articles."""
    rng = random.Random(seed)
    records: list[ClaimRecord] = []
    article_id = 0
    for event in range(n_claims // claims_per_event):
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(days))
        actor, city = rng.choice(ACTORS), rng.choice(CITIES)
        for j in range(claims_per_event // 2):
            article_id += 1
            outlet = OUTLETS[j % len(OUTLETS)]
            said = day + timedelta(days=1) if rng.random() < 0.03 else day
            weekday = (said.weekday() + (1 if rng.random() < 0.02 else 0)) % 7
            stated, interval = _stated(said, rng.choices(["day", "month", "year"], [0.8, 0.15, 0.05])[0])
            relative = rng.random() < 0.1
            first = f"{actor} signed the Accord No. {event} in {city} on {stated}, officials said."
            second = f"The ceremony took place {'yesterday' if relative else 'on ' + WEEKDAYS[weekday]}, {outlet} reported."
            text = f"{first} {second} Event {event} article {j}."
            published = datetime(said.year, said.month, said.day, 9, tzinfo=timezone.utc) + timedelta(days=1)
            second_span = (len(first) + 1, len(first) + 1 + len(second))
            claims = [_claim(text, text.index(stated), stated, (0, len(first)), interval, Resolution.ABSOLUTE)]
            on_day = Interval(said, said, Granularity.DAY)
            if relative:
                claims.append(_claim(text, text.index("yesterday"), "yesterday", second_span, on_day, Resolution.RELATIVE))
            else:
                at = text.index(WEEKDAYS[weekday], second_span[0]) - 3
                claims.append(_claim(text, at, f"on {WEEKDAYS[weekday]}", second_span, on_day, Resolution.ABSOLUTE, weekday))
            for claim in claims:
                records.append(ClaimRecord(id=len(records) + 1, article_id=article_id, outlet=outlet, published_at=published,
                                           article_text=text, claim=claim, content_hash=f"article-{article_id}"))
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,2000,4000,8000,16000")
    args = parser.parse_args()
    from timeline.analysis.entities import load_default_aliases
    from timeline.analysis.linking import link_claims

    aliases = load_default_aliases()
    previous = None
    for size in [int(s) for s in args.sizes.split(",")]:
        records = generate(size)
        t = time.perf_counter()
        groups = link_claims(records, aliases)
        elapsed = time.perf_counter() - t
        growth = f", x{elapsed / previous:.1f}" if previous else ""
        print(f"{len(records)} claims: {elapsed:.2f}s, {len(groups)} groups{growth}", flush=True)
        previous = elapsed


if __name__ == "__main__":
    main()
