"""Capitalised names the alias table does not know: evidence that two reports share a happening, never against."""

from datetime import date

from claims.extraction.types import Granularity, Interval, Resolution
from timeline.analysis.entities import EntityFinder, find_names, person_key
from timeline.analysis.linking import link_claims
from timeline.analysis.profile import profile_claim
from timeline.tests.test_analysis_support import ALIASES, _tasks_in_process, day, record  # noqa: F401

DECLARED = "The electoral board declared Marta Lindqvist the winner of the mayoral election on Sunday, May 10."
MARKETS = "Shares rose after the electoral board declared Marta Lindqvist the winner of the mayoral election yesterday."


def group_of(groups, claim):
    return next(g for g in groups if claim.id in g.claim_ids)


def test_it_finds_capitalised_runs_of_two_words_or_more_without_roles_calendar_or_known_names():
    text = "Prime Minister Anna Berg met Vance and the Harbour Workers Union on Tuesday, May 12, in Baku."
    known = EntityFinder(ALIASES).find(text)
    assert [m.canonical for m in find_names(text, known=known)] == ["Anna Berg", "Harbour Workers Union"]


def test_the_outlets_own_name_is_not_a_name_of_the_happening():
    text = "The ceremony took place on Monday, Metro News reported, and Anna Berg attended."
    claim = record(text, "on Monday", day(2026, 5, 11), outlet="Metro News")
    # a person counts by the key of her surname (entities.person_key)
    assert profile_claim(claim, EntityFinder(ALIASES)).names == frozenset({person_key("Anna Berg")})


def test_a_shared_unknown_name_links_a_misdated_report_from_another_article():
    declared = record(DECLARED, "Sunday, May 10", day(2026, 5, 10), article_id=1)
    markets = record(MARKETS, "yesterday", day(2026, 5, 12), article_id=2, resolution=Resolution.RELATIVE)
    groups = link_claims([declared, markets], ALIASES)
    assert group_of(groups, declared).claim_ids == [declared.id, markets.id]


def test_without_the_name_a_misdated_report_stays_apart():
    declared = record(DECLARED.replace("Marta Lindqvist", "the incumbent"), "Sunday, May 10", day(2026, 5, 10), article_id=1)
    markets = record(MARKETS.replace("Marta Lindqvist", "the incumbent"), "yesterday", day(2026, 5, 12), article_id=2, resolution=Resolution.RELATIVE)
    groups = link_claims([declared, markets], ALIASES)
    assert group_of(groups, declared) is not group_of(groups, markets)


def test_different_unknown_names_do_not_keep_overlapping_reports_apart():
    one = record("Anna Berg opened the trade talks on May 10.", "May 10", day(2026, 5, 10), article_id=1)
    other = record("Trade talks opened on May 10, Erik Holm told reporters.", "May 10", day(2026, 5, 10), article_id=2)
    groups = link_claims([one, other], ALIASES)
    assert len(groups) == 1


def test_one_article_giving_two_nearby_dates_of_one_kind_tells_two_happenings():
    text = ("The board declared Marta Lindqvist the winner of the mayoral election on Sunday, May 10, "
            "three days after the vote on May 7.")
    declared = record(text, "Sunday, May 10", day(2026, 5, 10))
    vote = record(text, "May 7", day(2026, 5, 7))
    groups = link_claims([declared, vote], ALIASES)
    assert group_of(groups, declared) is not group_of(groups, vote)


def test_a_shared_known_actor_still_links_a_misdated_report_from_another_article():
    one = record("Vance arrived in Baku on February 10.", "February 10", day(2026, 2, 10), article_id=1)
    other = record("Vance arrived in Baku on February 12.", "February 12", day(2026, 2, 12), article_id=2)
    assert len(link_claims([one, other], ALIASES)) == 1


NEXT_WEEK = "The implementation committee will hold its first meeting next week, the ministry said."


def test_overlapping_dates_alone_do_not_put_a_committee_meeting_on_a_summit():
    summit = record("Leaders met for a three-day summit that ran from March 10 to 12.", "from March 10 to 12",
                    Interval(date(2026, 3, 10), date(2026, 3, 12), Granularity.DAY), article_id=1)
    meeting = record(NEXT_WEEK, "next week", Interval(date(2026, 3, 9), date(2026, 3, 15), Granularity.WEEK), article_id=2,
                     resolution=Resolution.RELATIVE)
    groups = link_claims([summit, meeting], ALIASES)
    assert group_of(groups, summit) is not group_of(groups, meeting)


def test_with_nothing_but_dates_the_same_kind_on_the_same_dates_still_links():
    week = Interval(date(2026, 3, 9), date(2026, 3, 15), Granularity.WEEK)
    one = record(NEXT_WEEK, "next week", week, article_id=1, resolution=Resolution.RELATIVE)
    other = record("The joint committee will meet next week.", "next week", week, article_id=2, resolution=Resolution.RELATIVE)
    assert len(link_claims([one, other], ALIASES)) == 1


def test_a_place_on_both_sides_lets_overlapping_dates_link():
    month = record("Negotiators held talks in Baku in March 2026.", "March 2026",
                   Interval(date(2026, 3, 1), date(2026, 3, 31), Granularity.MONTH), article_id=1)
    day_of = record("Negotiators met in Baku on March 12.", "March 12", day(2026, 3, 12), article_id=2)
    assert len(link_claims([month, day_of], ALIASES)) == 1


def test_an_unshared_unknown_name_is_not_evidence_for_overlapping_dates():
    month = record("Anna Berg held talks in March 2026.", "March 2026", Interval(date(2026, 3, 1), date(2026, 3, 31), Granularity.MONTH), article_id=1)
    day_of = record("The trade talks took place on March 12.", "March 12", day(2026, 3, 12), article_id=2)
    groups = link_claims([month, day_of], ALIASES)
    assert group_of(groups, month) is not group_of(groups, day_of)
