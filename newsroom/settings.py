"""Newsroom settings: one module, configured from the environment (12-factor).

Every variable is documented in `.env.example`. Production is the default: DEBUG is
off unless asked for, and without DEBUG the site refuses to start with no SECRET_KEY.
"""

import os
import sys
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false).")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, or DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-key"
# A weak key (the placeholder of .env.example, or one Django's `check --deploy` calls weak:
# under 50 characters, under 5 distinct ones, or django-insecure-…) signs sessions, preview
# links and password resets that anyone could forge: refused like a missing one, except in
# development (DEBUG), in test runs (ALLOW_WEAK_SECRET_KEY=1, set by the Makefile and
# .ci/run; PYTEST_VERSION, set by pytest itself) (docs/security.md).
EXAMPLE_SECRET_KEY = "change-me-to-a-long-random-string"
_WEAK_KEY_ALLOWED = (
    DEBUG or env_bool("ALLOW_WEAK_SECRET_KEY", False) or bool(os.environ.get("PYTEST_VERSION"))
)
if not _WEAK_KEY_ALLOWED and (
    SECRET_KEY == EXAMPLE_SECRET_KEY
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak (the example's placeholder, under 50 characters, under 5 "
        "distinct characters, or django-insecure-…). Make one with: python -c "
        "'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = env_str("SITE_NAME", "Newsroom")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes register first.
    "modeltranslation",
    # Django's admin with the second factor of staff accounts (newsroom/admin_site.py).
    "newsroom.admin_config.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "newsroom",
    "articles",
    "authors",
    "ads",
    "magazine",
    "searchlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer, cached pages and
    # static files included (core/security.py, docs/security.md).
    "core.security.SecurityHeadersMiddleware",
    # A body larger than MAX_REQUEST_BODY_BYTES is answered 413 before it is read.
    "core.uploads.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTTP caching (docs/caching.md): ETag and 304 answers, for cached pages too; whole
    # pages for anonymous readers and every response's Cache-Control; Brotli/gzip for
    # responses without secrets (the page cache stores them compressed).
    "django.middleware.http.ConditionalGetMiddleware",
    "core.pagecache.PageCacheMiddleware",
    "core.compression.CompressionMiddleware",
    # A database that cannot be reached: a 503 page with Retry-After (core/faults.py).
    "core.faults.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): a one-time code given in this session (docs/accounts.md).
    "django_otp.middleware.OTPMiddleware",
    # Staff sessions: 30 idle minutes, 12 hours after login at most (core/staff_sessions.py).
    "core.staff_sessions.StaffSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes last, as its documentation asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# The embedded default keeps `make run` working anywhere; production sets DATABASE_URL
# to PostgreSQL (postgres://user:pass@host:5432/name).
if not env_str("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)  # the embedded default lives there, out of git
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that stops answering must not hold a worker for long (docs/faults.md): give up
# connecting after DATABASE_CONNECT_TIMEOUT seconds (libpq's minimum is 2), cancel any
# statement running longer than DATABASE_STATEMENT_TIMEOUT_MS (0: no limit), and stop waiting
# for a server that no longer answers on an open connection (core/postgresql, our backend).
# The commands that may run longer lift the statement limit (LONG_COMMANDS); so do tests.
LONG_COMMANDS = {
    "migrate",
    "seed_demo",
    "reindex_search",
    "rebuild_search_words",
    "regenerate_renditions",
    "prune_searchlog",
    "loaddata",
    "dumpdata",
    "shell",
    "dbshell",
    "backup",
    "restore",
}
_command = sys.argv[1] if len(sys.argv) > 1 and Path(sys.argv[0]).name == "manage.py" else ""
DATABASE_STATEMENT_TIMEOUT_MS = env_int(
    "DATABASE_STATEMENT_TIMEOUT_MS",
    0 if _command in LONG_COMMANDS or os.environ.get("PYTEST_VERSION") else 5000,
)
# How long a worker waits for any answer on an open connection, seconds: the statement limit
# and two seconds more; no limit when statements have none.
DATABASE_WAIT_TIMEOUT = (
    DATABASE_STATEMENT_TIMEOUT_MS / 1000 + 2 if DATABASE_STATEMENT_TIMEOUT_MS > 0 else None
)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["ENGINE"] = "core.postgresql"  # Django's, with the waits bounded
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 2))
    if DATABASE_STATEMENT_TIMEOUT_MS > 0:
        _db_options["options"] = (
            _db_options.get("options", "")
            + f" -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
        ).strip()
if DATABASES["default"]["ENGINE"].endswith("postgresql") and os.environ.get("PYTEST_VERSION"):
    # Concurrent test runs on one server (developers, CI) each get their own test database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
# Read replicas (docs/deployment.md): DATABASE_REPLICA_URLS, comma-separated, become the
# aliases replica1, replica2…; reader pages (GET/HEAD, not the admin, not staff) read from
# one of them, everything else and every write uses the primary, and a request that wrote
# reads the primary for the rest of it (core/db_router.py). None configured: no router.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = dj_database_url.parse(
        _url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    DATABASES[_alias]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        **DATABASES[_alias].get("OPTIONS", {}),
    }
    if DATABASES[_alias]["ENGINE"].endswith("postgresql"):
        DATABASES[_alias]["ENGINE"] = "core.postgresql"  # waits bounded (docs/faults.md)
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}  # tests read what they wrote
    DATABASE_REPLICAS.append(_alias)
