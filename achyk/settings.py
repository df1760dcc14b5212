"""Achyk settings: one module, read from environment variables, with embedded defaults.

Embedded default (nothing but Python): SQLite, local media, local-memory cache, a
database-backed task queue. At scale, set DATABASE_URL (PostgreSQL), REDIS_URL (cache),
MEDIA_STORAGE=s3 with the AWS_* variables (S3-compatible media), EMAIL_URL.
See docs/operators/configuration.md.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ACHYK_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Production refuses to start without a real key; the embedded default (DEBUG or the local
# `make run`, which sets ACHYK_EMBEDDED=1) may use a key that is clearly marked insecure.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("ACHYK_EMBEDDED") or "pytest" in sys.modules:
        SECRET_KEY = "insecure-embedded-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured("Set SECRET_KEY (or ACHYK_EMBEDDED=1 for a local trial).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The platform's own address: bodies without their own host name live under /<slug>/ here.
# Bodies are also reachable at <slug>.<ACHYK_SITES_DOMAIN> (and at their own host name).
ACHYK_SITES_DOMAIN = os.environ.get("ACHYK_SITES_DOMAIN", "localhost")

INSTALLED_APPS = [
    "achyk.ui",
    "achyk.signin",
    "achyk.bodies",
    "achyk.guide",
    "achyk.pagecache",
    "achyk.images",
    "achyk.documents",
    "achyk.budget",
    "achyk.content",
    "achyk.bin",
    "achyk.participation",
    "achyk.search",
    "achyk.transparency",
    "achyk.plans",
    "achyk.social_order",
    "achyk.demo",
    # Before django_tasks_db: its `db_worker` command is replaced by ours (achyk.operations).
    "achyk.operations",
    "achyk.workdays",
    "achyk.requests",
    "achyk.subscriptions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    # /healthz and /readyz, before anything that reads the host, the session or the database.
    "achyk.operations.middleware.HealthMiddleware",
    # Pages this process served from the page cache, served again from its own memory.
    "achyk.pagecache.near.NearPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "achyk.ui.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "achyk.ui.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "achyk.pagecache.middleware.PageCacheMiddleware",
    "achyk.bodies.middleware.BodyMiddleware",
    "achyk.bodies.middleware.BodyLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "achyk.signin.middleware.IdleTimeoutMiddleware",
    "achyk.signin.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "achyk.bodies.seal.TenantSealMiddleware",
    "achyk.ui.redirects.SiteRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "achyk.ui.ratelimit.RateLimitMiddleware",
]

ROOT_URLCONF = "achyk.urls"
WSGI_APPLICATION = "achyk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "achyk.ui.context_processors.accessibility",
                "achyk.bodies.context_processors.body",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (or any dj-database-url URL) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'achyk.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request reuses it: after a restart of
        # PostgreSQL, each thread's first request would otherwise answer 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis from REDIS_URL. Redis fails open (achyk.ui.cache): with
# Redis down, pages render from the database and nothing waits more than half a second for it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "achyk.ui.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "achyk"),
        }
    }
else:
    # Each process has its own; room for the public pages of a small installation.
    CACHES = {
        "default": {
            "BACKEND": "achyk.ui.cache.LocalMemoryCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Public pages for anonymous readers are kept this many seconds at most (achyk.pagecache);
# they are forgotten earlier when their content changes. 0 turns the page cache off.
CACHE_PAGE_SECONDS = int(os.environ.get("CACHE_PAGE_SECONDS", "300"))
# Each process keeps up to this many bytes of the pages it served from the page cache in its
# own memory and serves them from there while Redis announces no change (achyk.pagecache.near).
# Only with REDIS_URL (the local-memory cache is already the process's own). 0: none kept.
CACHE_NEAR_BYTES = int(os.environ.get("CACHE_NEAR_BYTES", str(32 * 2**20) if REDIS_URL else "0"))
# What every page of a body shows of the body's data beyond the page itself (the sections of
# its menu) is kept this many seconds at most and forgotten with the body's pages
# (achyk.pagecache.parts). Kept by default only in a cache every process shares (REDIS_URL):
# with local memory another process would show staff an old menu. 0: computed on every render.
CACHE_PART_SECONDS = int(os.environ.get("CACHE_PART_SECONDS", "300" if REDIS_URL else "0"))
# The admin's sidebar (its menus) of each user is kept this many seconds at most
# (achyk.bodies.sidebar); it is built again at once when the user's roles change. 0: not kept.
ADMIN_SIDEBAR_CACHE_SECONDS = int(os.environ.get("ADMIN_SIDEBAR_CACHE_SECONDS", "600"))
# The front cache (Varnish, deploy/varnish/achyk.vcl): the addresses its bans are sent to,
# comma-separated. Empty: no front cache, and no response is marked for one.
FRONT_CACHE_URLS = [
    url.strip() for url in os.environ.get("FRONT_CACHE_URLS", "").split(",") if url.strip()
]

# Background tasks: the database queue by default (run `manage.py db_worker`);
# TASKS_BACKEND=immediate runs them in the request (tests and tiny installs).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}

# The task worker (achyk.operations.worker): a task left RUNNING by a worker that stopped is
# run again, at most TASK_MAX_ATTEMPTS claims in all; a worker on another machine is presumed
# stopped when its task has run longer than TASK_LEASE_SECONDS.
ACHYK_TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", "3600"))
ACHYK_TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))

# Media: local files by default, S3-compatible storage with MEDIA_STORAGE=s3.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
        },
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")
# Local media is served by the application itself (embedded default); behind a web server,
# set SERVE_MEDIA=0 and let the server serve MEDIA_ROOT.
SERVE_MEDIA = env_bool("SERVE_MEDIA", MEDIA_STORAGE == "local")

# E-mail: console by default; EMAIL_URL=smtp://user:pass@host:port (smtps:// for TLS).
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
if EMAIL_URL.startswith(("smtp://", "smtps://")):
    from urllib.parse import unquote

    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_SSL = _email.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "achyk@localhost")
# Hard bounces of an address (on different days) before its subscriptions stop.
ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = int(os.environ.get("ACHYK_SUBSCRIPTIONS_HARD_BOUNCES", "3"))

# The embedded default (a local trial, the demo) and DEBUG; production is everything else.
EMBEDDED = DEBUG or env_bool("ACHYK_EMBEDDED")

# Authentication, throttling of failed logins (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
# One account's failures from any address, and one address's failures across user names
# (a higher limit: an office shares one address), achyk.bodies.throttle.UserAndAddressHandler.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_LOCKOUT_TEMPLATE = "bodies/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "achyk.bodies.throttle.UserAndAddressHandler"
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "achyk.bodies.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "achyk.ui.ratelimit.client_address"
# Behind a proxy every request comes from the proxy's address: with USE_X_FORWARDED_FOR the
# client's address is the last one of X-Forwarded-For (which the proxy appends).
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR")

# A second factor (TOTP with recovery codes, django-otp; achyk.signin). Required of platform
# admins, supervisors and body admins when ACHYK_REQUIRE_2FA is on (the production default),
# offered to everyone else. Off on the embedded default, so the demo logins need a password only.
ACHYK_REQUIRE_2FA = env_bool("ACHYK_REQUIRE_2FA", not EMBEDDED)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Achyk")
# A signed-in session ends after this long without a request.
ACHYK_IDLE_TIMEOUT = int(os.environ.get("ACHYK_IDLE_TIMEOUT_MINUTES", "480")) * 60

# Cookies and transport security. Behind TLS (production), SECURE_COOKIES defaults on.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not EMBEDDED)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
# `check --deploy` passes with these two silenced on purpose: W019, because the admin's live
# preview shows pages in a same-origin frame (X_FRAME_OPTIONS stays SAMEORIGIN); W004, because
# HSTS binds the whole domain for months, so the operator turns it on (SECURE_HSTS_SECONDS or
# the proxy), never a default.
SILENCED_SYSTEM_CHECKS = ["security.W019"] + ([] if SECURE_HSTS_SECONDS else ["security.W004"])
if env_bool("USE_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp; achyk.ui.security). Public pages: nothing inline, no
# plugins, framed by the platform only. Uploads may come from another host (MEDIA_URL, S3).
_media_origins = [
    f"{_url.scheme}://{_url.netloc}"
    for _url in [urlsplit(MEDIA_URL)]
    if _url.scheme in ("http", "https") and _url.netloc
]
if MEDIA_STORAGE == "s3":
    _custom = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    _endpoint = os.environ.get("AWS_S3_ENDPOINT_URL")
    _media_origins += [f"https://{_custom}"] if _custom else []
    _media_origins += [_endpoint.rstrip("/")] if _endpoint else ["https://*.amazonaws.com"]
_media_origins += env_list("ACHYK_CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_origins],
        "media-src": [SELF, *_media_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The admin's additions (see achyk.ui.security): Wagtail's inline styles, and image previews
# of uploads before they are sent (blob:). No inline script: achyk.ui.admin_scripts starts
# Wagtail's widgets instead.
ACHYK_ADMIN_CSP = {
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_media_origins],
}

# Rate limits of anonymous readers per address and minute (achyk.ui.ratelimit).
ACHYK_RATE_LIMITS_ON = env_bool("ACHYK_RATE_LIMITS_ON", True)
ACHYK_RATE_LIMITS = {
    kind: int(os.environ.get(f"ACHYK_RATE_{kind.upper()}", default))
    for kind, default in [
        ("search", 60), ("registry", 120), ("export", 30), ("form", 20), ("signin", 20),
    ]
}  # fmt: skip

# Languages: Kyrgyz, Russian, Kazakh, English. URLs carry the language (/ky/, /ru/, ...).
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", "Кыргызча"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own catalogues first; then the admin's, for the Wagtail and Django strings Wagtail has no
# Kyrgyz or Kazakh catalogue for (`make messages` writes into achyk/locale only).
LOCALE_PATHS = [BASE_DIR / "achyk" / "locale", BASE_DIR / "achyk" / "ui" / "admin_locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"

# Wagtail.
WAGTAIL_SITE_NAME = "Achyk"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.Image"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.Document"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "txt", "rtf"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: staff e-mail hashes stay here, and the CSP allows no such host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
# Workflows are platform-wide in Wagtail; bodies publish directly (docs/adr/0001-tenancy.md).
WAGTAIL_WORKFLOW_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "achyk.signin.forms.AdminLoginForm"
LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "achyk.signin.forms.AdminLoginForm"

# Uploads: checked by content (achyk.ui.uploads, through the admin forms below), with one size
# limit for every file and a pixel limit against decompression bombs.
ACHYK_MAX_UPLOAD_BYTES = int(os.environ.get("ACHYK_MAX_UPLOAD_MB", "20")) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = ACHYK_MAX_UPLOAD_BYTES
# ZIP containers (DOCX, XLSX, ODT, ODS) from users: the most they may unpack to, and the most
# they may be compressed, at upload and at every later read (achyk.ui.uploads.archives).
ACHYK_ZIP_MAX_BYTES = int(os.environ.get("ACHYK_ZIP_MAX_MB", "100")) * 1024 * 1024
ACHYK_ZIP_MAX_RATIO = int(os.environ.get("ACHYK_ZIP_MAX_RATIO", "100"))
WAGTAILDOCS_MAX_UPLOAD_SIZE = ACHYK_MAX_UPLOAD_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILDOCS_DOCUMENT_FORM_BASE = "achyk.documents.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "achyk.images.forms.ImageForm"
# Only PDFs open in the browser; every other document is a download (Content-Disposition:
# attachment), served with nosniff and a CSP that blocks scripts.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
