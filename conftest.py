# Tests run with FACTDB_DEBUG=1 (the Makefile exports it: pytest-django reads the
# settings before this file is imported); DATABASE_URL and CELERY_BROKER_URL
# still choose the services.
import pytest


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run eagerly unless a test asks for a real worker.

    With a broker configured (CI), a test that enqueues work without starting
    a worker would otherwise wait forever for nobody.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield  # pure pipeline tests run with -p no:django
        return
    settings = request.getfixturevalue("settings")
    # Tests write rows without the services that bump the timeline's version,
    # so a page cached by one test could be served to the next.
    settings.TIMELINE_PAGE_CACHE_SECONDS = 0
    from factdb.celery import app

    eager = "real_worker" not in request.keywords
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the pipeline's tasks) when the test ends.

    For the pipeline's results inside a test, wrap the calls in
    `django_capture_on_commit_callbacks(execute=True)` instead.
    """
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        yield callbacks