# After a change of public content, readers use the primary for this many seconds, so that a
# page cached under the new generation is never rendered from a replica that lags behind.
DATABASE_REPLICA_LAG_SECONDS = env_int("DATABASE_REPLICA_LAG_SECONDS", 10)
# Pages under these prefixes read the primary even for readers: the back office, and
# previews of drafts just saved (signed links anyone may open).
DATABASE_PRIMARY_PATH_PREFIXES = ["/admin/", "/preview/"]
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "core.db_router.ReplicaMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The listing indexes INCLUDE non-key columns for PostgreSQL's index-only scans
    # (articles/models.py); SQLite builds them without, which is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A Redis that stops answering costs each cache call this long, not a worker for
            # ever (docs/faults.md); every caller carries on without the cache.
            "OPTIONS": {
                "socket_timeout": env_float("REDIS_SOCKET_TIMEOUT", 0.5),
                "socket_connect_timeout": env_float("REDIS_SOCKET_TIMEOUT", 0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole public pages kept for anonymous readers, at most this many seconds (and never beyond
# the next scheduled publication or expiry); 0 turns the page cache off. Off by default with
# DEBUG, so that a developer's template edits show at once (docs/caching.md).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
# A callable (dotted path) that asks the CDN in front to drop its copies, called after every
# invalidation; empty: no CDN (docs/caching.md has examples for Cloudflare, Fastly, Varnish).
NEWSROOM_CDN_PURGE = env_str("NEWSROOM_CDN_PURGE")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (docs/accounts.md): AXES_FAILURE_LIMIT failures from one address (on any
# user names: password spraying) or on one user name (from any addresses: a botnet) lock
# that address or that user name out for AXES_COOLOFF_MINUTES after the last failure that
# counted; failures while locked out do not count, so nobody can extend a lockout forever.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True  # only the person's own failures (newsroom/login_throttling.py)
AXES_HANDLER = "newsroom.login_throttling.NewsroomAxesHandler"
# The client's address: X-Forwarded-For is read only behind this many trusted proxies (each
# appending the address it saw); 0: the connection's peer, the header ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "newsroom.login_throttling.client_address"
AXES_VERBOSE = False
# Two-factor authentication (django-otp, docs/accounts.md): editors, administrators and
# superusers give a one-time code after the password, and so does anyone who set up an
# authenticator. On by default; off by default only in development (DEBUG, `make run`).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = SITE_NAME

# Languages. The database stores text in CONTENT_LANGUAGES (modeltranslation's *_ar, *_fr
# columns: adding a language there needs a migration). The site offers the editions of
# NEWSROOM_EDITIONS, chosen among them, the first being the main one (`/` and x-default).
# LANGUAGES is that list and the one definition everything reads: URL prefixes, `/`, the
# switcher, hreflang, sitemaps, the back office's language menu.
LANGUAGE_NAMES = {"ar": _("Arabic"), "fr": _("French")}
CONTENT_LANGUAGES = tuple(LANGUAGE_NAMES)
NEWSROOM_EDITIONS = tuple(env_list("NEWSROOM_EDITIONS", "ar,fr"))
if (
    not NEWSROOM_EDITIONS
    or len(set(NEWSROOM_EDITIONS)) != len(NEWSROOM_EDITIONS)
    or not set(NEWSROOM_EDITIONS) <= set(CONTENT_LANGUAGES)
):
    raise ImproperlyConfigured(
        f"NEWSROOM_EDITIONS={env_str('NEWSROOM_EDITIONS')!r}: give a comma-separated list of "
        f"distinct editions among {', '.join(CONTENT_LANGUAGES)} (e.g. ar,fr)."
    )
LANGUAGE_CODE = NEWSROOM_EDITIONS[0]
LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code in NEWSROOM_EDITIONS]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's own date formatting (the admin) in the house style: 24 h, Moroccan months through
# locale/ar (core/formats/). Our pages format dates with core/dates.py.
FORMAT_MODULE_PATH = ["core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Africa/Casablanca")

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = CONTENT_LANGUAGES
# No global fallback: article text must never leak into another edition. Models whose
# names may fall back (sections, authors, tags) say so in their translation options.
MODELTRANSLATION_FALLBACK_LANGUAGES = ()

# "maghreb" (يوليوز، غشت…) for Morocco, "mashriq" (يوليو، أغسطس…) for other markets.
NEWSROOM_ARABIC_MONTHS = env_str("NEWSROOM_ARABIC_MONTHS", "maghreb")
# A section gets a block on the home page when it has an article among this many newest.
NEWSROOM_HOME_CANDIDATES = env_int("NEWSROOM_HOME_CANDIDATES", 1000)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads readers may not always see (magazine PDFs): outside MEDIA_ROOT, served only by
# views that check the record (docs/media.md). Never serve this folder from a web server.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve user uploads from Django when no front server does it (small deployments, demos).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# With a front server (nginx): Django checks who may see /media/covers/… and answers with
# `X-Accel-Redirect: <this prefix><path>`; nginx sends the file from an `internal` location
# (docs/media.md). Empty: Django sends the file itself (SERVE_MEDIA).
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT")
# Uploads on S3-compatible object storage (docs/deployment.md, core/object_storage.py):
# MEDIA_STORAGE=s3 keeps uploads and renditions under media/ in AWS_STORAGE_BUCKET_NAME and
# magazine PDFs under private/ (or in AWS_PRIVATE_STORAGE_BUCKET_NAME). Credentials come
# from boto3's usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, an instance role).
# Links stay under MEDIA_URL: Django serves /media/ (covers once checked, articles/media.py);
# a front server or CDN may serve the rest of it straight from the bucket.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use filesystem or s3.")
if MEDIA_STORAGE == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    _s3 = {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
    }
    STORAGES["default"] = {
        "BACKEND": "core.object_storage.MediaStorage",
        # Served only after articles/media.py's check (its PROTECTED_PREFIX).
        "OPTIONS": {**_s3, "checked_prefixes": ["covers/"]},
    }
    STORAGES["private"] = {
        "BACKEND": "core.object_storage.PrivateStorage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", _s3["bucket_name"]),
        },
    }
    SERVE_MEDIA = True  # /media/ is Django's: nothing of ours serves the bucket otherwise

# Uploads: images are checked by Pillow; anything larger is refused with a form error.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 8 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Files past their field's limit are not stored (core/uploads.py); the form says so. A body
# larger than the largest file limit plus the other fields is answered 413 unread.
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGIN_URL = "admin:login"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default; silences the transition warning

# Security headers; HTTPS-only settings follow SECURE_SSL_REDIRECT so a plain-HTTP
# local production run (gunicorn on 127.0.0.1) still works.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No page may be framed, but the staff preview, which the admin's preview page frames
# (articles/preview_views.py says SAMEORIGIN; CSP frame-ancestors follows: core/security.py).
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only staff log in; their sessions end after 30 idle minutes and 12 hours after login at
# most (core/staff_sessions.py); the cookie itself lives no longer.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
# The back-office language cookie, like the session's.
LANGUAGE_COOKIE_SECURE = SECURE_SSL_REDIRECT
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy (core/security.py, docs/security.md); frame-ancestors is added per
# answer. No inline script anywhere; the public pages have no inline style either. The
# admin's templates and its rich-text editor write style attributes, so its policy allows
# inline styles (never inline scripts) and frames (the preview).
_MEDIA_ORIGIN = " ".join(
    {MEDIA_URL.split("/", 3)[0] + "//" + MEDIA_URL.split("/", 3)[2]}
    if MEDIA_URL.startswith(("https://", "http://"))
    else set()
)
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": f"'self' data: {_MEDIA_ORIGIN}".strip(),
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY,
    "style-src": "'self' 'unsafe-inline'",
    "img-src": f"'self' data: blob: {_MEDIA_ORIGIN}".strip(),
    "frame-src": "'self'",
}
CSP_ADMIN_PATH_PREFIX = "/admin/"
# Permissions-Policy: browser features no page uses, turned off for the page and its frames.
PERMISSIONS_POLICY_DISABLED = (
    "camera", "microphone", "geolocation", "browsing-topics", "payment", "usb",
)  # fmt: skip

