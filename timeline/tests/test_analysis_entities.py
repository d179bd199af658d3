from timeline.analysis.entities import EntityFinder, load_default_aliases, normalize
from timeline.analysis.lexicon import find_happenings, find_precedents, find_roles
from timeline.tests.test_analysis_support import ALIASES, _tasks_in_process  # noqa: F401


def names(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.canonical) for m in EntityFinder(ALIASES).find(text)]


def test_initials_with_or_without_dots_name_the_same_person():
    assert names("J.D. Vance arrived.") == [("J.D. Vance", "J.D. Vance")]
    assert names("JD Vance arrived.") == [("JD Vance", "J.D. Vance")]
    assert names("James David Vance arrived.") == [("James David Vance", "J.D. Vance")]


def test_a_title_and_surname_alias_resolves_to_the_person():
    assert names("Vice President Vance spoke.") == [("Vice President Vance", "J.D. Vance")]


def test_an_abbreviation_alias_is_case_sensitive_so_the_pronoun_us_is_not_a_country():
    assert names("He told us about the U.S. plan.") == [("U.S", "United States")]


def test_a_cyrillic_alias_matches_its_inflected_forms():
    text = "Визит Вэнса в Азербайджане: стороны подписали Хартию о стратегическом партнерстве."
    assert names(text) == [
        ("Вэнса", "J.D. Vance"),
        ("Азербайджане", "Azerbaijan"),
        ("Хартию о стратегическом партнерстве", "Strategic Partnership Charter"),
    ]


def test_an_indeclinable_short_cyrillic_name_matches_only_itself():
    assert names("в Баку") == [("Баку", "Azerbaijan")]
    assert names("в Бакуине") == []


def test_the_longest_alias_wins_where_two_overlap():
    assert names("Heydar Aliyev said so.") == [("Heydar Aliyev", "Heydar Aliyev")]


def test_normalize_drops_the_dots_of_initials_and_keeps_offsets():
    text, index = normalize("U.S. envoy")
    assert text == "US envoy"
    assert index[3] == 5  # the "e" of "envoy"


def test_the_default_alias_table_names_nobody():
    # places come from maintained data and people by form; aliases are the editors' corrections
    assert load_default_aliases() == []


def test_the_lexicon_finds_the_kinds_of_happening_in_english_and_russian():
    assert [h.kind for h in find_happenings("Vance arrived in Baku and signed the charter.")] == ["arrival", "signing"]
    assert [h.kind for h in find_happenings("Вэнс завершил визит в Баку")] == ["departure", "visit"]
    assert [h.kind for h in find_happenings("in a telephone conversation with President Trump")] == ["call"]


def test_roles_prefer_the_more_specific_title():
    assert [r for _, _, r in find_roles("a sitting American vice president")] == ["vice president"]


def test_precedent_phrases_are_told_apart():
    assert [p.kind for p in find_precedents("Never before has a vice president come.")] == ["never"]
    assert [p.kind for p in find_precedents("the first visit of this level since 2008")] == ["since"]
    assert [p.kind for p in find_precedents("visited only once before, in 2008")] == ["once"]
