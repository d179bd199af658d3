"""TimeML in and out (the TempEval-3 layout), plain Python.

    >>> doc = parse_timeml('<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
    ...     'value="1998-02-13" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'
    ...     '<TEXT>Talks end <TIMEX3 tid="t1" type="DATE" value="1998-02-14">tomorrow</TIMEX3>.</TEXT></TimeML>')
    >>> (doc.docid, doc.dct, doc.text, doc.timexes[0].value)
    ('d1', '1998-02-13', 'Talks end tomorrow.', '1998-02-14')

The TEXT element's tags (TIMEX3, EVENT, SIGNAL...) are stripped; gold TIMEX3s
keep their offsets into the text that remains, so a system's spans over the
same text can be compared with them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from claims.extraction.timex import interval_value, unanchored_offset_value
from claims.extraction.types import Granularity, TemporalClaim, TimexType
from factdb.errors import FactdbError

_YEAR_IN_RANGE = re.compile(r"(?<!\d)(\d{4}|\d{2})(?!\d)")
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')
_DCT = re.compile(r"<DCT>.*?<TIMEX3([^>]*)>", re.DOTALL)
_DOCID = re.compile(r"<DOCID>(.*?)</DOCID>", re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass
class TimemlDoc:
    docid: str
    dct: str  # the creation time's TIMEX3 value ("1998-02-13" or "1998-02-13T14:26:00")
    text: str
    timexes: list[Timex] = field(default_factory=list)

    @property
    def published_at(self) -> datetime:
        """The creation time as an aware datetime (TimeML gives no zone: UTC)."""
        value = self.dct[:19] if "T" in self.dct else self.dct[:10]
        moment = datetime.fromisoformat(value)
        return moment.replace(tzinfo=timezone.utc)


def parse_timeml(source: str) -> TimemlDoc:
    """One TimeML document, or a FactdbError naming what is missing."""
    dct_match, text_match = _DCT.search(source), _TEXT.search(source)
    if dct_match is None or text_match is None:
        raise FactdbError("not a TimeML document: it needs a <DCT> with a TIMEX3 and a <TEXT>")
    dct = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
    if not re.match(r"\d{4}-\d\d-\d\d", dct):
        raise FactdbError(f"the DCT value {dct!r} is not a date")
    docid_match = _DOCID.search(source)
    docid = docid_match.group(1).strip() if docid_match else ""
    text, timexes = _strip(text_match.group(1))
    return TimemlDoc(docid=docid, dct=dct, text=text, timexes=timexes)


def _strip(body: str) -> tuple[str, list[Timex]]:
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict] | None = None
    timexes: list[Timex] = []
    cursor = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[cursor : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        cursor = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(pieces)[start:length]
            timexes.append(Timex(start, length, text, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod", "")))
            open_timex = None
    pieces.append(html.unescape(body[cursor:]))
    return "".join(pieces), timexes


def write_timeml(doc: TimemlDoc, timexes: list[Timex]) -> str:
    """The document with `timexes` as its only TEXT tags, in the layout the TE-3 scorer reads."""
    out, cursor = [], 0
    for number, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < cursor:
            continue  # overlapping tags cannot nest in TimeML: keep the first
        mod = f' mod="{html.escape(t.mod)}"' if t.mod else ""
        out.append(html.escape(doc.text[cursor : t.start], quote=False))
        out.append(f'<TIMEX3 tid="t{number}" type="{t.type}" value="{html.escape(t.value)}"{mod}>')
        out.append(html.escape(doc.text[t.start : t.end], quote=False) + "</TIMEX3>")
        cursor = t.end
    out.append(html.escape(doc.text[cursor:], quote=False))
    dct_type = "TIME" if "T" in doc.dct else "DATE"
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{html.escape(doc.docid)}</DOCID>\n\n"
        f'<DCT><TIMEX3 tid="t0" type="{dct_type}" value="{doc.dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{doc.dct}</TIMEX3></DCT>\n\n'
        f"<TEXT>{''.join(out)}</TEXT>\n\n</TimeML>\n"
    )


def claim_timexes(c: TemporalClaim) -> list[Timex]:
    """A claim as TimeML annotates it: usually one TIMEX3 with the claim's own type and value, but

    - "twenty years after the war", with no date for the war: the DURATION "P20Y";
    - a range of years ("2009-2010", "1957-58", "between 1994 and 1997"): one DATE per year.
    """
    if c.interval is None and c.offset is not None and (value := unanchored_offset_value(c.offset.amount, c.offset.unit)):
        return [Timex(c.start, c.end, c.text, TimexType.DURATION.value, value, c.timex_mod)]
    if c.interval is not None and c.granularity == Granularity.YEAR and c.interval.start.year != c.interval.end.year:
        years = list(_YEAR_IN_RANGE.finditer(c.text))
        if len(years) == 2 and len(years[0].group()) == 4 and interval_value(c.interval) == str(c.interval.start.year):
            return [
                Timex(c.start + m.start(), c.start + m.end(), m.group(), TimexType.DATE.value, str(year))
                for m, year in zip(years, (c.interval.start.year, c.interval.end.year))
            ]
    return [Timex(c.start, c.end, c.text, c.timex_type.value, c.timex_value, c.timex_mod)]