# Errors reach the operator (docs/faults.md): mail to ADMINS ("Name <a@b>,Other <c@d>") for
# every server error (Django's django.request logger) and for a database outage (core.faults,
# once a minute per process), through the SMTP server of EMAIL_HOST; and Sentry when
# SENTRY_DSN is set. Without EMAIL_HOST mail is only printed (the console backend), and the
# 500 page then does not claim that anyone was told.
ADMINS = [
    (name or address, address) for name, address in getaddresses(env_list("ADMINS")) if address
]
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 5)  # a mail server that hangs must not hold a worker
SERVER_EMAIL = env_str("SERVER_EMAIL", "newsroom@localhost")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", f"[{SITE_NAME}] ")

SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        # No cookies, user ids, addresses or request bodies unless the operator says so.
        send_default_pii=env_bool("SENTRY_SEND_DEFAULT_PII", False),
        release=env_str("SENTRY_RELEASE") or None,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Server errors: Django's own logger mails ADMINS too (its default configuration).
        "core.faults": {"handlers": ["console", "mail_admins"], "propagate": False},
        "axes": {"level": "WARNING"},  # one INFO line per login otherwise
    },
}

# modeltranslation's tabs need jQuery UI; serve our vendored copy, never a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Editorial workflow (docs/workflow.md): how long a staff preview link stays valid, seconds.
ARTICLE_PREVIEW_MAX_AGE = env_int("ARTICLE_PREVIEW_MAX_AGE", 3600)
# Someone counts as "editing" an article while their change form has pinged this recently.
EDIT_PRESENCE_SECONDS = env_int("EDIT_PRESENCE_SECONDS", 180)
# The back-office language chosen in the admin header is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

