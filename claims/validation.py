"""Checking what comes in from outside: one module for every way in.

The API serializers, the admin forms, the review queue, the corpus command and
the services all call these functions, so a value refused in one place is
refused everywhere, with the same message. Each takes the raw value (anything
a JSON document or a form can hold) and returns it cleaned, or raises
FactdbError naming the field. Lengths are checked here, before the database
sees a value, because a value the database refuses ends as a 500 or, worse,
half a write.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from factdb.errors import FactdbError

# The database columns' sizes (claims.models.Article), checked before a write.
MAX_URL = 2000
MAX_OUTLET = 200
MAX_TITLE = 500
MAX_LANGUAGE = 16
MAX_NOTE = 2000
MAX_PUBLISHED_AT = 64

# The rules below as regular expressions, so the OpenAPI schema states exactly
# what the API accepts (claims.api attaches them as "pattern").
_YEAR = r"(?:000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})"
# A date-time's year stays within 2-9998, so no UTC offset can move it out of
# the years 1-9999 (a bare date is read in UTC and may use them all).
_DT_YEAR = r"(?:000[2-9]|00[1-9]\d|0[1-9]\d{2}|[1-8]\d{3}|9[0-8]\d{2}|99[0-8]\d|999[0-8])"
_MONTH_DAY = r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))"
_LEAP_DAY = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
_TIME = r"T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?"
_OFFSET = r"(?:Z|[+-](?:0\d|1[0-5]):[0-5]\d)"
PUBLISHED_AT_PATTERN = rf"^(?:(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})|(?:{_DT_YEAR}-{_MONTH_DAY}|{_LEAP_DAY}){_TIME}{_OFFSET})?$"
_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# Path, query and fragment: anything but spaces, control and invisible characters
# (url() refuses those); the rest is percent-encoded when stored, so a path in
# Cyrillic or a quote is taken. A "%" starts an escape.
_URL_REST = r"(?:[^%\s\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|%[0-9A-Fa-f]{2})"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_HOST = rf"(?:{_HOST_LABEL}(?:\.{_HOST_LABEL})*\.[A-Za-z]{{2,63}}|{_OCTET}(?:\.{_OCTET}){{3}})"  # a name with a TLD, or IPv4
_PORT = r"(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])"
_URL = rf"[Hh][Tt][Tt][Pp][Ss]?://{_HOST}(?::{_PORT})?(?:[/?#]{_URL_REST}*)?"
URL_PATTERN = rf"^(?:{_URL})?$"  # an article's source: may be left out
REQUIRED_URL_PATTERN = rf"^{_URL}$"  # a page to fetch
ONE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
NO_NUL_PATTERN = r"^[^\x00]*$"
LANGUAGE_PATTERN = r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)?$"
NOTE_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
# Something other than whitespace, and no control characters but tab and line breaks.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_PUBLISHED_AT = re.compile(PUBLISHED_AT_PATTERN)

# PostgreSQL accepts UTC offsets up to 15:59 either way; Python up to 23:59.
MAX_UTC_OFFSET = timedelta(hours=15, minutes=59)

# Characters no single-line field holds: C0 and C1 controls (newline and tab
# included: a title or an outlet is one line).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Article text keeps tab, newline and carriage return.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Language tags as in BCP 47: "en", "ru", "pt-BR", "zh-Hant".
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
# A stray "%" not starting an escape would make a URL that means two things.
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What RFC 3986 allows unescaped in a path, a query and a fragment; the rest
# (spaces, quotes, angle brackets, non-ASCII letters) is percent-encoded.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"
_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


def string(value: object, *, field: str) -> str:
    """A str that can be stored: JSON can carry lone surrogates ("\\ud800"), which no database encoding holds."""
    if not isinstance(value, str):
        raise FactdbError.on(field, f"must be a string, not {_json_type(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise FactdbError.on(field, "is not valid Unicode text (it holds a lone surrogate)") from None
    return value


def text_field(value: object, *, field: str, max_length: int, required: bool = False, default: str = "") -> str:
    """A one-line string, ends stripped, without control characters.

    >>> text_field("  Harbour Ledger ", field="outlet", max_length=200)
    'Harbour Ledger'
    """
    if value is None:
        value = default
    value = string(value, field=field)
    if len(value) > max_length:
        raise FactdbError.on(field, f"is {len(value)} characters; the limit is {max_length}")
    if _CONTROL.search(value):
        raise FactdbError.on(field, "must be one line without control characters")
    value = value.strip()
    if required and not value:
        raise FactdbError.on(field, "must not be empty")
    return value


def outlet(value: object, *, field: str = "outlet") -> str:
    return text_field(value, field=field, max_length=MAX_OUTLET)


def title(value: object, *, field: str = "title") -> str:
    return text_field(value, field=field, max_length=MAX_TITLE)


def article_text(value: object, *, field: str = "text") -> str:
    """An article body within the service's limit (FACTDB_MAX_ARTICLE_CHARS)."""
    return article_body(value, max_chars=settings.FACTDB_MAX_ARTICLE_CHARS, field=field)


