"""factdb settings: one file, everything from the environment.

`make run` sets FACTDB_DEBUG=1 and uses the embedded defaults (SQLite, tasks in
process). Production sets SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL and
ALLOWED_HOSTS.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from kombu import Queue
from django.core.exceptions import ImproperlyConfigured

from factdb.env import env_bool, env_hhmm, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("FACTDB_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set (or FACTDB_DEBUG=1 for local runs)")
    SECRET_KEY = "insecure-local-development-key-only-used-with-FACTDB_DEBUG"
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    # Sessions, password resets and CSRF tokens are signed with it: a short key can be guessed.
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host names the site is served under (comma-separated)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "work",
    "claims",
    "timeline",
    "pipeline",
    "evaluation",
    "integrations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "factdb.middleware.single_query_values",
    # Last, as its documentation asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factdb.urls"
# A history page's "revert" would write to the model directly, around the services.
SIMPLE_HISTORY_REVERT_DISABLED = True
WSGI_APPLICATION = "factdb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'factdb.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,  # a kept connection the server dropped is replaced, not used
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes first: it refuses a login from a locked-out address or user name before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# One cache for every process: the API throttles and the login lockout count
# there, so a client cannot reset them by landing on another worker. Redis in
# production; local memory for `make run` (one process) and the tests.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("CACHE_URL must be set in production (e.g. redis://127.0.0.1:6379/2): throttles and the login lockout need a cache every process shares")

# How many proxies in front of the app append to X-Forwarded-For. 0 (the
# default) trusts only the connection's address, so a client cannot pick its
# own address and walk round the throttles.
NUM_PROXIES = env_int("NUM_PROXIES", 0, minimum=0, maximum=10)

# Admin login: after this many failures for one user name or from one address,
# logins from there are refused for an hour (failures are recorded in the database).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_IPWARE_PROXY_COUNT = NUM_PROXIES or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if NUM_PROXIES else ["REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"

# Articles larger than this are refused: a news article is tens of kilobytes,
# and the extractor's cost grows with the text.
FACTDB_MAX_ARTICLE_CHARS = env_int("FACTDB_MAX_ARTICLE_CHARS", 1_000_000, minimum=1_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = FACTDB_MAX_ARTICLE_CHARS * 4 + 65_536

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["factdb.permissions.EditorWriteOrReadOnly"],
    # orjson writes the same JSON several times faster than the standard library: a timeline
    # page is about 100 KB of it (measured in bench.reads). The browsable API stays for people.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    # JSON only: one body format to validate, document and test.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "factdb.pagination.StrictPageNumber",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "factdb.schema.FactdbAutoSchema",
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_CLASSES": [
        "factdb.throttling.AnonRateThrottle",
        "factdb.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("FACTDB_THROTTLE_ANON", "300/minute"),
        "user": env_str("FACTDB_THROTTLE_USER", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "factdb.api_errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "factdb.negotiation.StrictFormatNegotiation",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "factdb API",
    "DESCRIPTION": "Dated claims from news articles, the events they describe, and where sources disagree.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from our own static files: no CDN script runs on the admin's origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "factdb.schema.strict_inputs"],
}

# Celery. Without a broker the tasks run in process (make run, unit tests).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or "cache+memory://")
# At-least-once: a task is acknowledged only when it has finished, and a
# worker that dies mid-task hands it back, so nothing is lost. Tasks are
# idempotent, so running one twice is harmless.
# The database holds the state of all work (article status, the re-check queue, runs), so task
# results are never read; not storing them also keeps a send from waiting on the result store.
CELERY_TASK_IGNORE_RESULT = True
# Workers keep their database connection between tasks (factdb/celery.py says why and when
# it is closed); Celery's fixup still recycles it after this many tasks.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000, minimum=0)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360, minimum=2)
# Redis re-delivers an unacknowledged task after this long; it must exceed the
# longest task, or a slow task would run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT * 2,
    # A broker that does not answer must not hold a request: the work is already in the
    # database and the sweep rings again (work/doorbell.py).
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = TIME_ZONE
# Re-checks asked for by editors have a queue of their own, so they never wait behind a
# backlog of arriving articles (each article settles its own findings); a worker started
# without -Q consumes both, and Redis takes from the two queues in turn.
CELERY_TASK_QUEUES = (Queue("celery"), Queue("checks"))
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {"pipeline.events_recheck": {"queue": "checks"}}
_report_hour, _report_minute = env_hhmm("FACTDB_REPORT_AT", "02:00")
CELERY_BEAT_SCHEDULE = {
    "nightly-consistency-report": {
        "task": "pipeline.nightly_report",
        "schedule": crontab(hour=_report_hour, minute=_report_minute),
    },
    # Re-sends work whose message was lost (broker outage, killed worker); see pipeline/stages.py.
    "pipeline-sweep": {"task": "pipeline.sweep", "schedule": float(env_int("FACTDB_SWEEP_EVERY", 60, minimum=1))},
    "webhooks-dispatch": {"task": "integrations.tasks.dispatch_webhooks", "schedule": env_int("FACTDB_WEBHOOK_DISPATCH_EVERY", 5, minimum=1)},
    "fetch-sweep": {"task": "integrations.tasks.sweep_fetch_requests", "schedule": 60.0},
    "feeds-poll": {"task": "integrations.tasks.poll_due_feeds", "schedule": 60.0},
}

# The pipeline (pipeline/stages.py).
# Work untouched for this many seconds is sent again by the sweep; longer than a normal stage takes.
FACTDB_SWEEP_AFTER = env_int("FACTDB_SWEEP_AFTER", 300, minimum=1)
FACTDB_SWEEP_BATCH = env_int("FACTDB_SWEEP_BATCH", 1000, minimum=1)
# An article whose processing has started this often without finishing is failed for an editor to look at.
FACTDB_MAX_ATTEMPTS = env_int("FACTDB_MAX_ATTEMPTS", 5, minimum=1)
# A text with more dated expressions than this is failed with a clear error instead of stalling the queue.
FACTDB_MAX_CLAIMS_PER_ARTICLE = env_int("FACTDB_MAX_CLAIMS_PER_ARTICLE", 2000, minimum=1)
# A worker rung for an article takes up to this many waiting articles and links and checks them
# together (the fixed cost of a stage is paid once), as long as their texts total at most
# FACTDB_BATCH_CHARS characters; a longer article goes alone. 1 processes one at a time.
FACTDB_BATCH_ARTICLES = env_int("FACTDB_BATCH_ARTICLES", 25, minimum=1, maximum=1000)
FACTDB_BATCH_CHARS = env_int("FACTDB_BATCH_CHARS", 100_000, minimum=1)
# At most this many existing events are relinked with a new claim (a vague date could match a whole kind).
FACTDB_LINK_NEIGHBOURHOOD = env_int("FACTDB_LINK_NEIGHBOURHOOD", 200, minimum=1)

# Integrations: add by URL, feeds, webhooks, exports (integrations/).
# Outgoing requests go to public addresses only; these name the exceptions
# (an intranet feed, a subscriber on the same host), as IPs/CIDRs or host names.
FACTDB_FETCH_ALLOWED_NETWORKS = env_list("FACTDB_FETCH_ALLOWED_NETWORKS")
FACTDB_FETCH_ALLOWED_HOSTS = env_list("FACTDB_FETCH_ALLOWED_HOSTS")
FACTDB_FETCH_TIMEOUT = env_int("FACTDB_FETCH_TIMEOUT", 15, minimum=1, maximum=300)
FACTDB_FETCH_MAX_BYTES = env_int("FACTDB_FETCH_MAX_BYTES", 5_000_000, minimum=10_000)
FACTDB_FETCH_MAX_ATTEMPTS = env_int("FACTDB_FETCH_MAX_ATTEMPTS", 3, minimum=1)
# A pending fetch untouched this long is rung again by the sweep (a lost message, a retry after a timeout).
FACTDB_FETCH_RETRY_AFTER = env_int("FACTDB_FETCH_RETRY_AFTER", 120, minimum=1)
FACTDB_WEBHOOK_MAX_ATTEMPTS = env_int("FACTDB_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
# The first retry waits this many seconds, each later one twice as long (at most an hour).
FACTDB_WEBHOOK_BACKOFF = env_int("FACTDB_WEBHOOK_BACKOFF", 30, minimum=0)
# How far back each dispatch looks again, for rows whose transaction committed after an earlier scan.
FACTDB_WEBHOOK_LOOKBACK = env_int("FACTDB_WEBHOOK_LOOKBACK", 600, minimum=0)
# The organisation named as the author of ClaimReview exports, and the public address of this site.
FACTDB_REVIEWER_NAME = env_str("FACTDB_REVIEWER_NAME", "factdb")
FACTDB_REVIEWER_URL = env_str("FACTDB_REVIEWER_URL", "")
FACTDB_PUBLIC_URL = env_str("FACTDB_PUBLIC_URL", "").rstrip("/")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend")
# Empty means "no mail server": reports are then not emailed (see timeline.reports.email_configured).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factdb@localhost")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Seconds the public timeline page's HTML is kept in the cache. Entries are
# keyed by timeline.versions' counter, which the pipeline bumps when it
# changes an event, so a change shows at once; 0 turns the cache off.
TIMELINE_PAGE_CACHE_SECONDS = env_int("TIMELINE_PAGE_CACHE_SECONDS", 300, minimum=0)
