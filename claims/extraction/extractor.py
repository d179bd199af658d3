"""`extract()`: the stages in order.

1. boilerplate lines, sentences and quotations of the raw text;
2. candidates from the language's patterns (candidates.py) and what each says (readings.py);
3. the publication day: metadata, else a dateline (dateline.py), else the latest
   day the text reports as past (latest_date.py);
4. resolution in three passes: claims that need only the text or the publication
   day; then quoted expressions, which need their utterance's date; then
   offsets ("six months later"), which need the claims before them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from claims.extraction import anchoring, dates
from claims.extraction.boilerplate import boilerplate_spans
from claims.extraction.candidates import Candidate, find_candidates
from claims.extraction.dateline import dateline_with_line, stale_dateline
from claims.extraction.dates import shift
from claims.extraction.latest_date import latest_stated_day
from claims.extraction.patterns import Patterns, patterns_for
from claims.extraction.quotes import Quotes
from claims.extraction.readings import Reading
from claims.extraction.timex import interval_value, unknown_value
from claims.extraction.timex_readings import read
from claims.extraction.sentences import Sentences
from claims.extraction.tense import FUTURE, NEAREST, PAST, direction
from claims.extraction.types import (
    ArticleText,
    Extraction,
    Granularity,
    Interval,
    Offset,
    PublishedAtSource,
    Resolution,
    TemporalClaim,
    TimexType,
)


@dataclass
class _Found:
    candidate: Candidate
    reading: Reading
    claim: TemporalClaim
    quote: tuple[int, int] | None
    mod: str = ""  # a narrowing word the span took in front of the date ("early", "the end of")


def extract(article: ArticleText) -> Extraction:
    """Every temporal expression in `article.text`, resolved as far as the text allows."""
    text = article.text
    patterns = patterns_for(article.language)
    sentences = Sentences(text, patterns.lexicon.abbreviations)
    quotes = Quotes(text)
    candidates = find_candidates(text, patterns, boilerplate_spans(text))
    found = [_found(text, c, r, sentences, quotes) for c, r in (_read_at(text, c, patterns) for c in candidates) if r]

    published_at, source, evidence = article.published_at, PublishedAtSource.METADATA, None
    if published_at is None:
        published_at, source, evidence = dateline_with_line(text, found)
    if published_at is None and (latest := latest_stated_day(text, found, patterns)) is not None:
        (published_at, evidence), source = latest, PublishedAtSource.LATEST_DATE
    # The publication day as the article's own clock shows it (published_at carries its zone).
    reference = published_at.date() if published_at is not None else None

    # Against a publication time the metadata does not state, a relative date is inferred.
    relative = Resolution.RELATIVE if source == PublishedAtSource.METADATA else Resolution.INFERRED
    stale = stale_dateline(text, found, reference) if reference is not None and source == PublishedAtSource.METADATA else None
    _resolve_plain(text, found, reference, sentences, patterns, relative, stale)
    _resolve_quoted(text, found, reference, sentences, quotes, patterns, relative)
    _resolve_offsets(text, found, reference)
    for f in found:
        quoted_unresolved = f.quote is not None and f.claim.interval is None
        _with_timex(f, patterns, _dct_reading(f, text, reference, sentences, patterns) if quoted_unresolved else None)
    claims = [f.claim for f in found]
    return Extraction(published_at=published_at, published_at_source=source, claims=claims, published_at_evidence=evidence)


def resolve_near(article: ArticleText, spans: set[tuple[int, int]], around: Interval, reach_days: int) -> dict[tuple[int, int], Interval]:
    """The dates a year-less expression ("10 February", "Monday", "in March") at these (start, end)
    spans has nearest `around`, for the expressions with one within `reach_days` of it.

    For a claim the text cannot date (no publication time) that sits on an event another source
    dates: the event lends the year, never the other way round (timeline.summaries). Expressions
    that need the publication day itself ("yesterday", "last week") get nothing: the event says
    when it happened, not when the article was written.
    """
    text = article.text
    patterns = patterns_for(article.language)
    found: dict[tuple[int, int], Reading] = {}
    for c, reading in (_read_at(text, c, patterns) for c in find_candidates(text, patterns, boilerplate_spans(text))):
        if reading is not None and (c.start, c.end) in spans and reading.uses_direction:
            found[(c.start, c.end)] = reading
    dated = {}
    for span, reading in found.items():
        options = [
            i for ref, way in ((around.start, PAST), (around.start, FUTURE), (around.end, PAST), (around.end, FUTURE))
            if (i := _resolved(reading, ref, way)) is not None
        ]
        near = [(_gap(i, around), i.start, i) for i in options]
        near = [n for n in near if n[0] <= reach_days]
        if near:
            dated[span] = min(near)[2]
    return dated


def _gap(a: Interval, b: Interval) -> int:
    """Days between two intervals, 0 when they overlap."""
    if a.overlaps(b):
        return 0
    return (b.start - a.end).days if a.end < b.start else (a.start - b.end).days


# Kinds a narrowing word in front of may belong to: "early December", "the end of 1990", "late yesterday".
_NARROWABLE = {"date", "iso", "month", "year", "years", "period", "season", "seasonyear", "relday", "weekday",
               "quarter", "quarterref"}


def _read_at(text: str, c: Candidate, patterns: Patterns) -> tuple[Candidate, Reading | None]:
    """The candidate with the words before it TimeML keeps in its span, and what it says."""
    reading = read(c, patterns)
    if reading is None:
        return c, None
    c = _with_edge(text, c, patterns)
    if c.kind == "date" and patterns.week_of is not None and reading.granularity == Granularity.DAY \
            and (lead := patterns.week_of.search(text, max(0, c.start - 16), c.start)) is not None:
        return Candidate(lead.start(), c.end, c.kind, c.match), _as_week(reading)  # "the week of March 6"
    return c, reading


def _as_week(reading: Reading) -> Reading:
    if reading.interval is not None:
        return replace(reading, granularity=Granularity.WEEK, interval=dates.week_of(reading.interval.start))
    day = reading.resolver

    def resolver(ref: date, way: int) -> Interval | None:
        interval = day(ref, way)
        return None if interval is None else dates.week_of(interval.start)

    return replace(reading, granularity=Granularity.WEEK, resolver=resolver)


def _with_edge(text: str, c: Candidate, patterns: Patterns) -> Candidate:
    """The candidate with the narrowing word before it in its span (TimeML keeps it, as its mod)."""
    if patterns.edge is None or c.kind not in _NARROWABLE:
        return c
    edge = patterns.edge.search(text, max(0, c.start - 24), c.start)
    if edge is None or edge.start() == c.start:
        return c
    return Candidate(edge.start(), c.end, c.kind, c.match)


def _mod_at_start(text: str, patterns: Patterns) -> str:
    """"START" for "early December", "END" for "the end of the year"; "" for no narrowing word."""
    edge = patterns.edge_at_start.match(text) if patterns.edge_at_start is not None else None
    return (patterns.edge_mods.value(edge.group(1).rstrip("-")) or "") if edge else ""


def _dct_reading(f: _Found, text: str, reference: date | None, sentences: Sentences, patterns: Patterns):
    """For the TIMEX3 value only: a quoted "this year" said on a day the text does not give, read
    against the publication day, as TimeML normalises it. The claim itself stays unresolved: a claim
    never guesses its date."""
    if f.claim.interval is not None or f.reading.resolver is None or f.quote is None or reference is None:
        return None
    way = direction(text, (f.claim.sentence_start, f.claim.sentence_end), f.claim.start, f.claim.end, patterns) \
        if f.reading.uses_direction else PAST
    if way == NEAREST:
        return _nearest(_resolved(f.reading, reference, PAST), _resolved(f.reading, reference, FUTURE), reference)
    return _resolved(f.reading, reference, way)


def _with_timex(f: _Found, patterns: Patterns, dct_interval=None) -> None:
    """The TIMEX3 type, value and mod of a resolved claim."""
    reading, claim = f.reading, f.claim
    if reading.value and not (reading.timex_type == TimexType.DATE and claim.interval is None and reading.mod):
        value = reading.value
    elif claim.interval is not None:
        value = interval_value(claim.interval) + reading.part
    elif dct_interval is not None:
        value = interval_value(dct_interval) + reading.part
    else:
        value = unknown_value(claim.granularity) + reading.part
    mod = reading.mod or _mod_at_start(claim.text, patterns)
    f.claim = claim.evolve(timex_type=reading.timex_type, timex_value=value, timex_mod=mod)


def _found(text: str, c: Candidate, reading: Reading, sentences: Sentences, quotes: Quotes) -> _Found:
    sentence_start, sentence_end = sentences.span(c.start)
    quote = quotes.around(c.start)
    claim = TemporalClaim(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        sentence_start=sentence_start,
        sentence_end=max(sentence_end, c.end),
        interval=reading.interval,
        granularity=reading.granularity,
        resolution=Resolution.ABSOLUTE if reading.interval is not None else Resolution.UNRESOLVED,
        quoted=quote is not None,
        weekday=reading.weekday,
    )
    return _Found(c, reading, claim, quote)


def _with_reference(
    f: _Found, text: str, reference: date, resolution: Resolution, sentences: Sentences, patterns: Patterns
) -> None:
    way = -1
    if f.reading.uses_direction:
        way = direction(text, (f.claim.sentence_start, f.claim.sentence_end), f.claim.start, f.claim.end, patterns)
    if way == NEAREST:
        interval = _nearest(_resolved(f.reading, reference, PAST), _resolved(f.reading, reference, FUTURE), reference)
    else:
        interval = _resolved(f.reading, reference, way)
    if interval is not None:
        f.claim = f.claim.evolve(interval=interval, granularity=interval.granularity, resolution=resolution)


def _resolved(reading: Reading, reference: date, way: int):
    """The reading's interval, or None when it falls off the calendar ("the past 999 decades")."""
    try:
        return reading.resolver(reference, way)
    except (ValueError, OverflowError):
        return None