# Banners and the weekend magazine (ads/README.md, magazine/README.md, docs/counters.md).
# The in-article banner slot comes after this paragraph of the text; the listing slot
# after this item of section, tag and archive pages (once per page).
NEWSROOM_IN_ARTICLE_AD_AFTER = env_int("NEWSROOM_IN_ARTICLE_AD_AFTER", 2)
NEWSROOM_LISTING_AD_AFTER = env_int("NEWSROOM_LISTING_AD_AFTER", 5)
# How long a language's eligible banners and the latest magazine issue stay cached (seconds).
BANNER_CACHE_SECONDS = env_int("BANNER_CACHE_SECONDS", 60)
MAX_MAGAZINE_PDF_BYTES = env_int("MAX_MAGAZINE_PDF_BYTES", 50 * 1024 * 1024)
# Upload limits by form field name (core/uploads.py); any other file: MAX_IMAGE_UPLOAD_BYTES.
FILE_UPLOAD_FIELD_LIMITS = {"pdf": MAX_MAGAZINE_PDF_BYTES}
MAX_REQUEST_BODY_BYTES = env_int(
    "MAX_REQUEST_BODY_BYTES",
    max(MAX_IMAGE_UPLOAD_BYTES, MAX_MAGAZINE_PDF_BYTES) + DATA_UPLOAD_MAX_MEMORY_SIZE,
)
# Counters (impressions, clicks, downloads, page views): each process writes its pending
# counts after this many hits or seconds, whichever comes first (0 turns either off).
COUNTERS_FLUSH_HITS = env_int("COUNTERS_FLUSH_HITS", 1000)
COUNTERS_FLUSH_SECONDS = env_int("COUNTERS_FLUSH_SECONDS", 60)
COUNTERS_KEY_PREFIX = env_str("COUNTERS_KEY_PREFIX", "newsroom:counters")
# What readers search for (docs/searchlog.md): weeks kept by `manage.py prune_searchlog`.
SEARCHLOG_KEEP_WEEKS = env_int("SEARCHLOG_KEEP_WEEKS", 52)

