"""Hostile corpus folders (issue 9): ingest_corpus checks the whole folder first, prints
one clear line per problem, exits 1 without a traceback, and stores nothing."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, Claim

pytestmark = pytest.mark.django_db

TEXT = "The council met in the capital on March 2, 2026, officials said."
ROOT = Path(__file__).resolve().parent.parent


def _corpus(tmp_path, entries, files=None):
    (tmp_path / "articles").mkdir(exist_ok=True)
    for name, data in (files or {"a.txt": TEXT.encode(), "b.txt": b"The port reopened on 4 May 2026.", "c.txt": b"The strike ended in June 2026."}).items():
        (tmp_path / "articles" / name).write_bytes(data)
    (tmp_path / "articles.json").write_text(json.dumps(entries))
    return str(tmp_path)


def _refused(path):
    """The problem lines the command printed; it must have stored nothing."""
    stderr = io.StringIO()
    with pytest.raises(CommandError, match=r"problem\(s\) in .*; nothing was stored"):
        call_command("ingest_corpus", path, stderr=stderr)
    assert (Article.objects.count(), Claim.objects.count()) == (0, 0)
    return stderr.getvalue().splitlines()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"file": "/etc/hostname"}, "'/etc/hostname' must name a file inside"),
        ({"file": "../../../../etc/hostname"}, "'../../../../etc/hostname' must name a file inside"),
        ({"file": "a.txt/../../articles.json"}, "must name a file inside"),
        ({"file": 12345}, "file: must be a file name, not a number"),
        ({"file": ["a.txt"]}, "file: must be a file name, not a list"),
        ({"file": "a.txt", "url": "javascript:alert(document.cookie)"}, "url: must be an http:// or https:// URL"),
        ({"file": "a.txt", "url": "not a url"}, "url: must not contain spaces"),
        ({"file": "a.txt", "url": 12345}, "url: must be a string, not a number"),
        ({"file": "a.txt", "url": "ftp://files.example/a.txt"}, "url: must be an http:// or https:// URL"),
        ({"file": "a.txt", "url": "https://news.example/" + "a" * 2000}, "url: is 2021 characters; the limit is 2000"),
        ({"file": "a.txt", "title": "Council\x00meets"}, "title: must be one line without control characters"),
        ({"file": "a.txt", "outlet": "Daily\x00Post"}, "outlet: must be one line without control characters"),
        ({"file": "a.txt", "outlet": "x" * 201}, "outlet: is 201 characters; the limit is 200"),
        ({"file": "a.txt", "language": "x" * 17}, "language: is 17 characters; the limit is 16"),
        ({"file": "a.txt", "title": ["x"]}, "title: must be a string, not a list"),
        ({"file": "a.txt", "published_at": "0001-01-01T00:00:00+14:00"}, "published_at: must fall within the years 1 to 9999 in UTC"),
        ({"file": "a.txt", "published_at": 20260303}, "published_at: must be an ISO 8601 date or date-time string, not a number"),
    ],
)
def test_a_bad_entry_is_one_clear_line_and_nothing_is_stored(tmp_path, entry, message):
    # The bad entry comes last, after two good ones that must not be stored either.
    path = _corpus(tmp_path, [{"file": "b.txt"}, {"file": "c.txt"}, entry])

    [line] = _refused(path)

    assert "entry 3" in line and message in line


def test_every_problem_of_the_folder_is_listed_at_once(tmp_path):
    path = _corpus(
        tmp_path,
        [
            {"file": "a.txt", "published_at": "2026-02-30"},
            {"file": "b.txt", "url": "javascript:x()", "outlet": "x" * 300},
            {"file": "c.txt"},
            {"file": "missing.txt"},
        ],
    )

    lines = _refused(path)

    assert len(lines) == 4
    assert "entry 1 (a.txt): published_at" in lines[0]
    assert "entry 2 (b.txt): url" in lines[1] and "entry 2 (b.txt): outlet" in lines[2]
    assert "missing.txt is listed in articles.json but missing" in lines[3]


def test_two_entries_with_one_url_and_different_texts_are_refused(tmp_path):
    path = _corpus(tmp_path, [{"file": "a.txt", "url": "https://news.example/x"}, {"file": "b.txt", "url": "HTTPS://NEWS.example/x"}])

    [line] = _refused(path)

    assert "entry 2 (b.txt): url: another entry with different text has this URL" in line


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the command waits for its articles' processing, queued on commit
def test_a_url_a_stored_article_holds_rolls_the_whole_folder_back(tmp_path):
    (tmp_path / "first").mkdir()
    call_command("ingest_corpus", _corpus(tmp_path / "first", [{"file": "a.txt", "url": "https://news.example/x"}]))
    before = list(Article.objects.values_list("id", flat=True))

    with pytest.raises(CommandError, match=r"b.txt: url: another article with different text already has this URL; nothing was stored"):
        call_command("ingest_corpus", _corpus(tmp_path, [{"file": "c.txt"}, {"file": "b.txt", "url": "https://news.example/x"}]))

    assert list(Article.objects.values_list("id", flat=True)) == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_good_folder_stores_normalised_values(tmp_path):
    path = _corpus(tmp_path, [{"file": "a.txt", "url": "HTTPS://News.Example/a b".replace(" ", "%20"), "outlet": "  Daily Post ", "language": "EN"}])

    call_command("ingest_corpus", path)

    article = Article.objects.get()
    assert (article.url, article.outlet, article.language) == ("https://news.example/a%20b", "Daily Post", "en")


def test_the_command_exits_1_with_no_traceback(tmp_path):
    path = _corpus(tmp_path, [{"file": "/etc/hostname"}, {"file": "a.txt", "title": ["x"]}])

    done = subprocess.run(
        [sys.executable, "manage.py", "ingest_corpus", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "FACTDB_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "CELERY_BROKER_URL": ""},
        timeout=120,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3
    assert "entry 1: file: '/etc/hostname' must name a file inside" in lines[0]
    assert "entry 2 (a.txt): title: must be a string, not a list" in lines[1]
    assert lines[2] == f"CommandError: 2 problem(s) in {path}; nothing was stored"
