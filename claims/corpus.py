"""Reading a corpus folder: articles.json plus articles/*.txt (the layout of shared/corpus)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from claims import validation
from factdb.errors import FactdbError

_FIELDS = {"file", "url", "outlet", "language", "published_at", "title"}
# A corpus file larger than this is not an article; reading it would only fill memory.
_MAX_FILE_BYTES = 16 * 1024 * 1024


class CorpusProblems(FactdbError):
    """Everything wrong with a corpus folder, one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CorpusArticle:
    file: str
    text: str
    url: str | None
    outlet: str
    language: str
    published_at: str | None
    title: str = ""


def read_corpus(folder: str | Path, *, max_chars: int | None = None) -> list[CorpusArticle]:
    """Every article of the folder, or CorpusProblems listing all that is wrong.

    Every entry is read and checked with claims.validation (the rules the API
    applies) before anything is returned, so a bad folder changes nothing
    downstream, and its owner sees every problem at once, not one per run.
    """
    root = Path(folder)
    if not root.is_dir():
        raise CorpusProblems([f"{root} is not a folder"])
    index = root / "articles.json"
    if not index.is_file():
        raise CorpusProblems([f"{root} has no articles.json"])
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusProblems([f"{index} is not valid JSON: {exc}"]) from None
    except RecursionError:
        raise CorpusProblems([f"{index} is nested too deeply to be a list of articles"]) from None
    if not isinstance(entries, list) or not entries:
        raise CorpusProblems([f"{index} must be a non-empty list of articles"])
    articles, problems = [], []
    urls: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"{index}: entry {number}"
        try:
            article = _read_entry(root, entry, where, max_chars)
        except CorpusProblems as exc:
            problems.extend(exc.problems)
            continue
        if article.url and urls.setdefault(article.url, article.text.strip()) != article.text.strip():
            problems.append(f"{where} ({article.file}): url: another entry with different text has this URL")
            continue
        articles.append(article)
    if problems:
        raise CorpusProblems(problems)
    return articles


def _read_entry(root: Path, entry: object, where: str, max_chars: int | None) -> CorpusArticle:
    if not isinstance(entry, dict) or "file" not in entry:
        raise CorpusProblems([f"{where} must be an object with a 'file'"])
    unknown = set(entry) - _FIELDS
    if unknown:
        raise CorpusProblems([f"{where} has unknown fields: {', '.join(sorted(unknown))}"])
    try:
        path = validation.corpus_file(root, entry["file"])
    except FactdbError as exc:
        raise CorpusProblems([f"{where}: {exc.message}"]) from None
    where = f"{where} ({entry['file']})"
    problems = []

    def check(function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except FactdbError as exc:
            problems.append(f"{where}: {exc.message}")
            return None

    text = check(_read_text, path)
    if text is not None:
        check(validation.article_body, text, max_chars=max_chars or _MAX_FILE_BYTES)
    url = check(validation.url, entry.get("url"))
    outlet = check(validation.text_field, entry.get("outlet"), field="outlet", max_length=validation.MAX_OUTLET)
    title = check(validation.text_field, entry.get("title"), field="title", max_length=validation.MAX_TITLE)
    language = check(validation.language, entry.get("language"))
    check(validation.published_at, entry.get("published_at"))
    if problems:
        raise CorpusProblems(problems)
    return CorpusArticle(
        file=entry["file"],
        text=text,
        url=url,
        outlet=outlet,
        language=language,
        published_at=entry.get("published_at") or None,
        title=title,
    )


def _read_text(path: Path) -> str:
    try:
        if not path.is_file():
            raise FactdbError(f"{path} is listed in articles.json but missing" if not path.exists() else f"{path} is not a file")
        if path.stat().st_size > _MAX_FILE_BYTES:
            raise FactdbError(f"{path} is over {_MAX_FILE_BYTES} bytes; not an article")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise FactdbError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise FactdbError(f"{path} cannot be read: {exc.strerror}") from None
