"""Benchmark: the worker's time for one more article, and throughput through the API (not a test).

    .venv/bin/python -m bench.ingest [--sizes 1000,10000,100000,1000000] [--articles 20]
                                     [--recheck-sizes 1000,10000,100000] [--throughput 500] [--throughput-size 10000]

For each size, the store of bench/store.py (built if missing, reused if not)
gets its full re-check first where asked (`findings_check_all`, timed: it also
leaves the findings a maintained store has), then `--articles` new articles,
each about an event of the store (same actor, place and date; one in three
states a date two days off, so a finding must be made) or, one in five, about
an event nobody reported yet. Each is stored with `article_ingest` (the
doorbell silenced) and then timed through `pipeline.stages.article_process`
in-process: extract -> link -> check, findings visible when it returns. The
re-checks the linker queued for neighbouring events are then drained
(`events_recheck`) and timed apart. Each size runs in its own process.

The throughput run posts generated articles to the API (gunicorn, 2 processes)
with 2 `celery -A factdb worker --concurrency=1` processes on a store of
`--throughput-size` claims and reports articles per second until every one is
checked, then looks for duplicate claims and findings.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import wraps
from pathlib import Path
from unittest import mock

from bench import store

ROOT = Path(__file__).resolve().parent.parent
ENV = {"FACTDB_DEBUG": "1", "DATABASE_CONN_MAX_AGE": "0", "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/12")}
ENV["CELERY_RESULT_BACKEND"] = os.environ.get("CELERY_RESULT_BACKEND", ENV["CELERY_BROKER_URL"])


def new_articles(n: int, n_claims: int, run: str) -> list[tuple[store.ArticlePlan, str]]:
    """n article plans, with what each should do: "agree" / "conflict" (an existing event) or "new" (a new event)."""
    events, _, meta = store.plan(n_claims)
    rng = random.Random(f"{run}-{n_claims}")
    out = []
    for i in range(n):
        if i % 5 == 4:
            event = store.free_event(rng.choice(list(store.KINDS)), rng.randrange(15_000), meta["taken"])  # past what the store took
            what, stated = "new", event.day
        else:
            event = rng.choice(events)
            what = "conflict" if i % 3 == 2 else "agree"
            stated = event.day + timedelta(days=2 if what == "conflict" else 0)
        # The extra sentence has no date (no claim) and makes the text new, so a rerun is not a duplicate.
        article = store.ArticlePlan(event, rng.randrange(5), rng.randrange(len(store.OUTLETS)), rng.choice([1, 2]), stated,
                                    extra=f" Filed as note {run}-{i}.")
        out.append((article, what))
    return out


class Cap(Exception):
    """Raised by the alarm when one measurement runs past its cap (the stage records it as a failure)."""


@contextlib.contextmanager
def cap(seconds: float):
    def ring(signum, frame):
        raise Cap(f"over the benchmark's cap of {seconds:.0f}s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timed(fn, into: dict):
    @wraps(fn)
    def inner(article):
        t, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(article)
        finally:
            into[fn.__name__.strip("_")] = time.perf_counter() - t
            into[fn.__name__.strip("_") + "_cpu"] = time.process_time() - cpu
    return inner


def one_size(n_claims: int, n_articles: int, recheck: bool, profile: bool = False, article_cap: float = 300, recheck_cap: float = 900) -> dict:
    store.ensure(n_claims)
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from claims.models import Article, Claim
    from claims.services import ArticleIn, article_ingest
    from pipeline import stages
    from timeline.checker import findings_check_all
    from timeline.models import Event, Finding
    from work.models import EventRecheck

    out = {"claims": Claim.objects.count(), "events": Event.objects.count(), "articles": Article.objects.count()}
    if recheck:
        t = time.perf_counter()
        try:
            with cap(recheck_cap):
                summary = findings_check_all()
            out["recheck_all"] = {"events": summary.events, "new": summary.findings_new, "resolved": summary.findings_resolved}
        except Cap as exc:
            out["recheck_all"] = {"unfinished": str(exc)}
        out["recheck_all_s"] = time.perf_counter() - t
        print(f"  {n_claims}: full re-check {out['recheck_all_s']:.1f}s {out['recheck_all']}", flush=True)
    out["findings_open"] = Finding.objects.filter(status="open").count()
    EventRecheck.objects.all().delete()
    run = f"{int(time.time()) % 10**6}{os.getpid() % 10**4:04x}"
    plans = new_articles(n_articles + 2, n_claims, run)
    split: dict[str, float] = {}
    rows = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    with mock.patch("claims.services.ring"), mock.patch("pipeline.stages.ring"), mock.patch("work.queue.ring"), mock.patch.dict(
        stages.STAGES, {k: (_timed(f, split), after, stamp) for k, (f, after, stamp) in stages.STAGES.items()}
    ):
        for i, (plan, what) in enumerate(plans):
            with transaction.atomic():
                result = article_ingest(data=ArticleIn(body=plan.text(), outlet=store.OUTLETS[plan.outlet], published_at=plan.published_at))
            assert result.created
            split.clear()
            with CaptureQueriesContext(connection) as queries:
                t, cpu = time.perf_counter(), time.process_time()
                if profiler is not None and i >= 2:
                    profiler.enable()
                with cap(article_cap):
                    status = stages.article_process(article_id=result.article.id)
                if profiler is not None:
                    profiler.disable()
                total, total_cpu = time.perf_counter() - t, time.process_time() - cpu
            waiting = EventRecheck.objects.count()
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as drain_queries:
                try:
                    with cap(article_cap):
                        while EventRecheck.objects.exists():
                            stages.events_recheck()
                except Cap:
                    pass  # recorded as a drain time at the cap; the queue is left for the next article's drain
            drain = time.perf_counter() - t
            claims = list(Claim.objects.filter(article_id=result.article.id).values_list("id", "event_id"))
            found = Finding.objects.filter(status="open", claims__id__in=[c for c, _ in claims]).distinct().count()
            row = {"what": what, "status": status, "total": total, "total_cpu": total_cpu, "load": os.getloadavg()[0], **split, "queries": len(queries), "claims": len(claims),
                   "events": len({e for _, e in claims}), "findings": found, "queued": waiting, "drain": drain, "drain_queries": len(drain_queries)}
            if i >= 2:  # the first two warm caches and connections
                rows.append(row)
            print(f"  {n_claims}: {json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()})}", flush=True)
    out["rows"] = rows
    if profiler is not None:
        import pstats

        for order in ("tottime", "cumulative"):
            print(f"--- profile of the timed articles, by {order} ---", flush=True)
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(order).print_stats(30)
    return out


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def summarise(out: dict) -> dict:
    rows = out["rows"]
    s = {"claims": out["claims"], "events": out["events"], "articles": out["articles"], "findings_open": out["findings_open"]}
    for key in ("total", "extract", "link", "check", "drain", "total_cpu", "extract_cpu", "link_cpu", "check_cpu", "load"):
        vals = [r.get(key, 0.0) for r in rows]
        s[key] = {"median": statistics.median(vals), "p90": _pct(vals, 0.9), "max": max(vals)}
    s["queries"] = statistics.median(r["queries"] for r in rows)
    s["queries_max"] = max(r["queries"] for r in rows)
    s["conflict_findings"] = sum(1 for r in rows if r["what"] == "conflict" and r["findings"])
    s["conflicts"] = sum(1 for r in rows if r["what"] == "conflict")
    s["checked"] = sum(1 for r in rows if r["status"] == "checked")
    s["n"] = len(rows)
    if "recheck_all_s" in out:
        s["recheck_all_s"] = out["recheck_all_s"]
        s["recheck_all"] = out["recheck_all"]
    return s


# --- throughput through the API with 2 real workers -----------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its living descendants (Linux /proc), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = open(f"/proc/{current}/stat").read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in os.listdir(f"/proc/{current}/task"):
                todo += [int(c) for c in open(f"/proc/{current}/task/{task}/children").read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def _postgres_cpu_seconds() -> float:
    """CPU of every PostgreSQL process, with the backends that have exited (the cluster's, not only this store's)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        try:
            head, rest = open(f"/proc/{entry}/stat").read().rsplit(")", 1) if entry.isdigit() else ("", "")
        except (FileNotFoundError, ProcessLookupError):
            continue
        if head.endswith("(postgres"):
            fields = rest.split()
            total += sum(int(f) for f in fields[11:15]) / tick  # utime, stime, cutime, cstime
    return total


