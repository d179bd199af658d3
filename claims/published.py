"""Reading a publication time given as text (API, command line, articles.json)."""

from datetime import date, datetime, timezone

from factdb.errors import FactdbError


def parse_published_at(value: str | None) -> tuple[datetime | None, bool]:
    """ISO 8601 date, or date and time with a UTC offset -> (aware datetime, date_only).

    >>> parse_published_at("2026-02-11T10:18:00+04:00")
    (datetime.datetime(2026, 2, 11, 10, 18, tzinfo=datetime.timezone(datetime.timedelta(seconds=14400))), False)
    >>> parse_published_at("2026-02-11")
    (datetime.datetime(2026, 2, 11, 0, 0, tzinfo=datetime.timezone.utc), True)

    A time without an offset is refused: guessing the zone would shift
    "yesterday" by a day for articles published near midnight.
    """
    if value is None or value == "":
        return None, False
    if not isinstance(value, str):
        raise FactdbError.on("published_at", "must be an ISO 8601 date or date-time string")
    text = value.strip()
    if len(text) == 10:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise FactdbError.on("published_at", f"{value!r} is not a valid date (YYYY-MM-DD)") from None
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc), True
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FactdbError.on("published_at", f"{value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise FactdbError.on("published_at", f"{value!r} has no UTC offset (e.g. +04:00 or Z)")
    return moment, False
