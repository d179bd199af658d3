"""Linking on held-out news text: polling day apart from the result, a speech verb dates the saying."""

from timeline.analysis.lexicon import find_happenings
from timeline.analysis.linking import link_claims
from timeline.tests.test_analysis_support import ALIASES, day, record  # noqa: F401


def group_of(groups, claim):
    return next(g for g in groups if claim.id in g.claim_ids)


def test_the_polling_day_is_not_the_day_the_result_was_declared():
    text = ("The commission declared the opposition leader the winner of the presidential election on "
            "Saturday, August 15, three days after the vote on Aug. 12.")
    declared = record(text, "Saturday, August 15", day(2026, 8, 15))
    vote = record(text, "Aug. 12", day(2026, 8, 12))
    groups = link_claims([declared, vote], ALIASES)
    assert group_of(groups, declared) is not group_of(groups, vote)


def test_a_speech_verb_before_a_date_dates_the_saying_not_the_meeting():
    text = "The committee will hold its first meeting next week, the trade ministry said on Wednesday."
    assert [h.kind for h in find_happenings(text)] == ["meeting", "announcement"]


def test_said_without_a_date_after_it_is_not_a_happening():
    assert "announcement" not in [h.kind for h in find_happenings("The talks were useful, the ministry said.")]


def test_russian_speech_verb_before_a_date():
    text = "Соглашение подписано, сообщило вчера министерство."
    assert "announcement" in [h.kind for h in find_happenings(text)]


def test_a_happening_behind_a_comma_and_is_not_the_dates_happening():
    text = "The new president is expected to name her cabinet next week, and the central bank meets on 24 September."
    cabinet = record(text, "next week", day(2026, 8, 20))
    bank = record(text, "24 September", day(2026, 9, 24))
    groups = link_claims([cabinet, bank], ALIASES)
    assert group_of(groups, cabinet) is not group_of(groups, bank)


def test_a_second_past_verb_after_and_takes_its_own_date():
    text = "Talks first began in late 2024 and stalled in January, people familiar with the matter said."
    began = record(text, "2024", day(2024, 11, 1))
    stalled = record(text, "January", day(2026, 1, 15))
    groups = link_claims([began, stalled], ALIASES)
    assert group_of(groups, began) is not group_of(groups, stalled)


def test_russian_convening_verbs_are_meetings():
    assert [h.kind for h in find_happenings("Совместный комитет соберётся на следующей неделе.")] == ["meeting"]
    assert [h.kind for h in find_happenings("The council will convene on Monday.")] == ["meeting"]
