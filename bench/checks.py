"""Benchmark: a full cross-check at scale, in-process and on 1 and 2 Celery workers (not a test).

    .venv/bin/python -m bench.checks [--sizes 10000,100000]

Builds a fresh PostgreSQL database `factdb_bench` (dropped and re-migrated),
fills it with generated articles/claims/events by bulk_create (several
outlets; day, month and year precisions; stated weekdays; planted date
conflicts, weekday mismatches and relative dates), then times the full
cross-check in-process and as a queued run (work.Run) with
real `celery -A factdb worker --concurrency=1` processes on Redis db 13.
"""

import argparse
import os
import platform
import random
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

PG = "postgres://postgres@127.0.0.1:5432/"
DB = "factdb_bench"
ENV = {
    "FACTDB_DEBUG": "1",
    "DATABASE_URL": PG + DB,
    "DATABASE_CONN_MAX_AGE": "0",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
    "CELERY_RESULT_BACKEND": "redis://127.0.0.1:6379/13",
    "CELERY_TASK_SOFT_TIME_LIMIT": "3000",
    "CELERY_TASK_TIME_LIMIT": "3600",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")

OUTLETS = ["Wire One", "Ledger", "Daily Post", "Caspian Times", "Metro News"]
ACTORS = ["Ilham Aliyev", "J.D. Vance", "Marco Rubio", "Olaf Scholz", "Recep Erdogan", "Emmanuel Macron"]
CITIES = ["Baku", "Tbilisi", "Ankara", "Berlin", "Paris", "Astana"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def create_database():
    import psycopg
    from django.db import connections

    connections.close_all()  # DROP ... WITH (FORCE) would otherwise kill our own connection
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n_claims: int, claims_per_event: int = 10, seed: int = 7) -> tuple[int, int]:
    """Events of `claims_per_event` claims from two-claim articles; returns (claims, events)."""
    from claims.models import Article, Claim
    from claims.services import content_hash
    from timeline.models import Event

    rng = random.Random(seed)
    n_events = n_claims // claims_per_event
    events = Event.objects.bulk_create(
        [Event(key=f"signing|doc {i}|bench", label=f"Signing of the Accord No. {i}", status="consistent") for i in range(n_events)], batch_size=2000
    )
    articles, plans = [], []
    for event in events:
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
        actor, city = rng.choice(ACTORS), rng.choice(CITIES)
        for j in range(claims_per_event // 2):
            outlet = OUTLETS[j % len(OUTLETS)]
            said = day + timedelta(days=1) if rng.random() < 0.03 else day  # a planted off-by-one: date_conflict
            weekday = (said.weekday() + (1 if rng.random() < 0.02 else 0)) % 7  # a planted wrong weekday
            precision = rng.choices(["day", "month", "year"], [0.8, 0.15, 0.05])[0]
            stated = {"day": f"{MONTHS[said.month - 1]} {said.day}, {said.year}", "month": f"{MONTHS[said.month - 1]} {said.year}", "year": str(said.year)}[precision]
            relative = rng.random() < 0.1
            first = f"{actor} signed the Accord No. {event.id} in {city} on {stated}, officials said."
            second = f"The ceremony took place {'yesterday' if relative else 'on ' + WEEKDAYS[weekday]}, {outlet} reported."
            text = f"{first} {second} Event {event.id} article {j}."
            published = datetime(said.year, said.month, said.day, 9, tzinfo=timezone.utc) + timedelta(days=1)
            articles.append(
                Article(outlet=outlet, title=first[:80], published_at=published, published_utc_offset=0, raw=text, text=text,
                        content_hash=content_hash(text), status="checked")
            )
            plans.append((event, precision, said, stated, weekday, relative, first, second))
    Article.objects.bulk_create(articles, batch_size=2000)
    claims = []
    for article, (event, precision, said, stated, weekday, relative, first, second) in zip(articles, plans):
        lo = {"day": said, "month": said.replace(day=1), "year": said.replace(month=1, day=1)}[precision]
        hi = {"day": said, "month": (said.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1), "year": said.replace(month=12, day=31)}[precision]
        s = article.text.index(stated)
        claims.append(Claim(article=article, text=stated, start=s, end=s + len(stated), sentence_start=0, sentence_end=len(first),
                            value_start=lo, value_end=hi, granularity=precision, resolution="absolute", event=event, phase="whole"))
        second_at = len(first) + 1
        if relative:
            s = article.text.index("yesterday")
            claims.append(Claim(article=article, text="yesterday", start=s, end=s + 9, sentence_start=second_at, sentence_end=second_at + len(second),
                                value_start=said, value_end=said, granularity="day", resolution="relative", event=event, phase="whole"))
        else:
            s = article.text.index(WEEKDAYS[weekday], second_at)
            word = WEEKDAYS[weekday]
            claims.append(Claim(article=article, text=f"on {word}", start=s - 3, end=s + len(word), sentence_start=second_at, sentence_end=second_at + len(second),
                                value_start=said, value_end=said, granularity="day", resolution="absolute", weekday=weekday, event=event, phase="whole"))
    Claim.objects.bulk_create(claims, batch_size=2000)
    return len(claims), n_events


def reset_findings():
    from timeline.models import Finding

    Finding.history.all().delete()
    Finding.objects.all().delete()


def timed_in_process() -> tuple[float, int]:
    from timeline.checker import findings_check_all
    from timeline.models import Finding

    reset_findings()
    t = time.perf_counter()
    findings_check_all()
    return time.perf_counter() - t, Finding.objects.filter(status="open").count()


def timed_workers(n: int) -> tuple[float, int]:
    from factdb.celery import app
    from timeline.models import Finding
    from work.models import Run
    from work.runs import run_request, run_wait

    reset_findings()
    app.control.purge()
    procs = [
        subprocess.Popen([sys.executable, "-m", "celery", "-A", "factdb", "worker", "--concurrency=1", "-n", f"bench{i}@%h", "--loglevel=WARNING"],
                         env={**os.environ, **ENV}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for i in range(n)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=1) or []) < n and time.monotonic() < deadline:
            pass
        t = time.perf_counter()
        run = run_wait(run_request(kind=Run.Kind.CHECK), timeout=1800)
        assert run.state == Run.State.DONE, run.error
        wall = time.perf_counter() - t
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(60)
    return wall, Finding.objects.filter(status="open").count()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    import django

    django.setup()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    print(f"machine: nproc {os.cpu_count()}, {cpu}, Python {platform.python_version()}, PostgreSQL 15, Redis 7", flush=True)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        create_database()
        t = time.perf_counter()
        claims, events = generate(size)
        print(f"generated {claims} claims over {events} events in {time.perf_counter() - t:.1f}s", flush=True)
        row = {"claims": claims, "events": events}
        row["in_process"], row["open"] = timed_in_process()
        print(f"  in-process: {row['in_process']:.1f}s, {row['open']} open findings", flush=True)
        for n in (1, 2):
            row[n], found = timed_workers(n)
            print(f"  {n} worker(s): {row[n]:.1f}s, {found} open findings", flush=True)
            assert found == row["open"], "the sharded run must find what the in-process run finds"
        rows.append(row)
    print("\n| claims | events | in-process (s) | 1 worker (s) | 2 workers (s) | open findings |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['claims']} | {r['events']} | {r['in_process']:.1f} | {r[1]:.1f} | {r[2]:.1f} | {r['open']} |")
    if len(rows) == 2:
        a, b = rows
        print(f"\ngrowth x{b['claims'] / a['claims']:.1f} claims: in-process x{b['in_process'] / a['in_process']:.1f}, 1 worker x{b[1] / a[1]:.1f}, 2 workers x{b[2] / a[2]:.1f}")


if __name__ == "__main__":
    main()
