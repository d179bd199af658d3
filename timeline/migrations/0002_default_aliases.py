"""Load the default entity aliases; editors extend and correct them in the admin."""

import json
from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "fixtures" / "default_aliases.json"


def load(apps, schema_editor):
    EntityAlias = apps.get_model("timeline", "EntityAlias")
    for row in json.loads(DEFAULTS.read_text(encoding="utf-8")):
        EntityAlias.objects.get_or_create(alias=row["alias"], kind=row["kind"], defaults={"canonical": row["canonical"]})


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
