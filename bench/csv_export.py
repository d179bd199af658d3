"""Streaming the claims CSV at scale: time and memory for 10k ... 100k claims on PostgreSQL.

    .venv/bin/python -m bench.csv_export --sizes 10000,100000

Drops and re-creates the database `factdb_bench_csv`, bulk-creates articles
(ten claims each), then streams /api/exports/claims.csv through Django's test
client in this process, counting lines. Memory is the tracemalloc peak while
streaming (Python objects held at once), which must not grow with the size.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
import tracemalloc
from datetime import date

PG = "postgres://postgres@127.0.0.1:5432/"
DB = "factdb_bench_csv"
os.environ.update({"FACTDB_DEBUG": "1", "DATABASE_URL": PG + DB, "DATABASE_CONN_MAX_AGE": "0", "CELERY_BROKER_URL": ""})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")

TEXT = "Officials said the bridge reopened on May 4, 2025, after two years of repairs, and traffic resumed. " * 3


def create_database():
    import psycopg
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    call_command("migrate", verbosity=0)


def grow_to(n_claims: int) -> None:
    from claims.models import Article, Claim

    have = Claim.objects.count()
    at = TEXT.index("May 4, 2025")
    start = Article.objects.count()
    articles = Article.objects.bulk_create(
        (Article(url=f"https://bench.example/{start + i}", outlet="Bench Times", raw=TEXT, text=TEXT, content_hash=f"{start + i:064d}")
         for i in range((n_claims - have) // 10)),
        batch_size=2000,
    )
    Claim.objects.bulk_create(
        (Claim(article=a, text="May 4, 2025", start=at + k, end=at + k + 11, sentence_start=0, sentence_end=100,
               value_start=date(2025, 5, 4), value_end=date(2025, 5, 4), granularity="day", resolution="absolute")
         for a in articles for k in range(10)),
        batch_size=5000,
    )


def stream() -> tuple[int, float, int, int]:
    from django.test import Client

    response = Client().get("/api/exports/claims.csv", HTTP_HOST="localhost")
    assert response.status_code == 200 and response.streaming, response.status_code
    tracemalloc.start()
    started = time.perf_counter()
    lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return lines - 1, elapsed, peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    import django

    django.setup()
    create_database()
    print(f"machine: nproc {os.cpu_count()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print("| claims | rows streamed | seconds | rows/s | traced peak (MB) | process max RSS (MB) |")
    print("|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        grow_to(size)
        rows, elapsed, peak, rss = stream()
        print(f"| {size:,} | {rows:,} | {elapsed:.2f} | {rows / elapsed:,.0f} | {peak / 1e6:.2f} | {rss / 1024:.0f} |")


if __name__ == "__main__":
    main()
