from datetime import date
from itertools import permutations

from claims.extraction.types import Offset, Resolution
from timeline.analysis.linking import link_claims
from timeline.tests.test_analysis_support import ALIASES, _tasks_in_process, day, days, month, record, year  # noqa: F401

VISIT_EN = "J.D. Vance will visit Azerbaijan on February 10–11, 2026."
VISIT_RU = "Вице-президент США Джей Ди Вэнс находился в Баку с официальным визитом 10–11 февраля."


def group_of(groups, claim):
    return next(g for g in groups if claim.id in g.claim_ids)


def test_claims_about_one_visit_link_across_articles_and_languages():
    en = record(VISIT_EN, "February 10–11, 2026", days(date(2026, 2, 10), date(2026, 2, 11)), article_id=1)
    ru = record(VISIT_RU, "10–11 февраля", days(date(2026, 2, 10), date(2026, 2, 11)), article_id=2)
    groups = link_claims([en, ru], ALIASES)
    assert len(groups) == 1
    assert set(groups[0].claim_ids) == {en.id, ru.id}


def test_two_happenings_in_one_sentence_stay_apart():
    text = "Deputy Secretary Helberg met energy executives in Baku yesterday and is due in Tbilisi tomorrow."
    met = record(text, "yesterday", None, published=None)
    due = record(text, "tomorrow", None, published=None)
    groups = link_claims([met, due], ALIASES)
    assert group_of(groups, met) is not group_of(groups, due)
    assert group_of(groups, due).phases[due.id] == "start"


def test_a_date_in_a_clause_opened_by_after_dates_the_main_happening():
    text = "Vice President JD Vance wrapped up his visit to Baku yesterday after signing the Charter on Strategic Partnership."
    claim = record(text, "yesterday", day(2026, 2, 11), resolution=Resolution.RELATIVE)
    visit = record(VISIT_EN, "February 10–11, 2026", days(date(2026, 2, 10), date(2026, 2, 11)), article_id=2)
    groups = link_claims([claim, visit], ALIASES)
    assert group_of(groups, claim).claim_ids == group_of(groups, visit).claim_ids
    assert group_of(groups, claim).phases[claim.id] == "end"


def test_a_year_links_with_a_month_inside_it_but_not_with_another_year():
    ru = "Предыдущий визит вице-президента США в Азербайджан состоялся в сентябре 2008 года, когда Баку посетил Дик Чейни."
    en = "This is the first visit by a U.S. official of this level since 2008."
    later = "A U.S. official paid a visit to Baku in 2012."
    september = record(ru, "сентябре 2008 года", month(2008, 9), article_id=1)
    same_year = record(en, "2008", year(2008), article_id=2)
    other_year = record(later, "2012", year(2012), article_id=3)
    groups = link_claims([september, same_year, other_year], ALIASES)
    assert group_of(groups, september) is group_of(groups, same_year)
    assert group_of(groups, other_year) is not group_of(groups, september)


def test_the_signing_of_a_named_document_links_even_when_a_source_gets_the_date_wrong():
    right = record("Накануне, 10 февраля, стороны подписали Хартию о стратегическом партнерстве.", "10 февраля", day(2026, 2, 10), article_id=1)
    wrong = record("Azerbaijan and the U.S. signed their Charter on Strategic Partnership on February 12.", "February 12", day(2026, 2, 12), article_id=2)
    groups = link_claims([right, wrong], ALIASES)
    assert len(groups) == 1


def test_a_meeting_with_other_people_on_the_same_day_is_another_event():
    talks = record("In Yerevan, Vance held talks with Prime Minister Pashinyan on February 9.", "February 9", day(2026, 2, 9), article_id=1)
    chamber = record("Ahead of Vance's visit, President Aliyev met business leaders in Baku on February 9.", "February 9", day(2026, 2, 9), article_id=2)
    groups = link_claims([talks, chamber], ALIASES)
    assert len(groups) == 2


def test_an_offset_claim_is_dated_from_the_event_its_anchor_phrase_names():
    signing = record("The sides signed the Charter on Strategic Partnership on February 10.", "February 10", day(2026, 2, 10), article_id=1)
    text = "The working groups met for the first time on Monday, exactly three weeks after the Charter on Strategic Partnership was signed."
    monday = record(text, "Monday", day(2026, 3, 2), article_id=2, resolution=Resolution.RELATIVE)
    after = record(text, "exactly three weeks after", None, article_id=2, resolution=Resolution.ANCHORED,
                   offset=Offset(3, "weeks", "exactly", "the Charter on Strategic Partnership was signed"))
    groups = link_claims([signing, monday, after], ALIASES)
    meeting = group_of(groups, monday)
    assert after.id in meeting.claim_ids
    assert signing.id not in meeting.claim_ids
    assert meeting.resolved == {after.id: day(2026, 3, 3)}


def test_pinned_claims_stay_on_their_event():
    en = record(VISIT_EN, "February 10–11, 2026", days(date(2026, 2, 10), date(2026, 2, 11)), article_id=1, pinned=42)
    unrelated = record("Construction could begin as early as 2027.", "2027", year(2027), article_id=2, pinned=42)
    groups = link_claims([en, unrelated], ALIASES)
    assert [(g.event_id, sorted(g.claim_ids)) for g in groups] == [(42, sorted([en.id, unrelated.id]))]


def test_the_group_key_comes_from_what_and_who_so_a_rerun_with_new_ids_maps_onto_it():
    first = link_claims([record(VISIT_EN, "February 10–11, 2026", days(date(2026, 2, 10), date(2026, 2, 11)))], ALIASES)
    again = link_claims([record(VISIT_EN, "February 10–11, 2026", days(date(2026, 2, 10), date(2026, 2, 11)))], ALIASES)
    assert first[0].key == again[0].key == "visit|j.d. vance|azerbaijan|2026"
    assert first[0].label == "Visit by J.D. Vance to Azerbaijan (2026-02-10–11)"


def test_an_unresolved_claim_links_by_who_and_what():
    dated = record("Helberg met energy executives in Baku on February 10.", "February 10", day(2026, 2, 10), article_id=1)
    undated = record("Helberg met energy executives in Baku yesterday.", "yesterday", None, article_id=2, published=None)
    groups = link_claims([dated, undated], ALIASES)
    assert len(groups) == 1


def test_which_article_arrived_first_does_not_decide_where_a_borderline_claim_goes():
    """GIVEN a lone wrong date, the right one from another source, and a third source whose claim
    links only by overlapping the right date; WHEN the articles carry their ids in any order
    THEN the grouping is the same, and the right date, which two sources give, is the anchor."""
    texts = [
        ("Azerbaijan and the U.S. signed the Charter on Strategic Partnership on February 12.", "February 12", day(2026, 2, 12)),
        ("The signing of the Charter on Strategic Partnership took place yesterday in Baku.", "yesterday", day(2026, 2, 10)),
        ("The day before, on February 10, the two sides signed an agreement.", "February 10", day(2026, 2, 10)),
    ]
    partitions = []
    for ids in permutations((1, 2, 3)):
        claims = [
            record(text, expression, interval, article_id=article_id, content_hash=f"text-{n}", resolution=Resolution.RELATIVE)
            for n, ((text, expression, interval), article_id) in enumerate(zip(texts, ids))
        ]
        groups = link_claims(claims, ALIASES)
        named = {c.id: c.claim.text for c in claims}
        partitions.append(sorted(sorted(named[i] for i in g.claim_ids if i in named) for g in groups))
    assert all(p == partitions[0] for p in partitions)
    assert partitions[0] == [["February 10", "February 12", "yesterday"]]