def note_field(value: object, *, field: str, required: bool = False) -> str:
    """A free-text note (several lines allowed), ends stripped, at most MAX_NOTE characters."""
    if value is None:
        value = ""
    value = string(value, field=field)
    if len(value) > MAX_NOTE:
        raise FactdbError.on(field, f"is {len(value)} characters; the limit is {MAX_NOTE}")
    if _TEXT_CONTROL.search(value):
        raise FactdbError.on(field, "must not contain control characters")
    value = value.strip()
    if required and not value:
        raise FactdbError.on(field, "must not be empty")
    return value


def language(value: object, *, field: str = "language") -> str:
    """A language tag, lower-cased; empty means English.

    >>> language("EN")
    'en'
    """
    tag = text_field(value, field=field, max_length=MAX_LANGUAGE, default="en") or "en"
    if not _LANGUAGE.fullmatch(tag):
        raise FactdbError.on(field, f"{tag!r} is not a language tag such as en or pt-BR")
    return tag.lower()


def article_body(value: object, *, max_chars: int, field: str = "text") -> str:
    """An article's body, checked and returned as sent (claim offsets point into it).

    The duplicate check hashes it with the whitespace at its ends stripped
    (claims.services.body_hash), so a trailing space is not a new article.
    """
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise FactdbError.on(field, "is not UTF-8 text") from None
    value = string(value, field=field)
    if len(value) > max_chars:
        raise FactdbError.on(field, f"is {len(value)} characters; the limit is {max_chars}")
    if not value.strip():
        raise FactdbError.on(field, "is empty")
    body = value
    # One rule the API schema can state: text never holds control characters
    # other than tab and line breaks; a body that does is binary data sent by mistake.
    if _TEXT_CONTROL.search(body):
        raise FactdbError.on(field, "looks like binary data, not text (control characters other than tab and line breaks)")
    return body


