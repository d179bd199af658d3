"""The entity finder tries a sentence only against the aliases whose first word it contains;
it must find exactly what trying every alias finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.analysis.entities import EntityFinder
from timeline.analysis.types import Alias

# Words of several scripts and cases, Cyrillic ones with and without endings, an abbreviation
# that must keep its case, and a Greek word whose final sigma folds differently.
WORDS = ["Okafor", "okafor", "OKAFOR", "Nangolo", "Helena", "US", "us", "U.S.", "Хартия", "Хартию", "хартией", "Окафор",
         "Окафора", "Баку", "Бакуине", "ΟΔΥΣΣΕΥΣ", "Οδυσσεύς", "Port", "Louis", "São", "Tomé", "de", "la", "J.R.", "JR"]


class EveryAlias(EntityFinder):
    """The finder as it was before the index: every alias is tried on every sentence."""

    def _patterns_for(self, norm):
        entries = [e for table in (self._by_word, self._by_stem) for group in table.values() for e in group]
        return [(p, a) for _, p, a in sorted(entries, key=lambda e: e[0])]


def aliases(draw_words):
    return st.lists(st.lists(st.sampled_from(draw_words), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(aliases(WORDS), st.lists(st.sampled_from(WORDS + [",", "and", "in", "Хартиями"]), max_size=14).map(" ".join))
def test_the_index_finds_what_trying_every_alias_finds(names, text):
    table = [Alias(canonical=f"entity {i}", alias=name, kind="person") for i, name in enumerate(names)]
    assert EntityFinder(table).find(text) == EveryAlias(table).find(text)


def test_a_sentence_is_tried_only_against_aliases_whose_first_word_it_has():
    table = [Alias(canonical="A", alias="Helena Nangolo", kind="person"), Alias(canonical="B", alias="Хартия", kind="document"),
             Alias(canonical="C", alias="US", kind="place")]
    finder = EntityFinder(table)
    assert [a.canonical for _, a in finder._patterns_for("Nangolo spoke")] == []
    assert [a.canonical for _, a in finder._patterns_for("helena Nangolo and the хартией")] == ["A", "B"]
    assert [a.canonical for _, a in finder._patterns_for("tell us")] == ["C"]  # tried; the pattern keeps its case
    assert finder.find("tell us") == []
