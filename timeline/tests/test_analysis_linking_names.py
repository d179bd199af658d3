"""Capitalised names the alias table does not know: evidence that two reports share a happening, never against."""

from claims.extraction.types import Resolution
from timeline.analysis.entities import EntityFinder, find_names
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
    assert profile_claim(claim, EntityFinder(ALIASES)).names == frozenset({"Anna Berg"})


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
