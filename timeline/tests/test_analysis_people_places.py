"""Places from maintained data and people by form, across scripts (no alias rows)."""

from timeline.analysis.entities import EntityFinder, article_people, person_key
from timeline.analysis.gazetteer import gazetteer


def test_countries_and_cities_are_found_in_english_and_inflected_russian():
    text = "Рохас прибыла во Вьетнам, затем в Ханое и во Вьентьяне, а потом в Сеуле."
    assert [c for _, _, c in gazetteer().find(text)] == ["Vietnam", "Hanoi", "Vientiane", "Seoul"]
    assert [c for _, _, c in gazetteer().find("The minister flew to Arequipa's airport from Lisbon.")] == ["Arequipa", "Lisbon"]


def test_a_town_name_inside_a_persons_name_is_no_place():
    assert gazetteer().find("Charlotte Brown said so.") == []


def test_a_city_gives_its_country():
    assert EntityFinder([]).country_of("Hanoi") == "Vietnam"


def test_surnames_meet_across_scripts_and_spellings():
    pairs = [("Camila Rojas", "Рохас"), ("Rui Carvalho", "Карвалью"), ("Martin Echeverry", "Эчеверри"), ("Ama Owusu", "Овусу")]
    for latin, cyrillic in pairs:
        assert person_key(latin) == person_key(cyrillic) != ""
    assert person_key("Camila Rojas") != person_key("Ama Owusu")


def test_a_name_after_a_title_is_a_person():
    assert person_key("Vance") in article_people("Vice President JD Vance arrived.")


def test_an_inferred_date_never_outvotes_a_stated_one():
    from claims.extraction.types import Resolution
    from timeline.analysis.consensus import consensus
    from timeline.tests.test_analysis_support import day, record

    stated = record("The charter was signed on Tuesday, February 10.", "Tuesday, February 10", day(2026, 2, 10), article_id=1)
    inferred = [
        record("The charter was signed on Wednesday.", "Wednesday", day(2026, 2, 11), article_id=n, resolution=Resolution.INFERRED)
        for n in (2, 3)
    ]
    assert consensus([stated, *inferred])[0] == day(2026, 2, 10)
    assert consensus(inferred)[0] == day(2026, 2, 11)


def test_a_first_visit_by_an_office_holder_is_a_precedent_claim_but_not_the_first_is_not():
    from timeline.analysis.lexicon import find_precedents

    kinds = lambda text: [p.kind for p in find_precedents(text)]  # noqa: E731
    assert kinds("arrived on the first visit by a Chilean foreign minister to Vietnam") == ["never"]
    assert kinds("Это первый визит министра иностранных дел Чили во Вьетнам.") == ["never"]
    assert kinds("She is not the first Ghanaian president to travel to Seoul.") == []
    assert kinds("the first metro line outside the capital") == []


def test_a_text_alone_never_contradicts_itself():
    from timeline.analysis.checks.dates import date_conflict
    from timeline.analysis.types import EventStatus, EventView
    from timeline.tests.test_analysis_support import day, record

    text = "The union struck yesterday. The union struck on Friday, May 8."
    one = record(text, "yesterday", day(2026, 5, 10), article_id=1)
    two = record(text, "Friday, May 8", day(2026, 5, 8), article_id=1)
    event = EventView(1, "Strike", [one, two], day(2026, 5, 10), EventStatus.CONFLICTING, {})
    assert date_conflict(event) == []


def test_a_page_dated_a_year_off_is_suspect_against_the_happening_the_others_date():
    from datetime import datetime, timezone

    from claims.extraction.types import Resolution
    from timeline.analysis.checks.publication import publication_date_suspect
    from timeline.analysis.types import EventStatus, EventView, FindingKind
    from timeline.tests.test_analysis_support import day, record

    wire = record("President Lucia Manrique opened the metro line on Tuesday.", "Tuesday", day(2026, 6, 2), article_id=1)
    paper = record("President Lucia Manrique opened the metro line yesterday.", "yesterday", day(2026, 6, 2), article_id=2, resolution=Resolution.RELATIVE)
    stale = record(
        "I rode the first train yesterday, hours after President Lucia Manrique opened the line.", "yesterday", day(2025, 6, 2),
        article_id=3, resolution=Resolution.RELATIVE, published=datetime(2025, 6, 3, 10, tzinfo=timezone.utc),
    )
    opening = EventView(1, "Opening", [wire, paper], day(2026, 6, 2), EventStatus.CONSISTENT, {})
    alone = EventView(2, "Opening", [stale], day(2025, 6, 2), EventStatus.UNVERIFIED, {})
    (finding,) = publication_date_suspect([opening, alone])
    assert (finding.draft.kind, finding.draft.event_id, finding.faulty) == (FindingKind.PUBLICATION_DATE_SUSPECT, 1, frozenset({stale.id}))
    assert "around 2026-06-03" in finding.draft.message


