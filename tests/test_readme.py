"""The README's commands run as written.

The "by hand" block is run line by line in a shell, with two substitutions
that keep the test self-contained: DATABASE_URL points at SQLite in a
temporary folder and CELERY_BROKER_URL is empty (tasks in process), so
`createdb`, `make worker &` and `make beat &` have nothing to do and are
skipped. `runserver` is started for real and must answer. Every command under
"Commands" then runs against that database with its placeholders filled in.
"""

import os
import re
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The full pipeline twice over on the corpus: tests/test_corpus_quality.py runs these with the same arguments.
RUN_ELSEWHERE = {"analyze_corpus", "evaluate"}
SKIPPED = ("createdb ", "make worker", "make beat")

pytestmark = pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "python").exists(), reason="the README's commands use .venv/bin/python")


def _by_hand_block() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    block = next(b for b in blocks if "createdb" in b)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def _clean_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"FACTDB_DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DJANGO_SETTINGS_MODULE"}}
    env["MAKEFLAGS"] = ""
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shell(lines: list[str], env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    script = "set -euo pipefail\n" + "\n".join(lines) + "\n"
    return subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=timeout)


def test_the_by_hand_steps_say_that_secret_key_or_factdb_debug_must_be_set():
    exports = [line for line in _by_hand_block() if line.startswith("export ")]
    assert exports[0] == "export FACTDB_DEBUG=1"
    before_the_block = README.split("By hand")[1].split("```")[0]
    assert "SECRET_KEY" in before_the_block and "FACTDB_DEBUG=1" in before_the_block


def test_the_readme_commands_run_as_written(tmp_path, httpserver):
    database = f"sqlite:///{tmp_path / 'readme.sqlite3'}"
    lines, server = [], None
    for line in _by_hand_block():
        if line.startswith(SKIPPED):
            continue
        if line.startswith("export DATABASE_URL="):
            line = f"export DATABASE_URL={database}"
        elif line.startswith("export CELERY_BROKER_URL="):
            line = "export CELERY_BROKER_URL="
        elif line.endswith("manage.py runserver"):
            server = line
            continue
        lines.append(line)
    # The environment the block leaves behind is kept for the server and the commands below.
    done = _shell([*lines, f"env -0 > {tmp_path / 'env'}"], _clean_env(tmp_path))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert b"ingested 12 articles from fixtures/corpus" in done.stdout
    env = dict(item.split("=", 1) for item in (tmp_path / "env").read_text().split("\0") if "=" in item)
    assert env.get("FACTDB_DEBUG") == "1"

    port = _free_port()
    process = subprocess.Popen([*shlex.split(server), f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _answers(f"http://127.0.0.1:{port}/api/", 60), "runserver did not answer"
    finally:
        process.terminate()
        process.wait(timeout=30)

    httpserver.expect_request("/story").respond_with_data(
        "<html><head><title>Bridge reopens</title></head><body><article><p>The bridge reopened on May 4, 2025, "
        "after two years of repairs, the city said on Monday.</p><p>Traffic is expected to return to normal by June.</p></article></body></html>",
        content_type="text/html",
    )
    env = {**env, "FACTDB_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32"}
    fills = {
        "PATH": "fixtures/corpus",
        "FILE": str(tmp_path / "analysis.json"),
        "NAME": "readme-desk",
        "URL": f"http://127.0.0.1:{httpserver.port}/story",
        "DIR": "fixtures/heldout_timeml",
        "IN_DIR": "fixtures/heldout_timeml",
        "OUT_DIR": str(tmp_path / "timeml-out"),
        "F": "0.5",
    }
    commands = re.findall(r"^- `manage\.py ([^`]+)`", README, re.M)
    assert len(commands) >= 8
    for shown in commands:
        name = shown.split()[0]
        argv = [fills.get(word, word) for word in re.sub(r"\[([^\]]*?)\]", r"\1", shown.replace("[URL ...]", "")).split()]
        argv = [a for a in argv if a != "|"]
        if name in RUN_ELSEWHERE:
            helped = subprocess.run([".venv/bin/python", "manage.py", name, "--help"], cwd=ROOT, env=env, capture_output=True, text=True)
            assert helped.returncode == 0
            assert all(option in helped.stdout for option in argv if option.startswith("--")), shown
            continue
        ran = subprocess.run([".venv/bin/python", "manage.py", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert ran.returncode == 0, f"manage.py {' '.join(argv)}: {ran.stderr[-2000:]}"


def _answers(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError:
            return True  # any HTTP answer means it is serving
        except OSError:
            time.sleep(0.3)
    return False

