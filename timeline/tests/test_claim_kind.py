"""claim_kind reads a claim's kind of happening exactly as profile_claim does, for a fraction of the cost."""

from timeline.analysis.entities import EntityFinder
from timeline.analysis.profile import claim_kind, profile_claim
from timeline.tests.test_analysis_support import day, record


def test_the_kind_alone_is_the_profiles_kind():
    records = [
        record("Foreign Minister Camila Rojas arrived in Hanoi on Monday, April 13.", "Monday, April 13", day(2026, 4, 13), article_id=1),
        record("The dock strike in Gdansk shut the port on June 2, 2026.", "June 2, 2026", day(2026, 6, 2), article_id=2),
        # no happening of its own: it continues the sentence before
        record("Вторая забастовка прошла 17 сентября. Первая прошла 10 сентября.", "10 сентября", day(2026, 9, 10), article_id=3),
        record("Shares of Harbour Freight closed higher on Sept. 21.", "Sept. 21", day(2026, 9, 21), article_id=4),
    ]
    finder = EntityFinder([])
    kinds = [claim_kind(r) for r in records]
    assert kinds == [profile_claim(r, finder).kind for r in records] == ["arrival", "strike", "strike", ""]


def test_the_kind_alone_is_the_profiles_kind_on_generated_news():
    from bench.linking import generate

    records = generate(600)
    finder = EntityFinder([])
    assert [claim_kind(r) for r in records] == [profile_claim(r, finder).kind for r in records]
