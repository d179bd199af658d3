"""Benchmark: read latency of the timeline, events and search at 100k and 1M claims (not a test).

    .venv/bin/python -m bench.reads [--sizes 100000,1000000] [--requests 200] [--rounds 10] [--rebuild]

For each size, builds (or reuses, when it already holds that many claims) the
PostgreSQL database `factdb_reads_<size>` with bench.reads_store (bench.checks'
generator, written as INSERT ... SELECT so a million claims take minutes:
events of ten claims from two-claim articles, five outlets, actors and
cities in every sentence, event summaries derived in SQL and checked against
`events_refresh_summaries` on a sample). Then serves it with
gunicorn (2 workers, production settings) and sends `--requests` requests per
endpoint from 4 concurrent clients, after a warm-up, and prints p50 / p95 /
p99 in milliseconds, with the claims list (a cursor page over an indexed id)
as the yardstick measured in the same run, and each p99 as a ratio of the
yardstick's. The endpoints' requests are interleaved in rounds, so a burst of
load elsewhere on the machine falls on all of them alike. The public page is
measured twice: rendered (cache off) and as served with its cache on.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PG = "postgres://postgres@127.0.0.1:5432/"
PORT = 8731
CLIENTS = 4

ENDPOINTS = [
    "/api/claims/?page_size=100",
    "/api/events/",
    "/api/events/?label=accord",
    "/api/events/?q=Baku",
    "/api/timeline/",
    "/api/timeline/?cursor={middle}",
    "/api/timeline/?from=2020-01-01&to=2020-03-31",
    "/api/timeline/?q=Baku",
    "/api/timeline/?q=Bak",
    "/timeline/",
    "/timeline/?q=Aliyev",
    "/timeline/?from=2020-01-01&to=2020-03-31",
]
PAGES = [e for e in ENDPOINTS if e.startswith("/timeline/")]
YARDSTICK = ENDPOINTS[0]


def db_name(size: int) -> str:
    return f"factdb_reads_{size // 1000}k"


def server_env(db: str, page_cache: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": PG + db,
        "FACTDB_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),  # production settings refuse a short key
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": "600",
        "FACTDB_THROTTLE_ANON": "1000000/minute",
        # (Anonymous requests count under the anon limit alone: factdb/throttling.py.)
        "FACTDB_THROTTLE_USER": "1000000/minute",
        "TIMELINE_PAGE_CACHE_SECONDS": str(page_cache),
        "LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": "",
        # Production settings want a cache every process shares (throttles, the page cache).
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
    }


# --- building a store (runs in a child process: one database per process) ------------------


def build(size: int, rebuild: bool) -> None:
    import psycopg

    db = db_name(size)
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if exists and rebuild:
            conn.execute(f"DROP DATABASE {db} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {db}")
    os.environ.update({"DATABASE_URL": PG + db, "FACTDB_DEBUG": "1", "DATABASE_CONN_MAX_AGE": "0", "CELERY_BROKER_URL": ""})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench import reads_store
    from claims.models import Claim
    from timeline.models import Event
    from timeline.summaries import events_refresh_summaries

    call_command("migrate", verbosity=0)
    have = Claim.objects.count()
    if have >= size * 0.9 and not Event.objects.filter(claim_count=0).exists():
        print(f"reusing {db}: {have} claims, {Event.objects.count()} events", flush=True)
        return
    if have:
        raise SystemExit(f"{db} holds {have} claims, not about {size}: run with --rebuild")
    from django.db import connection, transaction

    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in reads_store.statements(size):
            cursor.execute(statement)
    print(f"generated {Claim.objects.count()} claims, {Event.objects.count()} events in {time.perf_counter() - t:.0f} s", flush=True)
    # The pipeline's own summaries for a sample, to show the SQL ones mean the same.
    sample = list(Event.objects.order_by("id").values_list("id", flat=True)[:500])
    before = {e["id"]: e for e in Event.objects.filter(id__in=sample).values("id", "claim_count", "outlet_count", "value_start", "status", "preview_claims")}
    events_refresh_summaries(event_ids=sample)
    after = {e["id"]: e for e in Event.objects.filter(id__in=sample).values("id", "claim_count", "outlet_count", "value_start", "status", "preview_claims")}
    print(f"pipeline summaries of {len(sample)} events: {sum(before[i] != after[i] for i in sample)} differ from the SQL ones", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- measuring ------------------------------------------------------------------------------


def fetch(url: str) -> tuple[float, int]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        status = response.status
    return (time.perf_counter() - t) * 1000, status


def measure(base: str, paths: list[str], requests: int, rounds: int) -> dict[str, tuple[float, float, float]]:
    """p50 / p95 / p99 per path, the paths' requests interleaved in `rounds` rounds.

    On a shared machine the load comes and goes: measured one after the other, one
    endpoint could meet a quiet minute and the next a busy one. Interleaved, every
    endpoint (the yardstick too) sees the same mix, so their ratios hold.
    """
    for path in paths:
        for _ in range(5):
            fetch(base + path)  # warm-up: connections, plans, caches
    times: dict[str, list[float]] = {path: [] for path in paths}
    per_round = -(-requests // rounds)
    with ThreadPoolExecutor(CLIENTS) as pool:
        for _ in range(rounds):
            for path in paths:
                n = min(per_round, requests - len(times[path]))
                results = list(pool.map(lambda _: fetch(base + path), range(n)))
                bad = [s for _, s in results if s != 200]
                if bad:
                    raise SystemExit(f"{path}: {len(bad)} responses were not 200")
                times[path].extend(ms for ms, _ in results)
    out = {}
    for path, values in times.items():
        q = statistics.quantiles(values, n=100, method="inclusive")
        out[path] = (q[49], q[94], q[98])
    return out


def serve(db: str, page_cache: int) -> subprocess.Popen:
    try:
        fetch(f"http://127.0.0.1:{PORT}/api/claims/?page_size=1")
    except OSError:
        pass  # the port is free
    else:
        raise SystemExit(f"something already answers on port {PORT}: stop it first")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "factdb.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        env=server_env(db, page_cache),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(f"http://127.0.0.1:{PORT}/api/claims/?page_size=1")
            return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: the next server needs the port now
    proc.wait(30)


def middle_cursor() -> str:
    """A cursor about halfway through the timeline (its dates span 2015-2026): any page costs what the first does.

    Built as timeline.pagination.encode_position builds it, without Django in this process.
    """
    return base64.urlsafe_b64encode(b"2020-06-15|0").decode().rstrip("=")


def run(size: int, requests: int, rounds: int) -> dict:
    db = db_name(size)
    base = f"http://127.0.0.1:{PORT}"
    # Cached pages are keyed by the timeline's version, which both stores start at:
    # each store starts from an empty cache (and so does each throttle).
    import redis

    redis.Redis.from_url(server_env(db, 0)["CACHE_URL"]).flushdb()
    proc = serve(db, page_cache=0)
    try:
        middle = middle_cursor()
        measured = measure(base, [path.format(middle=middle) for path in ENDPOINTS], requests, rounds)
        rows = dict(zip(ENDPOINTS, measured.values()))
    finally:
        stop(proc)
    proc = serve(db, page_cache=300)
    try:
        # The yardstick again, beside the cached pages: the ratios of this second server's run.
        cached = measure(base, [YARDSTICK, *PAGES], requests, rounds)
        rows[YARDSTICK + " (beside the cached pages)"] = cached[YARDSTICK]
        rows.update({path + " (cached)": cached[path] for path in PAGES})
    finally:
        stop(proc)
    for key, (p50, p95, p99) in rows.items():
        print(f"  {key:<48} p50 {p50:7.1f}  p95 {p95:7.1f}  p99 {p99:7.1f} ms", flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10, help="the endpoints' requests are interleaved in this many rounds")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", type=int, help=argparse.SUPPRESS)  # the child process that builds one store
    args = parser.parse_args()
    if args.build_only:
        build(args.build_only, args.rebuild)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    print(f"machine: nproc {os.cpu_count()}, {cpu}, Python {platform.python_version()}; gunicorn 2 workers, {CLIENTS} clients", flush=True)
    results = {}
    for size in sizes:
        t = time.perf_counter()
        cmd = [sys.executable, "-m", "bench.reads", "--build-only", str(size)] + (["--rebuild"] if args.rebuild else [])
        subprocess.run(cmd, check=True)
        print(f"store {db_name(size)} ready in {time.perf_counter() - t:.0f} s; {args.requests} requests per endpoint", flush=True)
        results[size] = run(size, args.requests, args.rounds)
    header = " | ".join(f"{s // 1000}k p50 / p95 / p99 (ms)" for s in sizes)
    print(f"\n| request | {header} | {' | '.join(f'{s // 1000}k p99 ÷ yardstick' for s in sizes)} |\n|---|{'---|' * 2 * len(sizes)}")
    for path in results[sizes[0]]:
        cells = " | ".join("{:.0f} / {:.0f} / {:.0f}".format(*results[s][path]) for s in sizes)
        # A cached page is compared with the yardstick measured beside it, on the same server.
        stick = YARDSTICK + " (beside the cached pages)" if path.endswith("(cached)") else YARDSTICK
        ratios = " | ".join(f"{results[s][path][2] / results[s][stick][2]:.2f}" for s in sizes)
        print(f"| `{path}` | {cells} | {ratios} |")
    if len(sizes) == 2:
        a, b = sizes
        print("\np99 growth " + ", ".join(f"`{p}` x{results[b][p][2] / results[a][p][2]:.1f}" for p in results[a]))

if __name__ == "__main__":
    main()
