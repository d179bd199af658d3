"""Events keep the ids of the claims a timeline page previews of them, so a page reads them by id.

The data step fills them for stored events with the rule the pipeline uses
(timeline.selectors.event_previews), copied here so this migration does not
change when that module does.
"""

import json

from django.db import migrations, models

_PREVIEW = """
SELECT event_id, id FROM (
    SELECT id, event_id, ROW_NUMBER() OVER (
        PARTITION BY event_id ORDER BY seen_before, value_start IS NULL, value_start, published_at IS NULL, published_at, id
    ) AS place
    FROM (
        SELECT c.id, c.event_id, c.value_start, a.published_at,
               ROW_NUMBER() OVER (
                   PARTITION BY c.event_id, c.value_start, c.value_end
                   ORDER BY a.published_at IS NULL, a.published_at, c.id
               ) AS seen_before
        FROM claims_claim c JOIN claims_article a ON a.id = c.article_id
        WHERE c.event_id >= %s AND c.event_id < %s
    ) AS valued
) AS placed
WHERE place <= 5
ORDER BY event_id, place
"""
_CHUNK = 2000


def fill_previews(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(event_id), MAX(event_id) FROM claims_claim")
        low, high = cursor.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, _CHUNK):
            cursor.execute(_PREVIEW, [start, start + _CHUNK])
            previews: dict[int, list[int]] = {}
            for event_id, claim_id in cursor.fetchall():
                previews.setdefault(event_id, []).append(claim_id)
            cursor.executemany(
                "UPDATE timeline_event SET preview_claims = %s WHERE id = %s", [(json.dumps(ids), event_id) for event_id, ids in previews.items()]
            )


class Migration(migrations.Migration):

    dependencies = [
        ("timeline", "0008_event_by_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="preview_claims",
            field=models.JSONField(
                blank=True, default=list, editable=False, help_text="ids of the claims a timeline page shows of it (timeline.selectors.event_previews)"
            ),
        ),
        migrations.RunPython(fill_previews, migrations.RunPython.noop),
    ]
