"""TimeML in and out, and the TempEval-3 scoring rules, on small real-looking documents."""

from pathlib import Path

import pytest

from claims.extraction.timeml import Timex, parse_timeml, write_timeml
from claims.extraction.timexscore import evaluate_documents, factdb_timexes, score_timexes
from factdb.errors import FactdbError

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>APW-test</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-02-13T14:26:00" functionInDocument="CREATION_TIME">02/13/1998</TIMEX3></DCT>
<TEXT>
CANBERRA (AP) _ Turning its back on <TIMEX3 tid="t1" type="DURATION" value="P210Y">210 years</TIMEX3> of loyalty, a convention <EVENT eid="e1">voted</EVENT> <TIMEX3 tid="t2" type="DATE" value="1998-02-13">Friday</TIMEX3> for a referendum <TIMEX3 tid="t3" type="DATE" value="1999">next year</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"""
HELDOUT = Path(__file__).resolve().parents[2] / "fixtures" / "heldout_timeml"


def test_it_reads_the_creation_time_the_text_and_the_gold_timexes_with_their_offsets():
    doc = parse_timeml(DOC)
    assert (doc.docid, doc.dct, doc.published_at.isoformat()) == ("APW-test", "1998-02-13T14:26:00", "1998-02-13T14:26:00+00:00")
    assert "<EVENT" not in doc.text and doc.text.endswith("next year & more.\n")
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.timexes] == [
        ("210 years", "DURATION", "P210Y"), ("Friday", "DATE", "1998-02-13"), ("next year", "DATE", "1999"),
    ]


def test_it_refuses_a_document_without_a_creation_time():
    with pytest.raises(FactdbError, match="DCT"):
        parse_timeml("<TimeML><TEXT>nothing</TEXT></TimeML>")


def test_factdb_finds_every_gold_expression_of_the_document_with_its_value():
    doc = parse_timeml(DOC)
    score = score_timexes(factdb_timexes(doc), doc.timexes)
    assert (score.relaxed, score.strict, score.values, score.system) == (3, 3, 3, 3)


def test_what_it_writes_reads_back_as_the_same_text_and_tags():
    doc = parse_timeml(DOC)
    mine = factdb_timexes(doc)
    again = parse_timeml(write_timeml(doc, mine))
    assert again.text == doc.text
    assert [(t.start, t.end, t.type, t.value) for t in again.timexes] == [(t.start, t.end, t.type, t.value) for t in mine]


def test_relaxed_matching_takes_any_overlap_and_the_value_must_be_the_same_string():
    gold = [Timex(0, 12, "early Friday", "DATE", "1998-02-13", "START"), Timex(20, 27, "a month", "SET", "P1M")]
    system = [Timex(6, 12, "Friday", "DATE", "1998-02-13"), Timex(20, 27, "a month", "DURATION", "P1MX")]
    summary = score_timexes(system, gold).summary()
    assert (summary["strict_f1"], summary["relaxed_f1"], summary["value_accuracy"], summary["value_f1"]) == (0.5, 1.0, 0.5, 0.5)


def test_an_extra_and_a_missed_expression_cost_precision_and_recall():
    gold = [Timex(0, 5, "today", "DATE", "1998-02-13")]
    system = [Timex(10, 15, "again", "DATE", "1998-02-13")]
    score = score_timexes(system, gold)
    assert (score.relaxed_f1, len(score.misses), len(score.false_positives)) == (0.0, 1, 1)


@pytest.mark.skipif(not HELDOUT.is_dir(), reason="the held-out TimeML set is not in this checkout")
def test_the_held_out_set_is_read_and_scored_beside_dateparser():
    docs = [parse_timeml(p.read_text(encoding="utf-8")) for p in sorted(HELDOUT.glob("*.tml"))]
    result = evaluate_documents(docs)
    assert (result.documents, result.factdb.gold) == (10, 81)
    # only a floor: the held-out set is for honest reporting, never for tuning
    assert result.factdb.value_f1 > result.dateparser.value_f1


def test_a_range_of_years_is_one_claim_but_two_timexes_as_timeml_annotates_it():
    doc = parse_timeml(DOC.replace("&amp; more.", "in 2009-2010 and between 1994 and 1997."))
    years = [(t.text, t.value) for t in factdb_timexes(doc) if t.text[:2] in ("20", "19")]
    assert years == [("2009", "2009"), ("2010", "2010"), ("1994", "1994"), ("1997", "1997")]


def test_an_offset_from_an_undated_happening_is_timeml_s_duration():
    doc = parse_timeml(DOC.replace("&amp; more.", "twenty years after the war."))
    assert [(t.type, t.value) for t in factdb_timexes(doc) if t.text.startswith("twenty")] == [("DURATION", "P20Y")]
