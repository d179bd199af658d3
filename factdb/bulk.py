"""Writing many rows' changed columns at once, without bulk_update.

bulk_update builds a CASE WHEN per row and column, and compiling it cost the ORM more
than the database's work: linking's placements were an eighth of a worker's CPU
in a batch (bench/ingest.py), the events' summaries seconds per chunk of 500 (bench/reads.py).
Here each row is one parameterised UPDATE of the same statement, sent as a batch
(psycopg pipelines executemany). No signals and no history rows, as with bulk_update:
for the pipeline's own readings, never for an editor's edit.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from django.db import connections, models, router, transaction


def rows_update(objects: Sequence[models.Model], fields: Sequence[str]) -> int:
    """Write `fields` of each object (by primary key); returns how many objects were sent."""
    if not objects:
        return 0
    model = type(objects[0])
    using = router.db_for_write(model)
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    rows = [[field.get_db_prep_save(_plain(getattr(obj, field.attname)), connection) for field in columns] + [obj.pk] for obj in objects]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def _plain(value):
    # An analysis enum (an event's status) is stored as its value, as a model's choices are.
    return value.value if isinstance(value, enum.Enum) else value
