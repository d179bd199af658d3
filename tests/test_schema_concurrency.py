"""Concurrent first schema requests cannot race drf-spectacular's lazy set-up (factdb.schema.SchemaView)."""

import threading

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_schema_answers_every_one_of_many_concurrent_first_requests():
    codes = []

    def fetch():
        codes.append(Client().get("/api/schema/").status_code)

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert codes == [200] * 8