def _nearest(past, future, reference: date):
    """The closer of the two readings of a date with no tense around it; the past on a tie."""
    if past is None or future is None:
        return past or future
    return future if (future.start - reference).days < (reference - past.end).days else past


def _resolve_plain(text, found, reference, sentences, patterns, relative=Resolution.RELATIVE, stale=None) -> None:
    for f in found:
        if stale is not None and stale[1] <= f.claim.start < stale[2] and f.quote is None and f.reading.resolver is not None:
            _with_reference(f, text, stale[0], Resolution.ANCHORED, sentences, patterns)  # the wire copy's own day
            continue
        if f.reading.resolver is None or f.reading.anchor == "reference" and f.quote is not None:
            continue
        if f.quote is not None and f.reading.strict:
            continue  # needs the utterance's date: second pass
        if f.quote is not None and f.reading.uses_direction:
            continue  # a year-less date in a quote: the utterance's date is the better reference
        if reference is not None:
            _with_reference(f, text, reference, relative, sentences, patterns)
        if f.reading.anchor == "reference":
            f.claim = f.claim.evolve(offset=Offset(f.reading.amount, f.reading.unit, f.reading.hedge, ""))


def _resolve_quoted(text, found, reference, sentences, quotes, patterns, relative=Resolution.RELATIVE) -> None:
    claims = [f.claim for f in found]
    for f in found:
        if f.quote is None or f.reading.resolver is None:
            continue
        utterance = anchoring.utterance_claim(f.quote, sentences, claims, quotes.spans)
        if utterance is not None:
            _with_reference(f, text, utterance.interval.start, Resolution.ANCHORED, sentences, patterns)
        elif not f.reading.strict and reference is not None:
            _with_reference(f, text, reference, relative, sentences, patterns)
        # else: a quoted "yesterday" said on an unknown day stays unresolved: never guess
        if f.reading.anchor == "reference":
            f.claim = f.claim.evolve(offset=Offset(f.reading.amount, f.reading.unit, f.reading.hedge, ""))