def test_the_lexicon_knows_strikes_openings_rate_decisions_inaugurations_and_going_home():
    from timeline.analysis.lexicon import find_happenings

    kinds = lambda text: [h.kind for h in find_happenings(text)]  # noqa: E731
    assert kinds("Controllers began a 24-hour strike") == ["strike"]
    assert kinds("The court struck down the law") == []
    assert kinds("The president opened the first metro line") == ["opening"]
    assert kinds("The central bank raised its benchmark rate") == ["rate decision"]
    assert kinds("следующее решение будет принято 25 ноября") == ["rate decision"]
    assert kinds("She is due to be sworn in on Sept. 21") == ["inauguration"]
    assert kinds("before returning to Santiago on April 19") == ["return"]


def test_declaring_the_winner_is_the_election_in_english_and_russian():
    from timeline.analysis.lexicon import find_happenings

    assert [h.kind for h in find_happenings("the commission declared Helena Nangolo the winner")] == ["election"]
    assert [h.kind for h in find_happenings("комиссия объявила Хелену Нанголо победителем")] == ["election"]


def test_dates_with_no_happening_link_only_the_same_precise_date_with_someone_in_common():
    from timeline.analysis.linking import link_claims
    from timeline.tests.test_analysis_support import day, record

    english = record("Helena Nangolo is due on the podium on Sept. 21, officials said.", "Sept. 21", day(2026, 9, 21), article_id=1)
    russian = record("Церемония для Хелены Нанголо назначена на 21 сентября 2026 г.", "21 сентября 2026 г.", day(2026, 9, 21), article_id=2)
    stranger = record("Shares of Harbour Freight closed higher on Sept. 21.", "Sept. 21", day(2026, 9, 21), article_id=3)
    groups = link_claims([english, russian, stranger], [])
    together = next(g for g in groups if english.id in g.claim_ids)
    assert sorted(together.claim_ids) == sorted([english.id, russian.id])


def test_arriving_from_a_city_is_not_the_visit_to_it():
    from timeline.analysis.linking import link_claims
    from timeline.tests.test_analysis_support import day, record

    hanoi = record("Foreign Minister Camila Rojas arrived in Hanoi on Monday, April 13.", "Monday, April 13", day(2026, 4, 13), article_id=1)
    laos = record("Camila Rojas arrived from Hanoi on Wednesday, April 15, for talks.", "Wednesday, April 15", day(2026, 4, 15), article_id=2)
    groups = link_claims([hanoi, laos], [])
    assert len(groups) == 2


def test_one_text_gives_a_visits_arrival_and_departure_as_its_phases():
    from timeline.analysis.linking import link_claims
    from timeline.tests.test_analysis_support import day, record

    text = "Camila Rojas arrived in Hanoi on April 13. Camila Rojas left Hanoi on April 15."
    arrival = record(text, "April 13", day(2026, 4, 13), article_id=1)
    departure = record(text, "April 15", day(2026, 4, 15), article_id=1)
    (group,) = link_claims([arrival, departure], [])
    assert group.phases == {arrival.id: "start", departure.id: "end"}


def test_the_outlet_named_in_its_own_article_is_not_a_person_its_events_share():
    from timeline.analysis.entities import EntityFinder
    from timeline.analysis.linking import link_claims
    from timeline.analysis.profile import profile_claim
    from timeline.tests.test_analysis_support import day, record

    summit = record(
        "Ana Velo hosted a regional summit in Porto on May 4, 2026. The summit took place on Monday, Plains Record reported.",
        "Monday", day(2026, 5, 4), article_id=1, outlet="Plains Record",
    )
    accord = record(
        "Tomas Ferreira signed the Delta Accord in Faro on May 5, 2026. He signed it on Tuesday, Plains Record said.",
        "Tuesday", day(2026, 5, 5), article_id=2, outlet="Plains Record",
    )
    finder = EntityFinder([])
    assert not any("rkrd" in n for r in (summit, accord) for n in profile_claim(r, finder).names)
    assert len(link_claims([summit, accord], [])) == 2
