"""A real local HTTP server (pytest-httpserver) serving real-looking pages and feeds.

It listens on 127.0.0.1, which factdb refuses by default: tests that fetch
from it allow that one address through FACTDB_FETCH_ALLOWED_NETWORKS, the
same setting a deployment would use for an intranet feed.
"""

from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def base(httpserver) -> str:
    return f"http://127.0.0.1:{httpserver.port}"


@pytest.fixture
def sample(base):
    """A sample file with {base} replaced by the server's address."""

    def read(name: str) -> str:
        return (SAMPLES / name).read_text(encoding="utf-8").replace("{base}", base)

    return read


@pytest.fixture
def allow_local(settings):
    settings.FACTDB_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FACTDB_FETCH_TIMEOUT = 5
    return settings


HTML = "text/html; charset=utf-8"