def url(value: object, *, field: str = "url") -> str | None:
    """An http(s) URL, normalised; None for null or empty.

    Scheme and host are lower-cased, the default port dropped, and characters
    a URL cannot hold as they are (quotes, angle brackets, spaces, letters
    outside ASCII) percent-encoded, so the stored value is safe in an href and
    one page has one spelling.

    >>> url('HTTPS://Example.COM:443/a?q="x"<')
    'https://example.com/a?q=%22x%22%3C'
    >>> url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    factdb.errors.FactdbError: url: must be an http:// or https:// URL
    """
    if value is None:
        return None
    text = string(value, field=field).strip()
    if not text:
        return None
    if len(text) > MAX_URL:
        raise FactdbError.on(field, f"is {len(text)} characters; the limit is {MAX_URL}")
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise FactdbError.on(field, "must not contain spaces, control or invisible (zero-width) characters")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise FactdbError.on(field, f"{_short(text)} is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FactdbError.on(field, "must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise FactdbError.on(field, "must not contain a user name or password")
    host = parts.hostname or ""
    if not host:
        raise FactdbError.on(field, "has no host name")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise FactdbError.on(field, f"{host!r} is not a valid host name") from None
    if ":" in host:
        host = f"[{host}]"  # IPv6
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    normalised = urlunsplit(
        (
            scheme,
            host,
            _encode(parts.path, _PATH_SAFE),
            _encode(parts.query, _QUERY_SAFE),
            _encode(parts.fragment, _QUERY_SAFE),
        )
    )
    if len(normalised) > MAX_URL:
        raise FactdbError.on(field, f"is {len(normalised)} characters once encoded; the limit is {MAX_URL}")
    try:
        _URL_VALIDATOR(normalised)
    except ValidationError:
        raise FactdbError.on(field, f"{_short(text)} is not a valid http(s) URL") from None
    return normalised


def _encode(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe)


def published_at(value: object, *, field: str = "published_at") -> tuple[datetime | None, bool]:
    """ISO 8601 date, or date and time with a UTC offset -> (aware datetime, date_only).

    >>> published_at("2026-02-11T10:18:00+04:00")
    (datetime.datetime(2026, 2, 11, 10, 18, tzinfo=datetime.timezone(datetime.timedelta(seconds=14400))), False)
    >>> published_at("2026-02-11")
    (datetime.datetime(2026, 2, 11, 0, 0, tzinfo=datetime.timezone.utc), True)

    A time without an offset is refused: guessing the zone would shift
    "yesterday" by a day for articles published near midnight.
    """
    if value is None or value == "":
        return None, False
    if not isinstance(value, str):
        raise FactdbError.on(field, f"must be an ISO 8601 date or date-time string, not {_json_type(value)}")
    text = string(value, field=field)
    if len(text) > MAX_PUBLISHED_AT:
        raise FactdbError.on(field, f"is {len(text)} characters; an ISO 8601 date-time is at most {MAX_PUBLISHED_AT}")
    if not _PUBLISHED_AT.fullmatch(text):
        _explain_published_at(text, field)
        raise FactdbError.on(
            field,
            f"{_short(text)} is not a date (YYYY-MM-DD, years 1-9999) or a date-time with its UTC offset "
            "(YYYY-MM-DDTHH:MM[:SS[.ffffff]] then Z or ±HH:MM up to ±15:59, years 2-9998)",
        )
    if len(text) == 10:
        day = date.fromisoformat(text)
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc), True
    return moment_in_range(datetime.fromisoformat(text), field=field), False


def _explain_published_at(text: str, field: str) -> None:
    """A precise message for the commonest ways a time misses the pattern."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return
    if moment.tzinfo is None:
        raise FactdbError.on(field, f"{_short(text)} has no UTC offset (e.g. +04:00 or Z)")
    moment_in_range(moment, field=field)
    if moment.year in (1, 9999):
        raise FactdbError.on(field, "a date-time must fall within the years 2 to 9998, so its UTC time stays within 1 to 9999")


def moment_in_range(moment: datetime, *, field: str = "published_at") -> datetime:
    """An aware datetime the database can store and give back.

    The offset must be whole minutes within ±15:59 (PostgreSQL's limit), and
    the time must stay within the years 1-9999 once moved to UTC: Python
    cannot represent 0001-01-01T00:00+14:00 in UTC, so such a row, once
    stored, would break every page that reads it.
    """
    offset = moment.utcoffset()
    if offset is None:
        raise FactdbError.on(field, "needs a UTC offset")
    if abs(offset) > MAX_UTC_OFFSET:
        raise FactdbError.on(field, "the UTC offset must be between -15:59 and +15:59")
    if offset % timedelta(minutes=1):
        raise FactdbError.on(field, "the UTC offset must be whole minutes")
    try:
        moment.astimezone(timezone.utc)
    except OverflowError:
        raise FactdbError.on(field, "must fall within the years 1 to 9999 in UTC") from None
    return moment


def corpus_file(root: Path, name: object, *, field: str = "file") -> Path:
    """The path of a corpus entry's text: a relative name inside root/articles, nowhere else.

    An entry naming /etc/hostname or ../../secret would otherwise publish a
    local file as an article.
    """
    if not isinstance(name, str) or not name.strip():
        raise FactdbError.on(field, f"must be a file name, not {_json_type(name) if not isinstance(name, str) else 'an empty string'}")
    if _CONTROL.search(name):
        raise FactdbError.on(field, "must not contain control characters")
    folder = (root / "articles").resolve()
    path = (folder / name).resolve()
    if Path(name).is_absolute() or not path.is_relative_to(folder) or path == folder:
        raise FactdbError.on(field, f"{name!r} must name a file inside {root / 'articles'}")
    return path


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
