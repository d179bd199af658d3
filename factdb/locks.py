"""A database lock that serialises the whole-store stages (linking, checking).

Two workers relinking at once would both create the same event. PostgreSQL's
transaction-scoped advisory lock makes the second wait; SQLite already allows
one writer at a time, so there it is a no-op.
"""

import zlib
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def pipeline_lock(name: str):
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(name.encode())])
        yield
