"""A claim that names a happening no longer looks up every event of its exact day.

Such a claim can join by its date alone only an event that names no happening
(timeline.analysis.linking._unnamed), so those events are now also filed under
"unnamed|<day>" and the claim looks that key up instead of "exact|<day>". This
files the stored events that name no happening (no "family|" key) under it.
"""

from django.db import migrations

_FILE = """
INSERT INTO timeline_eventkey (event_id, key)
SELECT k.event_id, SUBSTR('unnamed|' || SUBSTR(k.key, 7), 1, 300)
FROM timeline_eventkey k
WHERE k.key LIKE 'exact|%'
  AND NOT EXISTS (SELECT 1 FROM timeline_eventkey f WHERE f.event_id = k.event_id AND f.key LIKE 'family|%')
  AND NOT EXISTS (SELECT 1 FROM timeline_eventkey u WHERE u.event_id = k.event_id AND u.key = SUBSTR('unnamed|' || SUBSTR(k.key, 7), 1, 300))
"""
_UNFILE = "DELETE FROM timeline_eventkey WHERE key LIKE 'unnamed|%'"


def file_unnamed(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_FILE)


def unfile_unnamed(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_UNFILE)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0009_event_preview_claims")]

    operations = [migrations.RunPython(file_unnamed, unfile_unnamed)]
