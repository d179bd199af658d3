"""On PostgreSQL, a GIN index on events' kept precedent facts, so the precedent check finds the
events in a statement's places (`facts @> {"places": [...]}`) without reading a whole family."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS event_facts_gin ON timeline_event USING gin (facts jsonb_path_ops)")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS event_facts_gin")


class Migration(migrations.Migration):
    dependencies = [("timeline", "0006_event_label_locked")]
    operations = [migrations.RunPython(forward, backward)]
