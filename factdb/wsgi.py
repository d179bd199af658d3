import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdb.settings")
application = get_wsgi_application()


def _warm_schema() -> None:
    """Build the OpenAPI schema once while the process is still single-threaded.

    drf-spectacular resolves its extension classes lazily, on the first schema
    request, and not thread-safely: two first requests at once in a threaded
    worker can see a half-resolved extension and answer 500 (seen when two
    clients fetched /api/schema/ from a fresh server in the same second).
    """
    from drf_spectacular.generators import SchemaGenerator

    try:
        SchemaGenerator().get_schema(request=None, public=True)
    except Exception:  # the site must still start; the first schema request will say what is wrong
        logging.getLogger(__name__).exception("could not build the API schema at start-up")


_warm_schema()
