"""A worker builds its patterns, gazetteer and entity finder before it takes work."""

import pytest

from claims.extraction.patterns import patterns_for
from pipeline.warmup import warm_up
from timeline import records
from timeline.analysis.gazetteer import gazetteer
from timeline.models import EntityAlias


@pytest.mark.django_db
def test_warm_up_builds_what_the_first_article_would():
    EntityAlias.objects.create(canonical="Helena Nangolo", alias="Nangolo", kind="person")
    patterns_for.cache_clear()
    gazetteer.cache_clear()
    records._finder_for.cache_clear()

    warm_up()

    assert patterns_for.cache_info().currsize == 2  # English and Russian, the hand-written tables
    assert gazetteer.cache_info().currsize == 1
    built = records._finder_for.cache_info()
    assert built.currsize == 1
    records.finder()
    assert records._finder_for.cache_info().hits == built.hits + 1  # the first article finds it built
