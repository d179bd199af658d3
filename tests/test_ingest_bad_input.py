"""Bad input gets a clear error and leaves the database as it was."""

import io
import json
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, Claim
from claims.services import ArticleIn, article_ingest
from factdb.errors import FactdbError

pytestmark = pytest.mark.django_db

TEXT = "The council met in Baku on March 2, 2026, officials said."


def _counts():
    return Article.objects.count(), Claim.objects.count()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "text: is empty"),
        ("   \n\t ", "text: is empty"),
        ("PK\x03\x04\x00\x00binary", "text: looks like binary data"),
        (b"caf\xe9 au lait", "text: is not UTF-8"),
    ],
)
def test_it_refuses_empty_binary_and_non_utf8_bodies(body, message):
    with pytest.raises(FactdbError, match=message):
        article_ingest(data=ArticleIn(body=body))
    assert _counts() == (0, 0)


def test_it_refuses_a_body_over_the_size_limit(settings):
    settings.FACTDB_MAX_ARTICLE_CHARS = 1_000
    with pytest.raises(FactdbError, match="limit is 1000"):
        article_ingest(data=ArticleIn(body="word " * 300))
    assert _counts() == (0, 0)


def test_it_refuses_a_naive_publication_time():
    with pytest.raises(FactdbError, match="published_at"):
        article_ingest(data=ArticleIn(body=TEXT, published_at=datetime(2026, 3, 3, 9, 0)))
    assert _counts() == (0, 0)


def test_the_same_text_twice_creates_nothing_new(run_on_commit):
    first = article_ingest(data=ArticleIn(body=TEXT, url="https://a.test/1"))
    again = article_ingest(data=ArticleIn(body=TEXT, url="https://a.test/1"))
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_a_known_url_with_different_text_is_refused(run_on_commit):
    article_ingest(data=ArticleIn(body=TEXT, url="https://a.test/1"))
    before = _counts()
    with pytest.raises(FactdbError, match="url: another article"):
        article_ingest(data=ArticleIn(body=TEXT + " More.", url="https://a.test/1"))
    assert _counts() == before


def _corpus(tmp_path, entries, files):
    (tmp_path / "articles").mkdir()
    for name, data in files.items():
        (tmp_path / "articles" / name).write_bytes(data)
    if entries is not None:
        (tmp_path / "articles.json").write_text(json.dumps(entries))
    return str(tmp_path)


@pytest.mark.parametrize(
    ("entries", "files", "message"),
    [
        (None, {"a.txt": b"text"}, "has no articles.json"),
        ([{"file": "a.txt", "colour": "red"}], {"a.txt": TEXT.encode()}, "unknown fields: colour"),
        ([{"file": "a.txt", "published_at": "11/02/2026"}], {"a.txt": TEXT.encode()}, "(a.txt): published_at"),
        ([{"file": "a.txt", "published_at": "2026-02-11T10:18"}], {"a.txt": TEXT.encode()}, "has no UTC offset"),
        ([{"file": "a.txt"}, {"file": "b.txt"}], {"a.txt": TEXT.encode(), "b.txt": b"\xff\xfe bad"}, "b.txt is not UTF-8"),
        ([{"file": "a.txt"}, {"file": "b.txt"}], {"a.txt": TEXT.encode(), "b.txt": b" \n"}, "text: is empty"),
        ([{"file": "missing.txt"}], {}, "missing"),
    ],
)
def test_ingest_corpus_refuses_a_bad_folder_with_one_line_and_stores_nothing(tmp_path, entries, files, message):
    path = _corpus(tmp_path, entries, files)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="1 problem\\(s\\) in .*; nothing was stored"):
        call_command("ingest_corpus", path, stderr=stderr)
    [line] = stderr.getvalue().splitlines()
    assert message in line
    assert _counts() == (0, 0)