def _is_comparison(f: _Found) -> bool:
    """"a year ago", "a year earlier", "the year-ago quarter", "the 1988 quarter": a comparison
    with the year before (or the one before it, or a year it names); "a decade ago" compares no
    part of a year."""
    if f.reading.anchor == "quarter":
        return f.reading.unit != ""  # the quarter the text names, moved to another year
    return f.reading.unit == "years" and -2 <= f.reading.amount < 0 and f.reading.anchor in ("reference", "previous")


def _resolve_offsets(text, found, reference) -> None:
    for f in found:
        reading = f.reading
        if not reading.anchor:
            continue  # most claims: nothing to anchor (and no list of the others to build)
        # "the quarter", "a year earlier" count from the period under discussion, never from the
        # comparison with the year before it ("from $4 million a year ago ... a year earlier")
        looks_back_a_year = reading.anchor == "quarter" or _is_comparison(f)
        claims = [g.claim for g in found if g is not f and not (looks_back_a_year and _is_comparison(g))]
        if reading.anchor == "reference" and reading.unit == "years" and f.claim.interval is not None:
            if _is_comparison(f):
                _as_period_before(f, claims)
            continue
        if reading.anchor == "month":
            _resolve_day_of_month(f, claims)
            continue
        if reading.anchor == "quarter":
            _as_named_quarter(f, claims)
            continue
        if reading.anchor == "same":
            _as_same_unit(f, claims)
            continue
        if reading.anchor not in ("previous", "following"):
            continue
        if _is_comparison(f) and (part := _as_period_before(f, claims)) is not None:
            # "from $4 million a year earlier" after "the quarter ended Sept. 30": that quarter's
            f.claim = f.claim.evolve(offset=Offset(reading.amount, reading.unit, reading.hedge, part.text),
                                     resolution=Resolution.ANCHORED)
            continue
        if reading.anchor == "previous":
            anchor = anchoring.previous_claim(f.claim.start, claims)
            anchor_text = anchor.text if anchor else ""
        else:
            anchor_text, anchor = anchoring.following_anchor(text, f.claim.end, claims)
        offset = Offset(reading.amount, reading.unit, reading.hedge, anchor_text)
        if anchor is None:
            f.claim = f.claim.evolve(offset=offset)
            continue
        try:
            interval = shift(anchor.interval, reading.amount, reading.unit)
            if reading.whole_unit and reading.unit in _WHOLE_UNITS:
                # "On May 22, 1995 ... the following year": 1996, not May 22, 1996
                interval = dates.period(interval.start, _WHOLE_UNITS[reading.unit], 0)
        except (ValueError, OverflowError):  # "999 decades after 2010" falls off the calendar
            f.claim = f.claim.evolve(offset=offset)
            continue
        f.claim = f.claim.evolve(
            offset=offset, interval=interval, granularity=interval.granularity, resolution=Resolution.ANCHORED
        )


