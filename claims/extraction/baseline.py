"""The yardstick: plain `dateparser.search.search_dates` over the whole text, as a
naive implementation would call it, mapped to day-precise claim dicts."""

from __future__ import annotations

from datetime import datetime

from dateparser.search import search_dates


def baseline_claims(text: str, language: str, published_at: datetime | None) -> list[dict]:
    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if published_at is not None:
        settings["RELATIVE_BASE"] = published_at.replace(tzinfo=None)  # naive, the article's local clock
    found = search_dates(text, settings=settings, languages=[language]) or []
    claims, cursor = [], 0
    for phrase, value in found:
        start = text.find(phrase, cursor)
        if start == -1:
            start = text.find(phrase)
            if start == -1:
                continue
        end = start + len(phrase)
        cursor = end
        day = value.date().isoformat()
        claims.append({"start": start, "end": end, "text": phrase, "value_start": day, "value_end": day,
                       "granularity": "day", "resolution": "absolute"})
    return claims