def throughput(n_claims: int, n_articles: int, timeout: float = 1800) -> dict:
    db = store.ensure(n_claims)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db.models import Count
    from rest_framework.authtoken.models import Token

    from claims.models import Article, Claim
    from factdb.celery import app
    from timeline.models import Finding
    from work.models import EventRecheck

    user, _ = User.objects.get_or_create(username="bench", defaults={"is_superuser": True, "is_staff": True})
    token, _ = Token.objects.get_or_create(user=user)
    run = f"{int(time.time()) % 10**6}{os.getpid() % 10**4:04x}"
    plans = new_articles(n_articles, n_claims, "t" + run)
    env = {**os.environ, **ENV, "DATABASE_URL": store.PG + db, "FACTDB_THROTTLE_USER": "1000000/minute", "CELERY_TASK_SOFT_TIME_LIMIT": "300",
           # The API and the workers run as deployed (docker-compose.yml): production settings, so no
           # per-query debug log, and database connections kept between requests and tasks.
           "FACTDB_DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "SECURE_SSL_REDIRECT": "0", "ALLOWED_HOSTS": "127.0.0.1",
           "DATABASE_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "600"), "LOG_LEVEL": "WARNING",
           "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")}
    app.control.purge()
    port = _free_port()
    procs = [subprocess.Popen([sys.executable, "-m", "gunicorn", "factdb.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    procs += [subprocess.Popen([sys.executable, "-m", "celery", "-A", "factdb", "worker", "--concurrency=1", "-n", f"bench{i}-{run}@%h",
                                "--loglevel=WARNING", "--without-gossip", "--without-mingle"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(2)]
    before = Article.objects.count()
    try:
        deadline = time.monotonic() + 90
        while len(app.control.ping(timeout=1) or []) < 2 and time.monotonic() < deadline:
            pass
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles/?page_size=1", timeout=5)
                break
            except OSError:
                time.sleep(0.5)

        def post(plan) -> int:
            body = json.dumps({"text": plan.text(), "outlet": store.OUTLETS[plan.outlet], "published_at": plan.published_at.isoformat()}).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/articles/", data=body, method="POST",
                                             headers={"Content-Type": "application/json", "Authorization": f"Token {token.key}"})
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status

        # CPU from here on is the run's: start-up (importing, warming up) is left out.
        start_cpu = (_cpu_seconds(procs[0].pid), sum(_cpu_seconds(p.pid) for p in procs[1:]), _postgres_cpu_seconds(), time.process_time())
        t0 = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(post, [p for p, _ in plans]))
        accepted = time.perf_counter() - t0
        ids = list(Article.objects.order_by("-id").values_list("id", flat=True)[:n_articles])
        done_at, progress = None, []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            left = Article.objects.filter(id__in=ids).exclude(status__in=["checked", "failed"]).count()
            progress.append((round(time.perf_counter() - t0, 1), left))
            if left == 0:
                done_at = time.perf_counter() - t0
                break
            time.sleep(0.5)
        settle_deadline = time.monotonic() + min(600, timeout)
        while EventRecheck.objects.exists() and time.monotonic() < settle_deadline:
            time.sleep(0.5)
        settled = time.perf_counter() - t0
        # CPU the API and the workers spent, start-up included; and (run_*) from the first POST on, PostgreSQL and this client too.
        cpu = {"api_cpu_s": _cpu_seconds(procs[0].pid), "workers_cpu_s": sum(_cpu_seconds(p.pid) for p in procs[1:])}
        cpu.update(run_api_cpu_s=cpu["api_cpu_s"] - start_cpu[0], run_workers_cpu_s=cpu["workers_cpu_s"] - start_cpu[1],
                   run_postgres_cpu_s=_postgres_cpu_seconds() - start_cpu[2], run_client_cpu_s=time.process_time() - start_cpu[3])
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(60)
            except subprocess.TimeoutExpired:
                p.kill()
    statuses = dict(Article.objects.filter(id__in=ids).values_list("status").annotate(n=Count("id")))
    dup_claims = Claim.objects.values("article_id", "start", "end").annotate(n=Count("id")).filter(n__gt=1).count()
    dup_findings = Finding.objects.filter(status="open").values("kind", "subject_id").annotate(n=Count("id")).filter(n__gt=1).count()
    per_article = Claim.objects.filter(article_id__in=ids).values("article_id").annotate(n=Count("id"))
    return {
        "store_claims": n_claims, "posted": n_articles, "codes": dict((c, codes.count(c)) for c in set(codes)), "new_articles": Article.objects.count() - before,
        "accepted_s": accepted, "all_checked_s": done_at, "rechecks_settled_s": settled,
        "articles_per_s": n_articles / done_at if done_at else None, "statuses": statuses, "timeout_s": timeout,
        "checked_per_s_until_stop": statuses.get("checked", 0) / (done_at or timeout),
        "duplicate_claims": dup_claims, "duplicate_open_findings": dup_findings,
        "claims_per_article": sorted({r["n"] for r in per_article}), "progress": progress[:: max(1, len(progress) // 20)],
        **cpu, "workers_cpu_per_article_s": cpu["workers_cpu_s"] / n_articles, "load_after": os.getloadavg()[0],
        "failed_errors": list(Article.objects.filter(id__in=ids, status="failed").values_list("last_error", flat=True)[:3]),
    }


# --- the report -------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    pg = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"], capture_output=True, text=True).stdout.strip()
    return f"nproc {os.cpu_count()}, {cpu}, Python {platform.python_version()}, PostgreSQL {pg}"


def table(results: list[dict]) -> str:
    base, cpu_base = results[0]["total"]["median"], results[0]["total_cpu"]["median"]
    lines = [
        "| claims | events | wall median (s) | p90 | max | × 1k | extract | link | check | neighbour re-checks | worker CPU median (s) | × 1k | extract / link / check CPU | queries (median/max) | conflicts with a finding | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['claims']:,} | {r['events']:,} | {r['total']['median']:.3f} | {r['total']['p90']:.3f} | {r['total']['max']:.3f} | "
            f"{r['total']['median'] / base:.2f} | {r['extract']['median']:.3f} | {r['link']['median']:.3f} | {r['check']['median']:.3f} | "
            f"{r['drain']['median']:.3f} | {r['total_cpu']['median']:.3f} | {r['total_cpu']['median'] / cpu_base:.2f} | "
            f"{r['extract_cpu']['median']:.3f} / {r['link_cpu']['median']:.3f} / {r['check_cpu']['median']:.3f} | "
            f"{r['queries']:.0f}/{r['queries_max']} | {r['conflict_findings']}/{r['conflicts']} | {r['load']['median']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--recheck-sizes", default="1000,10000,100000", help="sizes whose full re-check is timed first")
    parser.add_argument("--throughput", type=int, default=500, help="articles posted through the API (0: skip)")
    parser.add_argument("--throughput-size", type=int, default=10_000)
    parser.add_argument("--throughput-timeout", type=float, default=1800, help="stop waiting after this many seconds")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--recheck", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help="with --one: cProfile the timed articles")
    parser.add_argument("--article-cap", type=float, default=300, help="seconds after which one article's processing is stopped (failed)")
    parser.add_argument("--recheck-cap", type=float, default=900, help="seconds after which the full re-check is stopped")
    parser.add_argument("--throughput-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print("RESULT " + json.dumps(summarise(one_size(args.one, args.articles, args.recheck, args.profile, args.article_cap, args.recheck_cap))), flush=True)
        return
    if args.throughput_only:
        print("RESULT " + json.dumps(throughput(args.throughput_size, args.throughput, args.throughput_timeout)), flush=True)
        return
    print(f"machine: {machine()}", flush=True)
    rechecks = {int(s) for s in args.recheck_sizes.split(",") if s}
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        cmd = [sys.executable, "-m", "bench.ingest", "--one", str(size), "--articles", str(args.articles), "--article-cap", str(args.article_cap),
               "--recheck-cap", str(args.recheck_cap)] + (["--recheck"] if size in rechecks else [])
        results.append(_child(cmd))
        print(f"{size}: {json.dumps(results[-1])}", flush=True)
    print(table(results))
    for r in results:
        if "recheck_all_s" in r:
            print(f"full re-check of {r['claims']:,} claims ({r['events']:,} events): {r['recheck_all_s']:.1f}s {r['recheck_all']}")
    if args.throughput:
        t = _child([sys.executable, "-m", "bench.ingest", "--throughput-only", "--throughput", str(args.throughput), "--throughput-size", str(args.throughput_size),
                    "--throughput-timeout", str(args.throughput_timeout)])
        print(f"throughput: {json.dumps(t)}")


def _child(cmd: list[str]) -> dict:
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **ENV}, stdout=subprocess.PIPE, text=True)
    result = None
    for line in proc.stdout:
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
        else:
            print(line, end="", flush=True)
    proc.wait()
    if result is None:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return result


if __name__ == "__main__":
    main()