# Abuse limits of the public endpoints that write (docs/abuse.md, core/ratelimit.py): hits
# per client address (TRUSTED_PROXY_COUNT says where it is read) per
# NEWSROOM_RATE_LIMIT_WINDOW seconds; 0 = no limit. Benchmarks (NEWSROOM_BENCH), whose
# traffic all comes from one address, run without them unless they are set.
NEWSROOM_RATE_LIMIT_WINDOW = env_int("NEWSROOM_RATE_LIMIT_WINDOW", 60)
_unlimited = env_bool("NEWSROOM_BENCH", False)
NEWSROOM_RATE_LIMITS = {
    "search": env_int("RATE_LIMIT_SEARCH", 0 if _unlimited else 30),  # searches run (not hits)
    "search_beacon": env_int("RATE_LIMIT_SEARCH_BEACON", 0 if _unlimited else 30),
    "read_beacon": env_int("RATE_LIMIT_READ_BEACON", 0 if _unlimited else 60),
    "ads_fill": env_int("RATE_LIMIT_ADS_FILL", 0 if _unlimited else 60),  # impressions
    "ads_click": env_int("RATE_LIMIT_ADS_CLICK", 0 if _unlimited else 20),  # clicks counted
}
# A banner click counts once per impression token, within this many seconds of the
# impression, and once per banner per reader address per ADS_CLICK_WINDOW (ads/README.md).
ADS_IMPRESSION_TOKEN_SECONDS = env_int("ADS_IMPRESSION_TOKEN_SECONDS", 3600)
ADS_CLICK_WINDOW = env_int("ADS_CLICK_WINDOW", 3600)

# Benchmarks only (docs/benchmarks.md): mounts /_bench/floor/, a minimal view answering
# BENCH_FLOOR_BYTES bytes through the whole middleware stack. Never on in production.
NEWSROOM_BENCH = env_bool("NEWSROOM_BENCH", False)
BENCH_FLOOR_BYTES = env_int("BENCH_FLOOR_BYTES", 60000)
