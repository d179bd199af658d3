"""The migration that removes the former default alias rows keeps every row an editor touched."""

import importlib

import pytest
from django.apps import apps

from timeline.models import EntityAlias

cleanup = importlib.import_module("timeline.migrations.0005_remove_corpus_default_aliases")


@pytest.mark.django_db
def test_only_untouched_exact_former_default_rows_are_removed(monkeypatch):
    monkeypatch.setattr(cleanup, "FORMER_DEFAULTS", frozenset({cleanup.digest("Ann Example", "person", "Ann Example"), cleanup.digest("Bo Example", "person", "Bo Example")}))
    # as the data migration wrote them: no history
    EntityAlias.objects.bulk_create([EntityAlias(alias="Ann Example", kind="person", canonical="Ann Example")])
    EntityAlias.objects.bulk_create([EntityAlias(alias="Cy Example", kind="person", canonical="Cy Example")])
    # an editor saved this one (history), though it equals a former default
    EntityAlias.objects.create(alias="Bo Example", kind="person", canonical="Bo Example")
    # an editor changed the canonical name of a former default
    EntityAlias.objects.bulk_create([EntityAlias(alias="Ann E.", kind="person", canonical="Ann Example")])

    cleanup.remove(apps, None)

    assert sorted(EntityAlias.objects.values_list("alias", flat=True)) == ["Ann E.", "Bo Example", "Cy Example"]


def test_the_migration_names_nobody():
    source = open(cleanup.__file__, encoding="utf-8").read()
    assert all(len(d) == 64 for d in cleanup.FORMER_DEFAULTS) and "person\\x1f" not in source