_WHOLE_UNITS = {"weeks": "week", "months": "month", "years": "year"}
_PERIOD_REACH = 300  # characters: how far back the part of a year "a year ago" (or "the quarter") refers to may be named


def _as_period_before(f: _Found, claims: list[TemporalClaim]) -> TemporalClaim | None:
    """"profit rose in the third quarter from $2 million a year ago": when the text has just
    named a part of a year (a quarter, a half), "a year ago" is that part of the year before; the
    day the part ended may stand between ("the quarter ended Sept. 30 ... a year ago")."""
    parts = [c for c in claims if c.interval is not None and c.granularity == Granularity.MONTH
             and dates.months_in(c.interval) in (3, 6)]
    anchor = anchoring.previous_claim(f.claim.start, parts)
    if anchor is None or f.claim.start - anchor.end > _PERIOD_REACH:
        return None
    try:
        interval = shift(anchor.interval, f.reading.amount, "years")
    except (ValueError, OverflowError):
        return None
    f.claim = f.claim.evolve(interval=interval, granularity=interval.granularity)
    return anchor


def _as_same_unit(f: _Found, claims: list[TemporalClaim]) -> None:
    """"later that year", "that same day": the year (month, day) of the nearest earlier claim that
    is as precise; unresolved when there is none."""
    anchor = anchoring.previous_claim(f.claim.start, claims)
    if anchor is None or _coarser(anchor.granularity, f.reading.unit):
        return
    start = anchor.interval.start
    interval = {"year": lambda: dates.year_of(start.year), "month": lambda: dates.month_of(start.year, start.month),
                "day": lambda: dates.day(start)}[f.reading.unit]()
    f.claim = f.claim.evolve(interval=interval, granularity=interval.granularity, resolution=Resolution.ANCHORED)


def _coarser(granularity: Granularity, unit: str) -> bool:
    order = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR]
    wanted = {"day": Granularity.DAY, "month": Granularity.MONTH, "year": Granularity.YEAR}[unit]
    return granularity not in order or order.index(granularity) > order.index(wanted)


def _as_named_quarter(f: _Found, claims: list[TemporalClaim]) -> None:
    """"the quarter" is the quarter the text last named, when it named one (the day it ended may
    stand between: "the fiscal second quarter ended Sept. 30 ... the latest period")."""
    quarters = [c for c in claims if c.interval is not None and c.granularity == Granularity.MONTH
                and dates.months_in(c.interval) == 3 and not (c.interval.start.month - 1) % 3]
    anchor = anchoring.previous_claim(f.claim.start, quarters)
    if anchor is None or f.claim.start - anchor.end > _PERIOD_REACH:
        return
    interval = anchor.interval
    if f.reading.unit:  # "the 1988 quarter", "last year's quarter": that part of another year
        year = f.reading.amount if f.reading.unit == "year" else interval.start.year + f.reading.amount
        interval = dates.quarter_of(year, (interval.start.month - 1) // 3 + 1)
    f.claim = f.claim.evolve(interval=interval, granularity=interval.granularity, resolution=Resolution.ANCHORED)


def _resolve_day_of_month(f: _Found, claims: list[TemporalClaim]) -> None:
    """"postponed from the 30th": the day of the month the story last dated, when that is one
    month; otherwise the claim stays unresolved rather than guess a month."""
    anchor = anchoring.previous_claim(f.claim.start, claims)
    if anchor is None or anchor.granularity not in (Granularity.DAY, Granularity.MONTH):
        return
    start, end = anchor.interval.start, anchor.interval.end
    if (start.year, start.month) != (end.year, end.month):
        return
    try:
        day = date(start.year, start.month, f.reading.amount)
    except ValueError:  # "the 31st" of a 30-day month
        return
    f.claim = f.claim.evolve(interval=dates.day(day), granularity=Granularity.DAY, resolution=Resolution.ANCHORED)
