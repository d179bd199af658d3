"""Reading a publication time given as text (API, command line, articles.json).

The rules live in claims.validation with the other input checks; this name
stays for its many callers.
"""

from datetime import datetime

from claims.validation import published_at as _published_at


def parse_published_at(value: object) -> tuple[datetime | None, bool]:
    """ISO 8601 date, or date and time with a UTC offset -> (aware datetime, date_only).

    >>> parse_published_at("2026-02-11")
    (datetime.datetime(2026, 2, 11, 0, 0, tzinfo=datetime.timezone.utc), True)
    """
    return _published_at(value)
