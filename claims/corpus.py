"""Reading a corpus folder: articles.json plus articles/*.txt (the layout of shared/corpus)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from factdb.errors import FactdbError

_FIELDS = {"file", "url", "outlet", "language", "published_at", "title"}


@dataclass(frozen=True)
class CorpusArticle:
    file: str
    text: str
    url: str | None
    outlet: str
    language: str
    published_at: str | None
    title: str = ""


def read_corpus(folder: str | Path) -> list[CorpusArticle]:
    """Every article of the folder, or a FactdbError saying what is wrong.

    All files are read and checked before anything is returned, so a bad
    folder changes nothing downstream.
    """
    root = Path(folder)
    if not root.is_dir():
        raise FactdbError(f"{root} is not a folder")
    index = root / "articles.json"
    if not index.is_file():
        raise FactdbError(f"{root} has no articles.json")
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FactdbError(f"{index} is not valid JSON: {exc}") from None
    if not isinstance(entries, list) or not entries:
        raise FactdbError(f"{index} must be a non-empty list of articles")
    articles = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or "file" not in entry:
            raise FactdbError(f"{index}: entry {number} must be an object with a 'file'")
        unknown = set(entry) - _FIELDS
        if unknown:
            raise FactdbError(f"{index}: entry {number} has unknown fields: {', '.join(sorted(unknown))}")
        path = root / "articles" / entry["file"]
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise FactdbError(f"{path} is listed in articles.json but missing") from None
        except UnicodeDecodeError:
            raise FactdbError(f"{path} is not UTF-8 text") from None
        articles.append(
            CorpusArticle(
                file=entry["file"],
                text=text,
                url=entry.get("url"),
                outlet=entry.get("outlet") or "",
                language=entry.get("language") or "en",
                published_at=entry.get("published_at"),
                title=entry.get("title") or "",
            )
        )
    return articles
